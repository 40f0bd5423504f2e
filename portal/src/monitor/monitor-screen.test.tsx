import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TMonitorSnapshot, TRole } from '@kefu/shared';
import type { AgentSocket } from '../api/agent-socket';
import { SocketProvider } from '../api/socket-context';
import { SessionContext } from '../session/session-context';
import { aUser, fakeFetch, uuid } from '../test-fixtures';
import { MonitorScreen } from './monitor-screen';

afterEach(() => vi.unstubAllGlobals());

/** Enough of a socket.io client for the provider and the monitor hook; `serverEmit` plays the server. */
class FakeSocket {
  connected = false;
  active = true;
  emitted: { event: string; payload: unknown }[] = [];
  private handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  constructor(private readonly answer: (event: string) => unknown) {}
  on(event: string, fn: (...a: unknown[]) => void) {
    (this.handlers.get(event) ?? this.handlers.set(event, new Set()).get(event)!).add(fn);
    return this;
  }
  off(event: string, fn: (...a: unknown[]) => void) {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, payload: unknown, ack?: (a: unknown) => void) {
    this.emitted.push({ event, payload });
    ack?.(this.answer(event));
    return this;
  }
  serverEmit(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
  connect() {}
  disconnect() {}
}

const TEAM = uuid(10);
const AGENT = uuid(20);

function aSnapshot(over: Partial<TMonitorSnapshot> = {}): TMonitorSnapshot {
  const base = Date.now();
  const at = new Date(base).toISOString();
  return {
    at,
    teams: [{ teamId: TEAM, name: 'After-sales', queued: 2, oldestQueuedAt: new Date(base - 5.5 * 60_000).toISOString(), agentsOnline: 1, freeCapacity: 0 }],
    agents: [{ id: AGENT, name: 'Wang Fang', role: 'agent', presence: 'online', presenceSince: at, load: 3, capacity: 3, teamIds: [TEAM] }],
    waiting: [{ conversationId: uuid(30), status: 'queued', priority: 'urgent', vip: true, visitorName: '陈先生', teamId: TEAM, teamName: 'After-sales', assigneeId: null, assigneeName: null, waitingSince: new Date(base - 5.5 * 60_000).toISOString(), lastMessageText: '<b>退款</b>什么时候到账？' }],
    complaints: [{ complaintId: uuid(40), number: 'KS20261201-0003', status: 'in_progress', category: 'billing', priority: 'high', deadline: 'resolution', dueAt: new Date(base + 2 * 3600_000).toISOString(), state: 'at_risk', teamName: 'After-sales', handlerName: null }],
    complaintCounts: { atRisk: 1, breached: 0 },
    today: { day: '2026-12-01', timeZone: 'Asia/Shanghai', created: 42, resolved: 37, missed: 3, complaintsFiled: 2 },
    ...over,
  };
}

function renderAs(role: TRole, answer: (event: string) => unknown) {
  const socket = new FakeSocket(answer);
  render(
    <SessionContext.Provider value={{ user: aUser({ role }), setUser: () => undefined, logout: () => undefined }}>
      <SocketProvider connect={() => socket as unknown as AgentSocket}>
        <MonitorScreen />
      </SocketProvider>
    </SessionContext.Provider>,
  );
  act(() => socket.serverEmit('connect'));
  return socket;
}

describe('MonitorScreen', () => {
  it('shows queues, agents with load, the longest-waiting customers, complaints at risk and today\'s counters from the subscription', () => {
    const socket = renderAs('supervisor', () => ({ ok: true, snapshot: aSnapshot() }));
    expect(socket.emitted.map((e) => e.event)).toContain('monitor:subscribe');
    const queues = screen.getByRole('region', { name: 'Queues' });
    expect(within(queues).getByRole('row', { name: /After-sales/ }).textContent).toContain('5 min');
    expect(screen.getByText('3 / 3')).toBeTruthy();
    expect(screen.getByText('Full')).toBeTruthy();
    expect(screen.getByText('陈先生')).toBeTruthy();
    // Customer text is shown as text, never as HTML.
    expect(screen.getByText('<b>退款</b>什么时候到账？')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'KS20261201-0003' }).getAttribute('href')).toBe(`#/complaints/${uuid(40)}`);
    const today = screen.getByRole('region', { name: /Today/ });
    expect(within(today).getByText('42')).toBeTruthy();
    expect(within(today).getByText('Missed')).toBeTruthy();
  });

  it('replaces the view with each pushed snapshot and ignores one older than what it shows', () => {
    const socket = renderAs('supervisor', () => ({ ok: true, snapshot: aSnapshot() }));
    const later = aSnapshot({ at: new Date(Date.now() + 1000).toISOString() });
    later.agents = [{ ...later.agents[0]!, presence: 'offline', load: 0 }];
    act(() => socket.serverEmit('monitor:snapshot', later));
    expect(screen.getByText('0 / 3')).toBeTruthy();
    expect(screen.getByText('0 online · 0 away · 1 offline')).toBeTruthy();
    act(() => socket.serverEmit('monitor:snapshot', aSnapshot({ at: new Date(Date.now() - 60_000).toISOString() })));
    expect(screen.getByText('0 / 3')).toBeTruthy();
  });

  it('tells an agent the monitor is for supervisors, without subscribing', () => {
    const socket = renderAs('agent', () => ({ ok: true, snapshot: aSnapshot() }));
    expect(screen.getByRole('alert').textContent).toBe('The live monitor is for supervisors and above.');
    expect(socket.emitted.map((e) => e.event)).not.toContain('monitor:subscribe');
  });

  it('opens the transfer dialog to reassign a waiting conversation', async () => {
    vi.stubGlobal('fetch', fakeFetch((url) => ({ status: 200, body: url.includes('/users') ? { ok: true, users: [aUser({ id: AGENT, name: 'Wang Fang' })] } : { ok: true, teams: [] } })));
    renderAs('supervisor', () => ({ ok: true, snapshot: aSnapshot() }));
    fireEvent.click(screen.getByRole('button', { name: 'Reassign' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('option', { name: /Wang Fang/ })).toBeTruthy();
  });
});
