import { useEffect, useState } from 'preact/hooks';
import { displayText } from '@kefu/shared/bidi';
import { format } from '@kefu/shared/i18n';
import type { TComplaintsCatalog } from '@kefu/shared/i18n/widget.complaints.en';
import type { TLocale, TPublicComplaint, TPublicComplaintEvent } from '@kefu/shared';
import type { TTrackingApi, TTrackingResult } from './tracking-api';
import { FeedbackBox } from './FeedbackBox';

export type TTrackingPageProps = {
  token: string;
  api: TTrackingApi;
  catalogs: Record<TLocale, TComplaintsCatalog>;
  /** The reader's choice (?lang= or a saved choice); otherwise the complaint's own locale. */
  initialLocale: TLocale | null;
  onLocale?: (l: TLocale) => void;
};

const when = (iso: string, locale: TLocale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function eventLabel(t: TComplaintsCatalog, e: TPublicComplaintEvent, rating: number | null): string {
  return e.type === 'rated' ? format(t['track.event.rated'], { rating: rating ?? '' }) : t[`track.event.${e.type}`];
}

/** The customer's tracking page (/c/<token>): status in plain words, public timeline, add information, "satisfied?". */
export function TrackingPage({ token, api, catalogs, initialLocale, onLocale }: TTrackingPageProps) {
  const [result, setResult] = useState<TTrackingResult | null>(null);
  const [chosen, setChosen] = useState<TLocale | null>(initialLocale);
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void api.load(token).then(setResult);
  }, [token]);

  const complaint: TPublicComplaint | null = result?.ok ? result.complaint : null;
  const locale: TLocale = chosen ?? complaint?.locale ?? 'zh-CN';
  const t = catalogs[locale];
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = complaint ? `${t['track.title']} ${complaint.number}` : t['track.title'];
  }, [locale, complaint?.number]);

  const apply = async (p: Promise<TTrackingResult>, okNotice: string) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (r.ok) {
      setResult(r);
      setNotice(okNotice);
    } else setNotice(format(t['track.error'], { reason: r.message }));
  };

  const switcher = (
    <div class="kt-lang" role="group" aria-label={t['track.language']}>
      {(['zh-CN', 'en'] as const).map((l) => (
        <button
          type="button"
          key={l}
          aria-pressed={locale === l}
          onClick={() => {
            setChosen(l);
            onLocale?.(l);
          }}
        >
          {l === 'zh-CN' ? '中文' : 'English'}
        </button>
      ))}
    </div>
  );

  if (!result) return <main class="kt-page"><p role="status">{t['track.loading']}</p></main>;
  if (!complaint) {
    return (
      <main class="kt-page">
        <header class="kt-top"><h1>{t['track.title']}</h1>{switcher}</header>
        <p class="kt-card" role="alert">{!result.ok && result.code === 'not_found' ? t['track.notFound'] : format(t['track.error'], { reason: result.ok ? '' : result.message })}</p>
      </main>
    );
  }

  return (
    <main class="kt-page" lang={locale}>
      <header class="kt-top">
        <h1>{t['track.title']}</h1>
        {switcher}
      </header>
      <section class="kt-card kt-summary" aria-label={t['track.number']}>
        <dl>
          <div><dt>{t['track.number']}</dt><dd class="kt-number">{complaint.number}</dd></div>
          <div><dt>{t['track.status']}</dt><dd><span class={`kt-status kt-status-${complaint.status}`}>{t[`complaint.status.${complaint.status}`]}</span></dd></div>
          <div><dt>{t['track.filedAt']}</dt><dd>{when(complaint.createdAt, locale)}</dd></div>
          {complaint.dueAt && <div><dt>{t['track.dueAt']}</dt><dd>{when(complaint.dueAt, locale)}</dd></div>}
        </dl>
      </section>
      {notice && <p class="kt-notice" role="status">{notice}</p>}
      {complaint.awaitingFeedback && (
        <FeedbackBox t={t} busy={busy} onAnswer={(body) => void apply(api.feedback(token, body), t['track.thanks'])} />
      )}
      <section class="kt-card">
        <h2>{t['track.timeline']}</h2>
        <ol class="kt-timeline">
          {complaint.timeline.map((e, i) => (
            <li key={i} class={`kt-event kt-event-${e.type}`}>
              <p class="kt-event-title">{eventLabel(t, e, complaint.rating)}</p>
              {e.text && e.type !== 'rated' && <p class="kt-event-text" dir="auto">{displayText(e.text)}</p>}
              <time dateTime={e.at}>{when(e.at, locale)}</time>
            </li>
          ))}
        </ol>
      </section>
      {(complaint.attachments.length > 0 || complaint.canAddInfo) && (
        <section class="kt-card">
          <h2>{t['track.attachments']}</h2>
          {complaint.attachments.length > 0 && (
            <ul class="kt-files">
              {complaint.attachments.map((a) => (
                <li key={a.id}>
                  <a href={api.attachmentUrl(token, a.id)} target="_blank" rel="noopener noreferrer">
                    {a.image && <img src={api.attachmentUrl(token, a.id)} alt="" loading="lazy" />}
                    <span>{a.fileName}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {complaint.canAddInfo && (
            <label class="kt-upload">
              <span>{t['track.attach']}</span>
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,.docx,.xlsx"
                disabled={busy}
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (f) void apply(api.attach(token, f), t['track.attached']);
                }}
              />
              <small>{t['track.attachHint']}</small>
            </label>
          )}
        </section>
      )}
      <section class="kt-card">
        <h2>{t['track.yourComplaint']}</h2>
        <p class="kt-description">{complaint.description}</p>
      </section>
      {complaint.canAddInfo && (
        <form
          class="kt-card kt-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!info.trim()) return;
            void apply(api.addInfo(token, info.trim()), t['track.sent']).then(() => setInfo(''));
          }}
        >
          <label for="kt-info"><h2>{t['track.addInfo']}</h2></label>
          <textarea id="kt-info" rows={3} maxLength={4000} placeholder={t['track.addInfoPlaceholder']} value={info} onInput={(e) => setInfo(e.currentTarget.value)} />
          <button type="submit" class="kt-button" disabled={busy || !info.trim()}>{t['track.send']}</button>
        </form>
      )}
    </main>
  );
}
