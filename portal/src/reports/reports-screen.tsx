import { useEffect, useState } from 'preact/hooks';
import type { TReportFilters } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { reportsApi } from './reports-api';
import { useReportsText } from './reports-text';
import { ReportView } from './report-view';
import { ScorecardView } from './scorecard-view';
import './reports.css';

/** The browser's time zone: the days of sites without business hours (docs/metrics.md). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

/** Reports (supervisor and above): the report and the agent scorecard (绩效考核表). Loaded on demand. */
export function ReportsScreen(props: { route: string[] }) {
  const { r } = useReportsText();
  const [filters, setFilters] = useState<TReportFilters | null>(null);
  const tab = props.route[0] === 'scorecard' ? 'scorecard' : 'report';
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
      </nav>
      {tab === 'report' ? <ReportView filters={filters} timeZone={timeZone} /> : <ScorecardView filters={filters} timeZone={timeZone} />}
    </div>
  );
}

