import type { TComplaintTabsCatalog } from './widget.complaints-tabs.en';

/** 挂件页签（与聊天一起加载）。键与英文目录完全一致。 */
export const complaintTabsZhCN: TComplaintTabsCatalog = {
  tabsLabel: '功能',
  chat: '在线咨询',
  complaint: '投诉',
  mine: '我的投诉',
  help: '帮助',
};
