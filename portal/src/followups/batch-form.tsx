import { useEffect, useState } from 'preact/hooks';
import type { TFollowUpFilter, TUser } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { qualityApi } from '../quality/quality-api';
import { useQualityText } from '../quality/quality-text';

const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** A manager plans a follow-up batch: filter customers, due date, agents (spread evenly). */
export function BatchForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { q } = useQualityText();
  const [users, setUsers] = useState<TUser[]>([]);
  const [name, setName] = useState('');
  const [maxRating, setMaxRating] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [vip, setVip] = useState(false);
  const [complaints, setComplaints] = useState(false);
  const [due, setDue] = useState('');
  const [agents, setAgents] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.users().then((u) => setUsers(u.filter((x) => x.active)), () => undefined), []);

  const filter = (): TFollowUpFilter => ({
    ...(maxRating ? { maxRating: Number(maxRating) } : {}),
    ...(from ? { resolvedFrom: iso(from)! } : {}),
    ...(to ? { resolvedTo: iso(to)! } : {}),
    ...(vip ? { vip: true } : {}),
    ...(complaints ? { closedComplaints: true } : {}),
  });

  async function run(action: () => Promise<string>) {
    setError(null);
    try {
      setMessage(await action());
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <form class="card form" onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        const r = await qualityApi.createBatch({ name, filter: filter(), dueAt: iso(due)!, agentIds: agents });
        onCreated();
        return q('fu.created', { n: r.followUps.length });
      });
    }}>
      <div class="form-grid">
        <label>{q('fu.batchName')}<input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label>{q('fu.maxRating')}
          <select value={maxRating} onChange={(e) => setMaxRating(e.currentTarget.value)}>
            <option value="">{q('fu.any')}</option>
            {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>{q('fu.resolvedFrom')}<input type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></label>
        <label>{q('fu.resolvedTo')}<input type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} /></label>
        <label class="check"><input type="checkbox" checked={vip} onChange={(e) => setVip(e.currentTarget.checked)} /> {q('fu.vipOnly')}</label>
        <label class="check"><input type="checkbox" checked={complaints} onChange={(e) => setComplaints(e.currentTarget.checked)} /> {q('fu.closedComplaints')}</label>
        <label>{q('fu.dueAt')}<input type="datetime-local" required value={due} onInput={(e) => setDue(e.currentTarget.value)} /></label>
      </div>
      <fieldset class="checks checks-scroll">
        <legend>{q('fu.agents')}</legend>
        {users.map((u) => (
          <label key={u.id} class="check">
            <input type="checkbox" checked={agents.includes(u.id)}
              onChange={(e) => setAgents((a) => (e.currentTarget.checked ? [...a, u.id] : a.filter((x) => x !== u.id)))} /> {u.name}
          </label>
        ))}
      </fieldset>
      {error && <p class="field-error" role="alert">{error}</p>}
      {message && <p class="small" role="status">{message}</p>}
      <div class="form-actions">
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void run(async () => q('fu.previewCount', { n: await qualityApi.previewBatch(filter()) }))}>{q('fu.preview')}</button>
        <button type="submit" class="btn btn-primary btn-sm" disabled={agents.length === 0}>{q('fu.create')}</button>
      </div>
    </form>
  );
}
