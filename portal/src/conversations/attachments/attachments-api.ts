import type { TErrorCode, TMessageAttachment } from '@kefu/shared';

const q = encodeURIComponent;

/** Where the portal fetches a chat file (the session cookie authorises it; others get 404). */
export const messageAttachmentUrl = (conversationId: string, id: string) => `/api/conversations/${q(conversationId)}/attachments/${q(id)}`;

/** POST /api/conversations/:id/attachments (multipart): the server sniffs the type and checks the size. */
export async function uploadMessageAttachment(conversationId: string, file: File): Promise<{ ok: true; attachment: TMessageAttachment } | { ok: false; code: TErrorCode | 'network' }> {
  const body = new FormData();
  body.set('file', file);
  const res = await fetch(`/api/conversations/${q(conversationId)}/attachments`, { method: 'POST', credentials: 'same-origin', body }).catch(() => null);
  if (!res) return { ok: false, code: 'network' };
  const json = (await res.json().catch(() => ({}))) as { attachment?: TMessageAttachment; code?: TErrorCode };
  return json.attachment ? { ok: true, attachment: json.attachment } : { ok: false, code: json.code ?? 'internal' };
}
