import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TPermission, TScheduledReport } from '@kefu/shared';
import { SessionContext } from '../session/session-context';
import { aUser, fakeFetch, uuid } from '../test-fixtures';
import { ScheduledReportsScreen } from './scheduled-reports-screen';

afterEach(() => vi.unstubAllGlobals());

const report = (over: Partial<TScheduledReport>): TScheduledReport => ({
  id: uuid(70), kind: 'daily', from: '2026-11-30', to: '2026-11-30', timeZone: 'Asia/Shanghai', status: 'sent', madeAt: '2026-12-01T02:00:05Z', recipients: ['boss@example.com'], subject: 'Kefu 客服日报：2026-11-30', error: null, ...over,
});

function renderWith(permissions: TPermission[]) {
  const fetch = fakeFetch(() => ({
    status: 200,
    body: { ok: true, reports: [report({}), report({ id: uuid(71), kind: 'weekly', from: '2026-11-23', to: '2026-11-29', status: 'stored', recipients: [] }), report({ id: uuid(72), status: 'failed', error: 'boom' })], schedule: { enabled: true, dailyAt: '10:00', timeZone: 'Asia/Shanghai', mail: true } },
  }));
  vi.stubGlobal('fetch', fetch);
  render(
    <SessionContext.Provider value={{ user: { ...aUser({ role: 'manager' }), permissions }, setUser: () => undefined, logout: () => undefined }}>
      <ScheduledReportsScreen />
    </SessionContext.Provider>,
  );
  return fetch;
}

describe('ScheduledReportsScreen', () => {
  it('lists past reports with their delivery and CSV / text downloads in the reader\'s language', async () => {
    renderWith(['reports.view']);
    expect(await screen.findByText('Mailed to 1')).toBeTruthy();
    expect(screen.getByText('Stored (no mail)')).toBeTruthy();
    expect(screen.getByText('2026-11-23 – 2026-11-29')).toBeTruthy();
    expect(screen.getByText(/every day at 10:00 \(Asia\/Shanghai\)/)).toBeTruthy();
    const csv = screen.getAllByRole('link', { name: 'CSV' });
    expect(csv).toHaveLength(2); // the failed one has nothing to download
    expect(csv[0]!.getAttribute('href')).toBe(`/api/scheduled-reports/${uuid(70)}/download?format=csv&locale=en`);
  });

  it('asks the server for one kind when a filter is chosen', async () => {
    const fetch = renderWith(['reports.view']);
    await screen.findByText('Mailed to 1');
    fireEvent.click(screen.getByRole('button', { name: 'Monthly' }));
    await vi.waitFor(() => expect(fetch.calls.map((c) => c.url)).toContain('/api/scheduled-reports?kind=monthly'));
  });

  it('refuses a reader without the reports permission, without asking the server', () => {
    const fetch = renderWith([]);
    expect(screen.getByRole('alert').textContent).toContain('roles that may view reports');
    expect(fetch.calls).toHaveLength(0);
  });
});
