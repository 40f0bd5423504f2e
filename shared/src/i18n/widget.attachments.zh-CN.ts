import type { TAttachmentsCatalog } from './widget.attachments.en';

/** 聊天附件文案（组件上传按钮、文件气泡），简体中文。 */
export const attachmentsZhCN: TAttachmentsCatalog = {
  uploading: '正在上传 {name}…',
  tooLarge: '文件太大，无法发送。',
  badType: '不支持此类文件：请发送图片、PDF 或 Word/Excel 文档。',
  failed: '文件发送失败，请重试。',
  openImage: '查看图片 {name}',
  download: '下载 {name}（{size}）',
};
