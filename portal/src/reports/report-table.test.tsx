import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { TReport } from '@kefu/shared';
import { I18nProvider } from '../i18n/i18n-context';
import { ReportTable } from './report-table';

function metrics(over: Partial<TReport['total']> = {}): TReport['total'] {
  return {
    conversationsNew: 0, conversationsResolved: 0, conversationsMissed: 0, conversationsReopened: 0, resolutionRate: null,
    firstResponseP50: null, firstResponseP90: null, firstResponseAvg: null, firstResponseCount: 0,
    resolutionTimeP50: null, resolutionTimeP90: null, resolutionTimeAvg: null, queueWaitP50: null, queueWaitP90: null, queueWaitMax: null,
    complaintsNew: 0, complaintsByCategory: { product: 0, service: 0, delivery: 0, billing: 0, staff: 0, other: 0 },
    complaintsAccepted: 0, complaintsRejected: 0, complaintsResolvedOnTime: 0, complaintsBreached: 0, complaintsReopened: 0, complaintRate: null,
    surveysSent: 0, surveysAnswered: 0, csat: null, surveyResponseRate: null, followUpsDue: 0, followUpsDone: 0, followUpsOverdue: 0,
    qaReviews: 0, qaAverage: null, flaggedReplies: 0, flaggedPhrases: 0, ...over,
  };
}

const report: TReport = {
  query: { from: '2026-11-10', to: '2026-11-10', timeZone: 'UTC', groupBy: 'agent', siteId: null, teamId: null },
  rows: [
    { key: 'a1', label: '王芳', metrics: metrics({ conversationsNew: 3, firstResponseP50: 125, resolutionRate: 66.7 }) },
    { key: null, label: null, metrics: metrics({ conversationsNew: 1 }) },
  ],
  total: metrics({ conversationsNew: 4, firstResponseP50: 125, resolutionRate: 50 }),
  generatedAt: '2026-11-12T00:00:00.000Z',
  tookMs: 12,
};

describe('report table', () => {
  it('shows names, formatted durations and rates, n/a for missing figures, a total and a CSV link', () => {
    render(<I18nProvider locale="zh-CN"><ReportTable report={report} section="conversations" csvUrl="/api/reports/export.csv?x=1" /></I18nProvider>);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('王芳');
    expect(rows[1]!.textContent).toContain('2m 5s');
    expect(rows[1]!.textContent).toContain('66.7%');
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('无');
    expect(rows[2]!.textContent).toContain('无数据');
    expect(within(rows[3]!).getByRole('rowheader').textContent).toBe('合计');
    expect(screen.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe('/api/reports/export.csv?x=1');
  });
});
