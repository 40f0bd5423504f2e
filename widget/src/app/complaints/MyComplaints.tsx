import { useEffect, useState } from 'preact/hooks';
import { format } from '@kefu/shared/i18n';
import type { TComplaintsCatalog } from '@kefu/shared/i18n/widget.complaints.en';
import type { TLocale, TVisitorComplaint } from '@kefu/shared';
import type { TComplaintsApi } from './complaints-api';

/** "My complaints": this visitor's complaints with their status; "Open" mints a fresh tracking link. */
export function MyComplaints({ t, locale, api }: { t: TComplaintsCatalog; locale: TLocale; api: TComplaintsApi }) {
  const [list, setList] = useState<TVisitorComplaint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.mine().then((r) => (r.ok ? setList(r.complaints) : setError(format(t['track.error'], { reason: r.message }))));
  }, []);

  const open = async (id: string) => {
    // Open the tab synchronously (popup blockers), then point it at the link once minted.
    const tab = window.open('', '_blank');
    const r = await api.link(id);
    if (r.ok && tab) {
      tab.opener = null;
      tab.location.href = r.trackingUrl;
    } else if (r.ok) location.assign(r.trackingUrl);
    else {
      tab?.close();
      setError(format(t['track.error'], { reason: r.message }));
    }
  };

  if (error) return <p class="kf-error" role="alert">{error}</p>;
  if (!list) return <p class="kf-notice" role="status">{t['track.loading']}</p>;
  if (list.length === 0) return <p class="kf-notice">{t['complaint.mineEmpty']}</p>;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <ul class="kf-complaint-list">
      {list.map((c) => (
        <li key={c.id}>
          <div>
            <p class="kf-complaint-number">{c.number}</p>
            <p class="kf-complaint-meta">
              {t[`complaint.category.${c.category}`]} · {day.format(new Date(c.createdAt))}
            </p>
            <span class={`kf-complaint-status kf-complaint-status-${c.status}`}>{t[`complaint.status.${c.status}`]}</span>
          </div>
          <button type="button" class="kf-button kf-button-secondary" aria-label={`${t['complaint.open']} ${c.number}`} onClick={() => void open(c.id)}>
            {t['complaint.open']}
          </button>
        </li>
      ))}
    </ul>
  );
}
