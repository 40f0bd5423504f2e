import { useEffect, useState } from 'preact/hooks';
import { SCHEDULED_REPORT_KINDS, type TReportSchedule, type TScheduledReport, type TScheduledReportKind } from '@kefu/shared';
import { request } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import { can, useSession } from '../session/session-context';
import { useScheduledReportsText } from './scheduled-reports-text';
import './scheduled-reports.css';

type TList = { reports: TScheduledReport[]; schedule: TReportSchedule };

/** #/reports/scheduled (a tab of the reports screen) — past daily, weekly and monthly reports with their CSV and text downloads. */
export function ScheduledReportsScreen() {
  const { t } = useI18n();
  const { s, locale } = useScheduledReportsText();
  const { user } = useSession();
  const [kind, setKind] = useState<TScheduledReportKind | null>(null);
  const [list, setList] = useState<TList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const allowed = can(user, 'reports.view');

  useEffect(() => {
    if (!allowed) return;
    setError(null);
    request<TList>('GET', `/api/scheduled-reports${kind ? `?kind=${kind}` : ''}`).then(setList, setError);
  }, [kind, allowed]);

  if (!allowed) return <div class="sched"><h2>{s('sr.title')}</h2><p class="banner banner-error" role="alert">{s('sr.forbidden')}</p></div>;
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—');
  const download = (r: TScheduledReport, format: 'csv' | 'txt') => `/api/scheduled-reports/${r.id}/download?format=${format}&locale=${locale}`;

  return (
    <div class="sched">
      <h2>{s('sr.title')}</h2>
      {list && <p class="muted">{list.schedule.enabled ? s('sr.intro', { time: list.schedule.dailyAt, timeZone: list.schedule.timeZone }) : s('sr.off')}</p>}
      <div class="sched-kinds" role="group" aria-label={s('sr.col.report')}>
        {[null, ...SCHEDULED_REPORT_KINDS].map((k) => (
          <button key={k ?? 'all'} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>{s(k ? `sr.kind.${k}` : 'sr.kind.all')}</button>
        ))}
      </div>
      {error != null && <p class="banner banner-error" role="alert">{errorText(t, error)}</p>}
      {!list && error == null && <p class="muted" role="status">{s('sr.loading')}</p>}
      {list && list.reports.length === 0 && <p class="muted">{s('sr.empty', { time: list.schedule.dailyAt })}</p>}
      {list && list.reports.length > 0 && (
        <div class="sched-table-wrap">
          <table class="sched-table">
            <thead>
              <tr>
                <th scope="col">{s('sr.col.report')}</th>
                <th scope="col">{s('sr.col.period')}</th>
                <th scope="col">{s('sr.col.made')}</th>
                <th scope="col">{s('sr.col.status')}</th>
                <th scope="col">{s('sr.col.download')}</th>
              </tr>
            </thead>
            <tbody>
              {list.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{s(`sr.kind.${r.kind}`)}</th>
                  <td class="sched-period">{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</td>
                  <td>{when(r.madeAt)}</td>
                  <td>
                    <span class={`sched-status sched-status-${r.status}`} title={r.error ?? r.recipients.join(', ')}>
                      {r.status === 'sent' ? s('sr.status.sent', { n: r.recipients.length }) : s(`sr.status.${r.status}`)}
                    </span>
                  </td>
                  <td class="sched-downloads">
                    {r.status === 'sent' || r.status === 'stored' ? (
                      <>
                        <a href={download(r, 'csv')} download>{s('sr.csv')}</a>
                        <a href={download(r, 'txt')} download>{s('sr.text')}</a>
                      </>
                    ) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
