import type { TSurveysCatalog } from './widget.surveys.en';

/** 满意度调查文案（挂件卡片与 /s/<token> 页面）。键与英文目录完全一致。 */
export const surveysZhCN: TSurveysCatalog = {
  'survey.title': '请为本次服务评分',
  'survey.rating1': '非常不满意',
  'survey.rating2': '不满意',
  'survey.rating3': '一般',
  'survey.rating4': '满意',
  'survey.rating5': '非常满意',
  'survey.ratingGroup': '您的评分',
  'survey.comment': '意见或建议（选填）',
  'survey.submit': '提交评价',
  'survey.update': '更新评价',
  'survey.sending': '正在提交…',
  'survey.thanks': '感谢您的评价！',
  'survey.editUntil': '您可以在 {time} 之前修改评价。',
  'survey.change': '修改评价',
  'survey.closed': '此评价已无法修改。',
  'survey.invalid': '此评价链接无效。',
  'survey.pickRating': '请选择一个评分。',
  'survey.failed': '评价提交失败，请重试。',
  'survey.dismiss': '暂不评价',
};
