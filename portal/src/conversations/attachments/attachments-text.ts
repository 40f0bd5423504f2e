import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalAttachmentsEn, type TPortalAttachmentsKey } from '@kefu/shared/i18n/portal.attachments.en';
import { portalAttachmentsZhCN } from '@kefu/shared/i18n/portal.attachments.zh-CN';
import { useI18n } from '../../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalAttachmentsKey]: string }> = { en: portalAttachmentsEn, 'zh-CN': portalAttachmentsZhCN };

/** The chat-attachments catalog in the portal's active locale. */
export function useAttachmentsText(): (key: TPortalAttachmentsKey, params?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return (key, params) => format(CATALOGS[locale][key], params);
}

/** 1234567 → "1.2 MB". */
export function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
