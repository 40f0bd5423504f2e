import { COMPLAINT_CATEGORIES, isTimeGrouping, type TReport } from '@kefu/shared';
import { rowName } from './report-table';
import { useReportsText } from './reports-text';
import { UplotChart } from './uplot-chart';

const BLUE = '#2563eb';
const GREEN = '#15803d';
const RED = '#c62828';
const AMBER = '#b45309';
const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);

/** Trends over time (volume, first response) or a breakdown per group, and complaints by category. */
export function ReportCharts(props: { report: TReport }) {
  const { r } = useReportsText();
  const { report } = props;
  const groupBy = report.query.groupBy;
  const labels = report.rows.map((row) => (isTimeGrouping(groupBy) ? (row.key ?? '').slice(groupBy === 'month' ? 0 : 5) : rowName(r, groupBy, row)));
  const categories = COMPLAINT_CATEGORIES.map((c) => r(`r.cat.${c}`));
  return (
    <div class="report-charts">
      {isTimeGrouping(groupBy) ? (
        <>
          <UplotChart kind="line" title={r('r.chart.volume')} labels={labels} series={[
            { label: r('col.conversationsNew'), values: report.rows.map((x) => x.metrics.conversationsNew), color: BLUE },
            { label: r('col.conversationsResolved'), values: report.rows.map((x) => x.metrics.conversationsResolved), color: GREEN },
            { label: r('col.conversationsMissed'), values: report.rows.map((x) => x.metrics.conversationsMissed), color: RED },
          ]} />
          <UplotChart kind="line" title={r('r.chart.times')} labels={labels} series={[
            { label: r('col.firstResponseP50'), values: report.rows.map((x) => minutes(x.metrics.firstResponseP50)), color: BLUE },
            { label: r('col.firstResponseP90'), values: report.rows.map((x) => minutes(x.metrics.firstResponseP90)), color: AMBER },
          ]} />
        </>
      ) : (
        <UplotChart kind="bars" title={r('r.chart.breakdown', { group: r(`r.group.${groupBy}`) })} labels={labels.slice(0, 20)} series={[
          { label: r('col.conversationsNew'), values: report.rows.slice(0, 20).map((x) => x.metrics.conversationsNew), color: BLUE },
        ]} />
      )}
      <UplotChart kind="bars" title={r('r.chart.complaints')} labels={categories} series={[
        { label: r('col.complaintsNew'), values: COMPLAINT_CATEGORIES.map((c) => report.total.complaintsByCategory[c]), color: AMBER },
      ]} />
    </div>
  );
}
