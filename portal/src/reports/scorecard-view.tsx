import { useEffect, useState } from 'preact/hooks';
import type { TAgentScorecard, TReportFilters } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatValue } from './report-format';
import { previousMonth } from './report-range';
import { reportsApi } from './reports-api';
import { useReportsText } from './reports-text';

/** 绩效考核表: one row per agent for a month, printable (print CSS hides everything else). */
export function ScorecardView(props: { filters: TReportFilters | null; timeZone: string; now?: () => Date }) {
  const { r, locale } = useReportsText();
  const { t } = useI18n();
  const [month, setMonth] = useState(() => previousMonth(props.now?.() ?? new Date(), props.timeZone));
  const [agentId, setAgentId] = useState('');
  const [card, setCard] = useState<TAgentScorecard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = { month, timeZone: props.timeZone, agentId: agentId || undefined };

  useEffect(() => {
    let live = true;
    setCard(null);
    reportsApi.scorecard(query).then((c) => live && (setCard(c), setError(null)), (err) => live && setError(errorText(t, err)));
    return () => { live = false; };
  }, [month, agentId, props.timeZone]);

  const pct = (v: number | null) => formatValue(r, 'percent', v);
  const sec = (v: number | null) => formatValue(r, 'seconds', v);
  return (
    <div class="scorecard-view">
      <form class="report-filters no-print" onSubmit={(e) => e.preventDefault()}>
        <label>{r('sc.month')}<input type="month" value={month} onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} /></label>
        <label>{r('sc.agent')}
          <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
            <option value="">{r('sc.allAgents')}</option>
            {props.filters?.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <div class="report-actions">
          <button type="button" class="btn btn-sm" onClick={() => window.print()}>{r('sc.print')}</button>
          <a class="btn btn-sm" href={reportsApi.scorecardCsvUrl(query, locale)} download>{r('r.exportCsv')}</a>
        </div>
      </form>
      <h2 class="scorecard-heading">{r('sc.heading', { month })}</h2>
      {error && <p class="form-error" role="alert">{error}</p>}
      {!card && !error && <p role="status">{r('r.loading')}</p>}
      {card && card.agents.length === 0 && <p>{r('sc.empty')}</p>}
      {card && card.agents.length > 0 && (
        <div class="report-table-wrap" tabIndex={0}>
          <table class="report-table scorecard-table">
            <thead>
              <tr>
                <th scope="col">{r('sc.agent')}</th>
                <th scope="col">{r('sc.handled')}</th>
                <th scope="col">{r('sc.firstResponseP50')}</th>
                <th scope="col">{r('sc.firstResponseAvg')}</th>
                <th scope="col">{r('sc.resolutionRate')}</th>
                <th scope="col">{r('sc.csat')}</th>
                <th scope="col">{r('sc.qaAverage')}</th>
                <th scope="col">{r('sc.slaCompliance')}</th>
                <th scope="col">{r('sc.flaggedReplies')}</th>
                <th scope="col">{r('sc.topPhrases')}</th>
              </tr>
            </thead>
            <tbody>
              {card.agents.map((a) => (
                <tr key={a.agentId}>
                  <th scope="row">{a.agentName}</th>
                  <td data-label={r('sc.handled')}>{a.handled}</td>
                  <td data-label={r('sc.firstResponseP50')} class={a.firstResponseP50 === null ? 'na' : undefined}>{sec(a.firstResponseP50)}</td>
                  <td data-label={r('sc.firstResponseAvg')} class={a.firstResponseAvg === null ? 'na' : undefined}>{sec(a.firstResponseAvg)}</td>
                  <td data-label={r('sc.resolutionRate')} class={a.resolutionRate === null ? 'na' : undefined}>{pct(a.resolutionRate)}</td>
                  <td data-label={r('sc.csat')} class={a.csat === null ? 'na' : undefined}><span>{pct(a.csat)}{a.surveysAnswered ? <small> ({a.surveysAnswered})</small> : null}</span></td>
                  <td data-label={r('sc.qaAverage')} class={a.qaAverage === null ? 'na' : undefined}><span>{formatValue(r, 'score', a.qaAverage)}{a.qaReviews ? <small> ({a.qaReviews})</small> : null}</span></td>
                  <td data-label={r('sc.slaCompliance')} class={a.slaCompliance === null ? 'na' : undefined}><span>{pct(a.slaCompliance)}{a.slaDeadlines ? <small> ({a.slaMet}/{a.slaDeadlines})</small> : null}</span></td>
                  <td data-label={r('sc.flaggedReplies')}>{a.flaggedReplies}</td>
                  <td data-label={r('sc.topPhrases')} class="phrases">{a.topPhrases.length ? a.topPhrases.map((p) => `${p.phrase} ×${p.count}`).join('，') : r('r.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="print-only scorecard-signature">{r('sc.signature')}: ____________________</p>
    </div>
  );
}
