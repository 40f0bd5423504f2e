import type { TAgentScorecard, TAgentScorecardQueryInput, TLocale, TReport, TReportFilters, TReportQueryInput } from '@kefu/shared';
import { request } from '../api/api-client';

/** Query string of defined values only. */
export function queryString(q: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, v);
  return params.toString();
}

type ReportQuery = Omit<TReportQueryInput, 'groupBy' | 'timeZone'> & { groupBy: string; timeZone: string; section?: string };

/** REST calls of docs/api.md "Reports". */
export const reportsApi = {
  filters: () => request<{ filters: TReportFilters }>('GET', '/api/reports/filters').then((r) => r.filters),
  report: (q: ReportQuery) => request<{ report: TReport }>('GET', `/api/reports?${queryString(q)}`).then((r) => r.report),
  scorecard: (q: TAgentScorecardQueryInput) => request<{ scorecard: TAgentScorecard }>('GET', `/api/reports/scorecard?${queryString(q)}`).then((r) => r.scorecard),
  /** Server-side CSV (UTF-8 with BOM), downloaded by the browser. */
  reportCsvUrl: (q: ReportQuery, locale: TLocale) => `/api/reports/export.csv?${queryString({ ...q, locale })}`,
  scorecardCsvUrl: (q: TAgentScorecardQueryInput, locale: TLocale) => `/api/reports/scorecard/export.csv?${queryString({ ...q, locale })}`,
};
