import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type TAuditEntry } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useResource } from '../settings/use-resource';
import { adminApi } from './admin-api';
import { useAdminText } from './admin-text';

type TFilters = { action: string; actorId: string; targetType: string; targetId: string; from: string; to: string };
const EMPTY: TFilters = { action: '', actorId: '', targetType: '', targetId: '', from: '', to: '' };
const PAGE = 50;

/** The query of the filters: dates (local days) become instants, `to` includes its whole day. */
export function auditQuery(f: TFilters, before?: string): Record<string, string> {
  const q: Record<string, string> = { limit: String(PAGE) };
  if (f.action) q.action = f.action;
  if (f.actorId) q.actorId = f.actorId;
  if (f.targetType.trim()) q.targetType = f.targetType.trim();
  if (f.targetId.trim()) q.targetId = f.targetId.trim();
  if (f.from) q.from = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) q.to = new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString();
  if (before) q.before = before;
  return q;
}

/** Settings → Audit log: filter by action, actor, target and dates; newest first, paging back. */
export function AuditLog() {
  const { t, locale } = useI18n();
  const { a } = useAdminText();
  const users = useResource(api.users);
  const [filters, setFilters] = useState<TFilters>(EMPTY);
  const [entries, setEntries] = useState<TAuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function load(f: TFilters, before?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await adminApi.audit(auditQuery(f, before));
      setEntries((prev) => (before ? [...prev, ...page.entries] : page.entries));
      setNext(page.nextBefore);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => { void load(EMPTY); }, []);

  const set = (k: keyof TFilters) => (e: { currentTarget: { value: string } }) => setFilters({ ...filters, [k]: e.currentTarget.value });
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });

  return (
    <section aria-labelledby="audit-title">
      <div class="section-head"><h2 id="audit-title">{a('audit.title')}</h2></div>
      <p class="muted small">{a('audit.help')}</p>
      <form class="audit-filters" onSubmit={(e) => { e.preventDefault(); void load(filters); }}>
        <label class="field"><span>{a('audit.action')}</span>
          <select value={filters.action} onChange={set('action')}>
            <option value="">{a('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label class="field"><span>{a('audit.actor')}</span>
          <select value={filters.actorId} onChange={set('actorId')}>
            <option value="">{a('audit.anyActor')}</option>
            {users.data?.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label class="field"><span>{a('audit.targetType')}</span><input value={filters.targetType} onInput={set('targetType')} placeholder="user, site, customer…" /></label>
        <label class="field"><span>{a('audit.targetId')}</span><input value={filters.targetId} onInput={set('targetId')} /></label>
        <label class="field"><span>{a('audit.from')}</span><input type="date" value={filters.from} onInput={set('from')} /></label>
        <label class="field"><span>{a('audit.to')}</span><input type="date" value={filters.to} onInput={set('to')} /></label>
        <div class="audit-apply"><button type="submit" class="btn btn-primary btn-sm" disabled={loading}>{a('audit.apply')}</button></div>
      </form>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {!loading && entries.length === 0 && !error && <p class="muted">{a('audit.empty')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table class="table audit-table">
            <thead>
              <tr>
                <th scope="col">{a('audit.at')}</th><th scope="col">{a('audit.actor')}</th><th scope="col">{a('audit.action')}</th>
                <th scope="col">{a('audit.target')}</th><th scope="col">{a('audit.detail')}</th><th scope="col">{a('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap">{when.format(new Date(e.at))}</td>
                  <td>{e.actorName ?? (e.actorId ? e.actorId.slice(0, 8) : a('audit.system'))}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.targetType}{e.targetId && <div class="muted small"><code>{e.targetId}</code></div>}</td>
                  <td class="audit-detail"><code>{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''}</code></td>
                  <td class="muted small">{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <div class="form-actions">
          <button type="button" class="btn btn-sm" disabled={loading} onClick={() => void load(filters, next)}>{a('audit.more')}</button>
        </div>
      )}
    </section>
  );
}
