/** Portal list of past scheduled reports (日报/周报/月报), English. */
export const portalScheduledReportsEn = {
  'sr.title': 'Scheduled reports',
  'sr.intro': 'The daily report is made every day at {time} ({timeZone}) for the day before; the weekly summary on Mondays, the monthly one on the 5th. With mail configured, managers receive them; every report is kept here.',
  'sr.off': 'Scheduled reports are turned off (KEFU_SCHEDULED_REPORTS=0).',
  'sr.kind.all': 'All',
  'sr.kind.daily': 'Daily',
  'sr.kind.weekly': 'Weekly',
  'sr.kind.monthly': 'Monthly',
  'sr.col.report': 'Report',
  'sr.col.period': 'Period',
  'sr.col.made': 'Made',
  'sr.col.status': 'Delivery',
  'sr.col.download': 'Download',
  'sr.status.making': 'Being made…',
  'sr.status.sent': 'Mailed to {n}',
  'sr.status.stored': 'Stored (no mail)',
  'sr.status.failed': 'Failed',
  'sr.csv': 'CSV',
  'sr.text': 'Text',
  'sr.empty': 'No scheduled report yet. The first daily report appears after {time}.',
  'sr.loading': 'Loading…',
  'sr.forbidden': 'Scheduled reports are for roles that may view reports.',
} as const;

export type TPortalScheduledReportsKey = keyof typeof portalScheduledReportsEn;
