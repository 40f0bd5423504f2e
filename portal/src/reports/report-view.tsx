import { useEffect, useState } from 'preact/hooks';
import { REPORT_GROUPINGS, REPORT_SECTIONS, type TReport, type TReportFilters, type TReportGrouping } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatColumn } from './report-format';
import { PRESETS, presetOf, presetRange, type TPreset } from './report-range';
import { ReportCharts } from './report-charts';
import { ReportTable } from './report-table';
import { reportsApi } from './reports-api';
import { useReportsText } from './reports-text';

/** The report tab: range (with presets), grouping, site and team; KPIs, charts and one table per section. */
export function ReportView(props: { filters: TReportFilters | null; timeZone: string; now?: () => Date }) {
  const { r, locale } = useReportsText();
  const { t } = useI18n();
  const now = props.now ?? (() => new Date());
  const [range, setRange] = useState(() => presetRange('last7', now(), props.timeZone));
  const [groupBy, setGroupBy] = useState<TReportGrouping>('day');
  const [siteId, setSiteId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [report, setReport] = useState<TReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const query = { from: range.from, to: range.to, timeZone: props.timeZone, groupBy, siteId: siteId || undefined, teamId: teamId || undefined };

  useEffect(() => {
    let live = true;
    setLoading(true);
    reportsApi.report(query).then(
      (rep) => live && (setReport(rep), setError(null), setLoading(false)),
      (err) => live && (setError(errorText(t, err)), setLoading(false)),
    );
    return () => { live = false; };
  }, [range.from, range.to, groupBy, siteId, teamId, props.timeZone]);

  const preset = presetOf(range, now(), props.timeZone);
  const total = report?.total;
  const kpis = total ? ([
    ['r.kpi.new', formatColumn(r, 'conversationsNew', total.conversationsNew)],
    ['r.kpi.frt', formatColumn(r, 'firstResponseP50', total.firstResponseP50)],
    ['r.kpi.wait', formatColumn(r, 'queueWaitP50', total.queueWaitP50)],
    ['r.kpi.resolution', formatColumn(r, 'resolutionRate', total.resolutionRate)],
    ['r.kpi.csat', formatColumn(r, 'csat', total.csat)],
    ['r.kpi.complaints', formatColumn(r, 'complaintsNew', total.complaintsNew)],
  ] as const) : [];

  return (
    <div class="report-view">
      <form class="report-filters" onSubmit={(e) => e.preventDefault()}>
        <div class="report-presets" role="group" aria-label={r('r.preset')}>
          {PRESETS.map((p: TPreset) => (
            <button key={p} type="button" class="btn btn-sm" aria-pressed={preset === p} onClick={() => setRange(presetRange(p, now(), props.timeZone))}>{r(`r.preset.${p}`)}</button>
          ))}
        </div>
        <label>{r('r.from')}<input type="date" value={range.from} max={range.to} onChange={(e) => e.currentTarget.value && setRange({ ...range, from: e.currentTarget.value })} /></label>
        <label>{r('r.to')}<input type="date" value={range.to} min={range.from} onChange={(e) => e.currentTarget.value && setRange({ ...range, to: e.currentTarget.value })} /></label>
        <label>{r('r.groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as TReportGrouping)}>
            {REPORT_GROUPINGS.map((g) => <option key={g} value={g}>{r(`r.group.${g}`)}</option>)}
          </select>
        </label>
        <label>{r('r.site')}
          <select value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>
            <option value="">{r('r.allSites')}</option>
            {props.filters?.sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>{r('r.team')}
          <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
            <option value="">{r('r.allTeams')}</option>
            {props.filters?.teams.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
      </form>
      <p class="report-note">{r('r.timeZone', { zone: props.timeZone })}{report && !loading ? ` · ${r('r.took', { ms: report.tookMs })}` : ''}</p>
      {error && <p class="form-error" role="alert">{error}</p>}
      {loading && !report && <p role="status">{r('r.loading')}</p>}
      {report && (
        <div class={loading ? 'report-body is-loading' : 'report-body'} aria-busy={loading}>
          <dl class="report-kpis">
            {kpis.map(([k, v]) => <div key={k} class="report-kpi"><dt>{r(k)}</dt><dd>{v}</dd></div>)}
          </dl>
          <ReportCharts report={report} />
          {REPORT_SECTIONS.map((s) => <ReportTable key={s} report={report} section={s} csvUrl={reportsApi.reportCsvUrl({ ...query, section: s }, locale)} />)}
        </div>
      )}
    </div>
  );
}
