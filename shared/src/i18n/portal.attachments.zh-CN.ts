import type { TPortalAttachmentsKey } from './portal.attachments.en';

/** 工作台聊天附件文案（输入框、消息气泡），简体中文。 */
export const portalAttachmentsZhCN: { readonly [K in TPortalAttachmentsKey]: string } = {
  'att.attach': '添加附件',
  'att.uploading': '正在上传 {name}…',
  'att.remove': '移除 {name}',
  'att.open': '查看图片 {name}',
  'att.download': '下载 {name}（{size}）',
  'att.tooLarge': '{name} 太大，无法发送。',
  'att.badType': '{name} 无法发送：请使用图片、PDF 或 Word/Excel 文档。',
  'att.failed': '{name} 上传失败。',
};
