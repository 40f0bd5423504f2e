import { useState } from 'preact/hooks';
import { COMPLAINT_CATEGORIES, PRIORITIES, ZSlaPolicyBody, type TComplaintCategory, type TPriority } from '@kefu/shared';
import { useComplaintsText } from '../complaints/complaints-text';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useResource } from '../settings/use-resource';
import { adminApi } from './admin-api';
import { useAdminText } from './admin-text';

/** Settings → SLA policies: the deadlines per priority (optionally per category); saving replaces the policy of that pair. */
export function SlaSettings() {
  const { t } = useI18n();
  const { a } = useAdminText();
  const { c } = useComplaintsText();
  const policies = useResource(adminApi.slaPolicies);
  const [category, setCategory] = useState<TComplaintCategory | ''>('');
  const [priority, setPriority] = useState<TPriority>('normal');
  const [first, setFirst] = useState('60');
  const [resolution, setResolution] = useState('1440');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function edit(p: { category: string | null; priority: TPriority; firstResponseMinutes: number; resolutionMinutes: number }) {
    setCategory((p.category ?? '') as TComplaintCategory | '');
    setPriority(p.priority);
    setFirst(String(p.firstResponseMinutes));
    setResolution(String(p.resolutionMinutes));
  }

  async function save(e: Event) {
    e.preventDefault();
    const parsed = ZSlaPolicyBody.safeParse({ category: category || null, priority, firstResponseMinutes: Number(first), resolutionMinutes: Number(resolution) });
    if (!parsed.success) return setError(t('form.fix'));
    setBusy(true);
    setError(null);
    try {
      await adminApi.saveSlaPolicy(parsed.data);
      await policies.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const catLabel = (x: string | null) => (x ? c(`c.category.${x}` as 'c.category.other') : a('sla.anyCategory'));
  return (
    <section aria-labelledby="sla-title">
      <div class="section-head"><h2 id="sla-title">{a('sla.title')}</h2></div>
      <p class="muted small">{a('sla.help')}</p>
      {policies.error != null && <p class="banner banner-error" role="alert">{errorText(t, policies.error)}</p>}
      {policies.data && policies.data.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr><th scope="col">{a('sla.category')}</th><th scope="col">{a('sla.priority')}</th><th scope="col" class="num">{a('sla.firstResponse')}</th>
                <th scope="col" class="num">{a('sla.resolution')}</th><th scope="col"><span class="sr-only">{t('common.edit')}</span></th></tr>
            </thead>
            <tbody>
              {policies.data.map((p) => (
                <tr key={p.id}>
                  <td>{catLabel(p.category)}</td><td>{t(`priority.${p.priority}`)}</td>
                  <td class="num">{p.firstResponseMinutes}</td><td class="num">{p.resolutionMinutes}</td>
                  <td><button type="button" class="btn btn-ghost btn-sm" onClick={() => edit(p)}>{t('common.edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="sla-form" onSubmit={save} noValidate>
        <label class="field"><span>{a('sla.category')}</span>
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value as TComplaintCategory | '')}>
            <option value="">{a('sla.anyCategory')}</option>
            {COMPLAINT_CATEGORIES.map((x) => <option key={x} value={x}>{catLabel(x)}</option>)}
          </select>
        </label>
        <label class="field"><span>{a('sla.priority')}</span>
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as TPriority)}>
            {PRIORITIES.map((x) => <option key={x} value={x}>{t(`priority.${x}`)}</option>)}
          </select>
        </label>
        <label class="field"><span>{a('sla.firstResponse')}</span><input type="number" min={1} value={first} onInput={(e) => setFirst(e.currentTarget.value)} /></label>
        <label class="field"><span>{a('sla.resolution')}</span><input type="number" min={1} value={resolution} onInput={(e) => setResolution(e.currentTarget.value)} /></label>
        <div><button type="submit" class="btn btn-primary btn-sm" disabled={busy}>{a('sla.add')}</button></div>
      </form>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
    </section>
  );
}
