import { COMPLAINT_CATEGORIES, sectionColumns, type TReport, type TReportRow, type TReportSection } from '@kefu/shared';
import { formatColumn } from './report-format';
import { useReportsText, type TReportsText } from './reports-text';

/** The name a row shows: a date, a site/team/agent name, a channel or category, or "None". */
export function rowName(r: TReportsText, groupBy: TReport['query']['groupBy'], row: Pick<TReportRow, 'key' | 'label'>): string {
  if (row.key === null) return r('r.none');
  if (row.label) return row.label;
  if (groupBy === 'channel' && (row.key === 'widget' || row.key === 'phone' || row.key === 'conversation')) return r(`r.channel.${row.key}`);
  if (groupBy === 'category' && (COMPLAINT_CATEGORIES as readonly string[]).includes(row.key)) return r(`r.cat.${row.key as (typeof COMPLAINT_CATEGORIES)[number]}`);
  return row.key;
}

/** One section of the report as a table with its total, and a link to its CSV. */
export function ReportTable(props: { report: TReport; section: TReportSection; csvUrl: string }) {
  const { r } = useReportsText();
  const columns = sectionColumns(props.section);
  const categories = props.section === 'complaints' ? COMPLAINT_CATEGORIES : [];
  const title = r(`r.section.${props.section}`);
  const groupBy = props.report.query.groupBy;
  return (
    <section class="report-section" aria-label={title}>
      <div class="report-section-head">
        <h2>{title}</h2>
        <a class="btn btn-sm" href={props.csvUrl} download>{r('r.exportCsv')}</a>
      </div>
      <div class="report-table-wrap" tabIndex={0}>
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{r(`r.group.${groupBy}`)}</th>
              {columns.map((c) => <th key={c} scope="col">{r(`col.${c}`)}</th>)}
              {categories.map((c) => <th key={c} scope="col">{r(`r.cat.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.report.rows.map((row) => (
              <tr key={row.key ?? 'none'}>
                <th scope="row">{rowName(r, groupBy, row)}</th>
                {columns.map((c) => <td key={c} class={row.metrics[c] === null ? 'na' : undefined}>{formatColumn(r, c, row.metrics[c])}</td>)}
                {categories.map((c) => <td key={c}>{row.metrics.complaintsByCategory[c]}</td>)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{r('r.total')}</th>
              {columns.map((c) => <td key={c} class={props.report.total[c] === null ? 'na' : undefined}>{formatColumn(r, c, props.report.total[c])}</td>)}
              {categories.map((c) => <td key={c}>{props.report.total.complaintsByCategory[c]}</td>)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
