import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import type { TChatState } from '../state/chat-state';
import { attachmentsEn, type TAttachmentsCatalog } from '@kefu/shared/i18n/widget.attachments.en';
import { attachmentsZhCN } from '@kefu/shared/i18n/widget.attachments.zh-CN';

export const ATTACHMENT_TEXT: Record<TLocale, TAttachmentsCatalog> = { en: attachmentsEn, 'zh-CN': attachmentsZhCN };

/** "Uploading photo.png…" while a file goes up, or why it was refused. */
export function UploadNotice({ upload, locale }: { upload: NonNullable<TChatState['upload']>; locale: TLocale }) {
  const t = ATTACHMENT_TEXT[locale];
  if ('name' in upload) return <p class="kf-notice" role="status">{format(t.uploading, { name: upload.name })}</p>;
  const text = upload.error === 'too_large' ? t.tooLarge : upload.error === 'bad_type' ? t.badType : t.failed;
  return <p class="kf-notice kf-upload-error" role="alert">{text}</p>;
}
