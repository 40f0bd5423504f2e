import { columnKind, type TReportColumn } from '@kefu/shared';
import type { TReportsText } from './reports-text';

/** "n/a" for missing figures; durations as 45s / 12m 5s / 3h 20m / 2d 4h; percentages with %. */
export function formatSeconds(s: number): string {
  const v = Math.round(s);
  if (v < 60) return `${v}s`;
  if (v < 3600) return `${Math.floor(v / 60)}m ${v % 60}s`;
  if (v < 86400) return `${Math.floor(v / 3600)}h ${Math.floor((v % 3600) / 60)}m`;
  return `${Math.floor(v / 86400)}d ${Math.floor((v % 86400) / 3600)}h`;
}

export function formatValue(r: TReportsText, kind: 'count' | 'seconds' | 'percent' | 'score', v: number | null): string {
  if (v === null) return r('r.na');
  switch (kind) {
    case 'seconds':
      return formatSeconds(v);
    case 'percent':
      return `${v}%`;
    case 'score':
      return v.toFixed(1);
    case 'count':
      return String(v);
  }
}

export function formatColumn(r: TReportsText, column: TReportColumn, v: number | null): string {
  return formatValue(r, columnKind(column), v);
}
