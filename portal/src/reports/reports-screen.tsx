import { useEffect, useState } from 'preact/hooks';
import type { TReportFilters } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { reportsApi } from './reports-api';
import { useReportsText } from './reports-text';
import { ReportView } from './report-view';
import { ScorecardView } from './scorecard-view';
import { ScheduledReportsScreen } from '../scheduled-reports/scheduled-reports-screen';
import { useScheduledReportsText } from '../scheduled-reports/scheduled-reports-text';
import './reports.css';

/** The browser's time zone: the days of sites without business hours (docs/metrics.md). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

/** Reports (supervisor and above): the report and the agent scorecard (绩效考核表). Loaded on demand. */
export function ReportsScreen(props: { route: string[] }) {
  const { r } = useReportsText();
  const [filters, setFilters] = useState<TReportFilters | null>(null);
  const { s: sr } = useScheduledReportsText();
  const tab = props.route[0] === 'scorecard' ? 'scorecard' : props.route[0] === 'scheduled' ? 'scheduled' : 'report';
  const timeZone = browserTimeZone();
  useEffect(() => {
    void reportsApi.filters().then(setFilters, () => undefined);
  }, []);
  return (
    <div class="reports-screen">
      <h1 class="no-print">{r('r.title')}</h1>
      <nav class="quality-tabs no-print" aria-label={r('r.title')}>
        <a href={hrefFor('reports')} aria-current={tab === 'report' ? 'page' : undefined}>{r('r.tab.report')}</a>
        <a href={hrefFor('reports', 'scorecard')} aria-current={tab === 'scorecard' ? 'page' : undefined}>{r('r.tab.scorecard')}</a>
        <a href={hrefFor('reports', 'scheduled')} aria-current={tab === 'scheduled' ? 'page' : undefined}>{sr('sr.title')}</a>
      </nav>
      {tab === 'scheduled' ? <ScheduledReportsScreen /> : tab === 'report' ? <ReportView filters={filters} timeZone={timeZone} /> : <ScorecardView filters={filters} timeZone={timeZone} />}
    </div>
  );
}

