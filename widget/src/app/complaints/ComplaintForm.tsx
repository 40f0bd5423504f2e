import { useState } from 'preact/hooks';
import { format } from '@kefu/shared/i18n';
import type { TComplaintsCatalog } from '@kefu/shared/i18n/widget.complaints.en';
import type { TComplaintCategory, TLocale } from '@kefu/shared';

// The same list as COMPLAINT_CATEGORIES in shared/src/complaints.ts, kept here so that zod stays out of the widget.
const CATEGORIES = ['product', 'service', 'delivery', 'billing', 'staff', 'other'] as const satisfies readonly TComplaintCategory[];
import type { TComplaintsApi } from './complaints-api';

// Loose on purpose: the server validates; these catch obvious typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()-]{5,30}$/;

type Filed = { number: string; trackingUrl: string; failedFiles: string[] };

/** The "Complaint" tab: category, description and a phone or email; after filing, the number and the tracking link. */
export function ComplaintForm({ t, locale, api, initialEmail = '' }: { t: TComplaintsCatalog; locale: TLocale; api: TComplaintsApi; initialEmail?: string }) {
  const [category, setCategory] = useState<TComplaintCategory | ''>('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [files, setFiles] = useState<File[]>([]);

  if (filed) {
    return (
      <div class="kf-complaint-done" role="status">
        <p>{format(t['complaint.submitted'], { number: filed.number })}</p>
        {filed.failedFiles.length > 0 && <p class="kf-error" role="alert">{format(t['complaint.filesFailed'], { names: filed.failedFiles.join(', ') })}</p>}
        <p>{t['complaint.trackHint']}</p>
        <a class="kf-button" href={filed.trackingUrl} target="_blank" rel="noopener noreferrer">
          {t['complaint.openTracking']}
        </a>
      </div>
    );
  }

  const submit = async () => {
    const p = phone.trim();
    const m = email.trim();
    const problem = !category || !description.trim()
      ? t['complaint.descriptionMissing']
      : !p && !m
        ? t['complaint.contactMissing']
        : p && !PHONE.test(p)
          ? t['complaint.phoneInvalid']
          : m && !EMAIL.test(m)
            ? t['complaint.emailInvalid']
            : null;
    setError(problem);
    if (problem || !category) return;
    setBusy(true);
    const r = await api.file({ category, description: description.trim(), locale, ...(name.trim() ? { name: name.trim() } : {}), ...(p ? { phone: p } : {}), ...(m ? { email: m } : {}) });
    if (!r.ok) setBusy(false);
    if (r.ok) {
      // The complaint exists now: its files go up one by one through the tracking link.
      const failedFiles: string[] = [];
      for (const f of files) if (!(await api.attach(r.trackingUrl, f)).ok) failedFiles.push(f.name);
      setBusy(false);
      setFiled({ number: r.number, trackingUrl: r.trackingUrl, failedFiles });
    } else setError(format(t['complaint.failed'], { reason: r.message }));
  };

  return (
    <form
      class="kf-offline kf-complaint-form"
      aria-labelledby="kf-complaint-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="kf-complaint-title">{t['complaint.formTitle']}</h2>
      <p class="kf-offline-message">{t['complaint.formIntro']}</p>
      <label for="kf-complaint-category">{t['complaint.category']}</label>
      <select id="kf-complaint-category" required value={category} onChange={(e) => setCategory(e.currentTarget.value as TComplaintCategory)}>
        <option value="" disabled>—</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>{t[`complaint.category.${c}`]}</option>
        ))}
      </select>
      <label for="kf-complaint-description">{t['complaint.description']}</label>
      <textarea id="kf-complaint-description" rows={4} maxLength={4000} required value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      <label for="kf-complaint-name">{t['complaint.name']}</label>
      <input id="kf-complaint-name" autoComplete="name" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <p class="kf-hint">{t['complaint.contactHint']}</p>
      <label for="kf-complaint-phone">{t['complaint.phone']}</label>
      <input id="kf-complaint-phone" type="tel" autoComplete="tel" maxLength={30} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      <label for="kf-complaint-email">{t['complaint.email']}</label>
      <input id="kf-complaint-email" type="email" autoComplete="email" maxLength={200} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label for="kf-complaint-files">{t['complaint.files']}</label>
      <input id="kf-complaint-files" type="file" multiple accept="image/*,.pdf,.docx,.xlsx" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
      {files.length > 0 && <p class="kf-hint">{format(t['complaint.filesChosen'], { n: files.length })}</p>}
      {error && <p class="kf-error" role="alert">{error}</p>}
      <button type="submit" class="kf-button" disabled={busy}>
        {busy ? t['complaint.submitting'] : t['complaint.submit']}
      </button>
    </form>
  );
}
