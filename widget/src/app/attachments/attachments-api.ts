import type { TErrorCode, TMessageAttachment } from '@kefu/shared';

import { attachmentAuth, type TAttachmentAuth as TAuth } from './attachments-auth';

const query = (a: TAuth) => `siteKey=${encodeURIComponent(a.siteKey)}&hostOrigin=${encodeURIComponent(a.hostOrigin)}`;
const blobs = new Map<string, Promise<string>>();

/**
 * A blob: URL for one chat file, fetched with the visitor token (never put in a URL). Cached for the
 * page's lifetime; a failed fetch is forgotten so that the next render tries again.
 */
export function attachmentUrl(id: string): Promise<string> {
  let url = blobs.get(id);
  if (!url) {
    const a = attachmentAuth();
    url = a
      ? fetch(`/api/widget/attachments/${encodeURIComponent(id)}?${query(a)}`, { headers: { authorization: `Bearer ${a.visitorToken}` } }).then(async (r) => {
          if (!r.ok) throw new Error(String(r.status));
          return URL.createObjectURL(await r.blob());
        })
      : Promise.reject(new Error('no session'));
    url.catch(() => blobs.delete(id));
    blobs.set(id, url);
  }
  return url;
}

export type TUploadResult = { ok: true; attachment: TMessageAttachment } | { ok: false; code: TErrorCode | 'network' };

/** POST /api/widget/attachments (multipart): the server sniffs the type and checks the size. */
export async function uploadAttachment(file: File, conversationId: string | null): Promise<TUploadResult> {
  const a = attachmentAuth();
  if (!a) return { ok: false, code: 'unauthenticated' };
  const body = new FormData();
  body.set('file', file);
  try {
    const res = await fetch(`/api/widget/attachments?${query(a)}${conversationId ? `&conversationId=${conversationId}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.visitorToken}` },
      body,
    });
    const json = (await res.json().catch(() => ({}))) as { attachment?: TMessageAttachment; code?: TErrorCode };
    return json.attachment ? { ok: true, attachment: json.attachment } : { ok: false, code: json.code ?? 'internal' };
  } catch {
    return { ok: false, code: 'network' };
  }
}

/** 1234567 → "1.2 MB". */
export function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
