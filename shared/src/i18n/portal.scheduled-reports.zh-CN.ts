import type { TPortalScheduledReportsKey } from './portal.scheduled-reports.en';

/** 工作台定时报表列表（日报/周报/月报）。键与英文目录完全一致。 */
export const portalScheduledReportsZhCN: Record<TPortalScheduledReportsKey, string> = {
  'sr.title': '定时报表',
  'sr.intro': '日报于每天 {time}（{timeZone}）生成前一天的数据；周报在每周一、月报在每月 5 日生成。配置邮件后会发送给经理；所有报表都保存在这里。',
  'sr.off': '定时报表已关闭（KEFU_SCHEDULED_REPORTS=0）。',
  'sr.kind.all': '全部',
  'sr.kind.daily': '日报',
  'sr.kind.weekly': '周报',
  'sr.kind.monthly': '月报',
  'sr.col.report': '报表',
  'sr.col.period': '统计期间',
  'sr.col.made': '生成时间',
  'sr.col.status': '发送情况',
  'sr.col.download': '下载',
  'sr.status.making': '生成中…',
  'sr.status.sent': '已发送给 {n} 人',
  'sr.status.stored': '已保存（未发邮件）',
  'sr.status.failed': '失败',
  'sr.csv': 'CSV',
  'sr.text': '文本',
  'sr.empty': '还没有定时报表。第一份日报会在 {time} 之后出现。',
  'sr.loading': '正在加载…',
  'sr.forbidden': '定时报表仅对可查看报表的角色开放。',
};
