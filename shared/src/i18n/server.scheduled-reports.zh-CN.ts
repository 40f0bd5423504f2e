import type { TScheduledReportsKey } from './server.scheduled-reports.en';

/** 定时报表（日报/周报/月报）邮件与下载文案。列名沿用 portal.reports。 */
export const scheduledReportsZhCN: Record<TScheduledReportsKey, string> = {
  'kind.daily': '客服日报',
  'kind.weekly': '客服周报',
  'kind.monthly': '客服月报',
  'subject': 'Kefu {kind}：{period}',
  'period.day': '{from}',
  'period.range': '{from} 至 {to}',
  'intro': '{kind}，统计期间 {period}（时区 {timeZone}）。',
  'section.conversations': '会话',
  'section.complaints': '客诉',
  'section.care': '满意度、回访与质检',
  'section.teams': '按团队',
  'section.agents': '按坐席',
  'row': '{name}：新会话 {new}，已解决 {resolved}，首次响应中位 {frt}，满意度 {csat}，客诉 {complaints}',
  'noRows': '（本期没有数据）',
  'more': '……另有 {n} 行（见 CSV）',
  'footer': '完整数据与 CSV：{url}\n指标定义见 docs/metrics.md。标为“无数据”的指标在本期没有数据。',
  'na': '无数据',
  'seconds': '{n} 秒',
  'minutes': '{m} 分 {s} 秒',
  'hours': '{h} 小时 {m} 分',
  'none': '无',
};
