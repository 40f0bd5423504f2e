import { useState } from 'preact/hooks';
import { COMPLAINT_CATEGORIES, LOCALES, PRIORITIES, type TComplaintCategory, type TLocale, type TPriority } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { complaintsApi } from './complaints-api';
import { useComplaintsText } from './complaints-text';

/** An agent registers a complaint the customer made by phone (channel `phone`; the agent is its owner). */
export function PhoneComplaintForm() {
  const { t } = useI18n();
  const { c } = useComplaintsText();
  const [v, setV] = useState({ customerName: '', phone: '', email: '', category: 'service' as TComplaintCategory, priority: 'normal' as TPriority, description: '', locale: 'zh-CN' as TLocale });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; number: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));

  if (done) {
    return (
      <div class="complaint-detail">
        <p class="banner" role="status">{c('c.created', { number: done.number })}</p>
        <p>{c('c.trackingLink')} <code>{done.url}</code></p>
        <a class="btn btn-primary" href={hrefFor('complaints', done.id)}>{c('c.open')}</a>
      </div>
    );
  }
  return (
    <form
      class="complaint-detail c-box c-form-stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          const r = await complaintsApi.registerPhone({ ...v, ...(v.email.trim() ? { email: v.email.trim() } : { email: undefined }) });
          setDone({ id: r.complaint.id, number: r.complaint.number, url: r.trackingUrl });
        } catch (err) {
          setError(errorText(t, err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <a href={hrefFor('complaints')}>← {c('c.back')}</a>
      <h1>{c('c.phoneTitle')}</h1>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      <label class="field"><span>{c('c.customerName')}</span><input required maxLength={100} value={v.customerName} onInput={(e) => set({ customerName: e.currentTarget.value })} /></label>
      <label class="field"><span>{c('c.phone')}</span><input required type="tel" maxLength={30} value={v.phone} onInput={(e) => set({ phone: e.currentTarget.value })} /></label>
      <label class="field"><span>{c('c.email')}</span><input type="email" maxLength={200} value={v.email} onInput={(e) => set({ email: e.currentTarget.value })} /></label>
      <label class="field"><span>{c('c.category')}</span>
        <select value={v.category} onChange={(e) => set({ category: e.currentTarget.value as TComplaintCategory })}>
          {COMPLAINT_CATEGORIES.map((x) => <option key={x} value={x}>{c(`c.category.${x}`)}</option>)}
        </select>
      </label>
      <label class="field"><span>{c('c.priority')}</span>
        <select value={v.priority} onChange={(e) => set({ priority: e.currentTarget.value as TPriority })}>
          {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
        </select>
      </label>
      <label class="field"><span>{c('c.locale')}</span>
        <select value={v.locale} onChange={(e) => set({ locale: e.currentTarget.value as TLocale })}>
          {LOCALES.map((l) => <option key={l} value={l}>{l === 'en' ? 'English' : '中文'}</option>)}
        </select>
      </label>
      <label class="field"><span>{c('c.description')}</span><textarea required rows={5} maxLength={4000} value={v.description} onInput={(e) => set({ description: e.currentTarget.value })} /></label>
      <div class="row"><button type="submit" class="btn btn-primary" disabled={busy}>{c('c.newPhone')}</button></div>
    </form>
  );
}
