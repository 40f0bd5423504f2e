import type { THelpCatalog } from './widget.help.en';

/** 挂件“帮助”页签（知识库），随页签加载。键与英文目录完全一致。 */
export const helpZhCN: THelpCatalog = {
  searchLabel: '搜索帮助文章',
  searchPlaceholder: '搜索，例如：退款',
  loading: '正在加载…',
  empty: '暂无帮助文章。',
  noResults: '没有与“{q}”相关的文章。换个说法试试，或在在线咨询中问我们。',
  error: '帮助文章加载失败（{reason}）。',
  retry: '重试',
  back: '返回文章列表',
  openPage: '在新标签页打开',
  updated: '更新于 {date}',
  results: '文章',
};
