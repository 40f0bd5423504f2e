/** Scheduled report mails and downloads (日报/周报/月报), English. Column names come from portal.reports. */
export const scheduledReportsEn = {
  'kind.daily': 'Daily report',
  'kind.weekly': 'Weekly summary',
  'kind.monthly': 'Monthly summary',
  'subject': 'Kefu {kind}: {period}',
  'period.day': '{from}',
  'period.range': '{from} to {to}',
  'intro': '{kind} for {period} (time zone {timeZone}).',
  'section.conversations': 'Conversations',
  'section.complaints': 'Complaints',
  'section.care': 'Satisfaction, follow-ups and quality',
  'section.teams': 'By team',
  'section.agents': 'By agent',
  'row': '{name}: {new} new, {resolved} resolved, first response p50 {frt}, CSAT {csat}, {complaints} complaints',
  'noRows': '(nothing in this period)',
  'more': '… and {n} more (see the CSV)',
  'footer': 'All figures and the CSV: {url}\nDefinitions: docs/metrics.md. Figures marked n/a had no data in the period.',
  'na': 'n/a',
  'seconds': '{n} s',
  'minutes': '{m} min {s} s',
  'hours': '{h} h {m} min',
  'none': 'None',
} as const;

export type TScheduledReportsKey = keyof typeof scheduledReportsEn;
