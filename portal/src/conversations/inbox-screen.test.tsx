import { render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TRole } from '@kefu/shared';
import { SessionContext } from '../session/session-context';
import { aConversation, aUser, fakeFetch } from '../test-fixtures';
import { InboxScreen } from './inbox-screen';

afterEach(() => vi.unstubAllGlobals());

function renderAs(role: TRole, route: string[] = []) {
  vi.stubGlobal('fetch', fakeFetch(() => ({ status: 200, body: { ok: true, conversations: [aConversation({ visitor: { id: 'abcd1234-0000-4000-8000-000000000000', name: null, email: null, vip: true } })] } })));
  const user = aUser({ role });
  render(
    <SessionContext.Provider value={{ user, setUser: () => undefined, logout: () => undefined }}>
      <InboxScreen route={route} />
    </SessionContext.Provider>,
  );
}

describe('InboxScreen', () => {
  it('hides the All tab from agents', () => {
    renderAs('agent');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Mine', 'Queue']);
  });

  it('shows the All tab to supervisors', () => {
    renderAs('supervisor');
    expect(screen.getByRole('tab', { name: 'All' })).toBeTruthy();
  });

  it('falls back to Mine when an agent opens the All view by address', () => {
    renderAs('agent', ['all']);
    expect(screen.getByRole('tab', { name: 'Mine' }).getAttribute('aria-selected')).toBe('true');
  });

  it('lists queued conversations with a placeholder name, VIP badge, position and a Claim button', async () => {
    renderAs('agent', ['queue']);
    expect(await screen.findByText('Visitor #abcd')).toBeTruthy();
    expect(screen.getByText('VIP')).toBeTruthy();
    expect(screen.getByText('#1 in queue')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Claim' })).toBeTruthy();
  });

  it('links each conversation to its own address under the inbox, so clicking opens it', async () => {
    renderAs('agent', ['queue']);
    const link = (await screen.findByText('Visitor #abcd')).closest('a');
    expect(link?.getAttribute('href')).toMatch(/^#\/inbox\/queue\/[0-9a-f-]{36}$/);
  });
});
