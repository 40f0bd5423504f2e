import { useEffect, useState } from 'preact/hooks';
import { useSocketEvent } from '../api/socket-context';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, PRIORITIES, type TComplaintBoard } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useAgentsAndTeams } from '../conversations/hooks/use-directory';
import { formatTime } from '../ui/duration';
import { complaintsApi } from './complaints-api';
import { useComplaintsText } from './complaints-text';
import { DeadlineBadge } from './deadline-badge';

type Filters = { status: string; category: string; priority: string; teamId: string; handlerId: string; overdue: boolean; sort: 'due' | 'created' };
const EMPTY: Filters = { status: '', category: '', priority: '', teamId: '', handlerId: '', overdue: false, sort: 'due' };

/** The complaints board: counts per status, filters, soonest deadline first. */
export function ComplaintsBoard() {
  const { t } = useI18n();
  const { c, locale } = useComplaintsText();
  const { users, teams } = useAgentsAndTeams();
  const [f, setF] = useState<Filters>(EMPTY);
  const [board, setBoard] = useState<TComplaintBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Any complaint change reloads the board (filters stay).
  const [version, setVersion] = useState(0);
  useSocketEvent('complaint:updated', () => setVersion((v) => v + 1));

  useEffect(() => {
    const params: Record<string, string> = { sort: f.sort };
    for (const k of ['status', 'category', 'priority', 'teamId', 'handlerId'] as const) if (f[k]) params[k] = f[k];
    if (f.overdue) params['overdue'] = '1';
    let current = true;
    complaintsApi.board(params).then(
      (b) => current && (setBoard(b), setError(null)),
      (err) => current && setError(errorText(t, err)),
    );
    return () => {
      current = false;
    };
  }, [f, version]);

  const set = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));
  const total = board ? Object.values(board.counts).reduce((a, b) => a + b, 0) : 0;
  const select = (label: string, value: string, any: string, options: [string, string][], on: (v: string) => void) => (
    <label class="c-filter">
      <span class="sr-only">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => on(e.currentTarget.value)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );

  return (
    <div class="complaints-board">
      <div class="c-head">
        <h1>{c('c.boardTitle')}</h1>
        <a class="btn btn-primary btn-sm" href={hrefFor('complaints', 'new')}>{c('c.newPhone')}</a>
      </div>
      <div class="c-counts" role="group" aria-label={c('c.col.status')}>
        <button type="button" aria-pressed={f.status === ''} onClick={() => set({ status: '' })}>
          {c('c.all')} <span class="count">{total}</span>
        </button>
        {COMPLAINT_STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={f.status === s} onClick={() => set({ status: s })}>
            {c(`c.status.${s}`)} <span class="count">{board?.counts[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <div class="c-filters" role="group" aria-label={c('c.filters')}>
        {select(c('c.col.category'), f.category, c('c.anyCategory'), COMPLAINT_CATEGORIES.map((x) => [x, c(`c.category.${x}`)]), (v) => set({ category: v }))}
        {select(c('c.col.priority'), f.priority, c('c.anyPriority'), PRIORITIES.map((x) => [x, t(`priority.${x}`)]), (v) => set({ priority: v }))}
        {select(c('c.col.team'), f.teamId, c('c.anyTeam'), (teams ?? []).map((x) => [x.id, x.name]), (v) => set({ teamId: v }))}
        {select(c('c.col.handler'), f.handlerId, c('c.anyHandler'), (users ?? []).map((x) => [x.id, x.name]), (v) => set({ handlerId: v }))}
        <label class="c-check">
          <input type="checkbox" checked={f.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} /> {c('c.overdueOnly')}
        </label>
        <label class="c-filter">
          <span class="sr-only">{c('c.sort')}</span>
          <select aria-label={c('c.sort')} value={f.sort} onChange={(e) => set({ sort: e.currentTarget.value === 'created' ? 'created' : 'due' })}>
            <option value="due">{c('c.sortDue')}</option>
            <option value="created">{c('c.sortCreated')}</option>
          </select>
        </label>
      </div>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {!board && !error && <p class="muted">{c('c.loading')}</p>}
      {board && board.complaints.length === 0 && <p class="muted">{c('c.empty')}</p>}
      {board && board.complaints.length > 0 && (
        <div class="c-table-wrap">
          <table class="c-table">
            <thead>
              <tr>
                {(['number', 'status', 'category', 'priority', 'team', 'handler', 'due', 'created'] as const).map((k) => <th key={k} scope="col">{c(`c.col.${k}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {board.complaints.map((x) => (
                <tr key={x.id}>
                  <th scope="row"><a href={hrefFor('complaints', x.id)}>{x.number}</a></th>
                  <td><span class={`c-status c-status-${x.status}`}>{c(`c.status.${x.status}`)}</span></td>
                  <td>{c(`c.category.${x.category}`)}</td>
                  <td><span class={`prio prio-${x.priority}`}>{t(`priority.${x.priority}`)}</span></td>
                  <td>{x.teamName ?? '—'}</td>
                  <td>{x.handlerName ?? '—'}</td>
                  <td><DeadlineBadge state={x.deadlineState} dueAt={x.dueAt} /></td>
                  <td>{formatTime(locale, x.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
