import * as z from 'zod/mini';
import type { TErrorCode, TPublicComplaint, TTrackingFeedbackBody } from '@kefu/shared';

// A zod/mini mirror of ZPublicComplaint (shared/src/complaints.ts): the full zod build is too heavy here.
const ZAnswer = z.object({
  ok: z.literal(true),
  complaint: z.object({
    number: z.string(),
    status: z.enum(['received', 'handling', 'not_accepted', 'resolved', 'closed']),
    category: z.enum(['product', 'service', 'delivery', 'billing', 'staff', 'other']),
    description: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    createdAt: z.string(),
    dueAt: z.nullable(z.string()),
    canAddInfo: z.boolean(),
    awaitingFeedback: z.boolean(),
    rating: z.nullable(z.number()),
    timeline: z.array(
      z.object({
        type: z.enum(['created', 'accepted', 'rejected', 'reply', 'customer_info', 'resolved', 'reopened', 'closed', 'rated', 'attachment_added']),
        text: z.nullable(z.string()),
        at: z.string(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        contentType: z.string(),
        size: z.number(),
        uploadedBy: z.enum(['customer', 'agent']),
        image: z.boolean(),
        createdAt: z.string(),
      }),
    ),
  }),
});

export type TTrackingResult = { ok: true; complaint: TPublicComplaint } | { ok: false; code: TErrorCode | 'network'; message: string };

async function call(token: string, path: string, body?: unknown): Promise<TTrackingResult> {
  let res: Response;
  try {
    res = await fetch(`/api/track/${encodeURIComponent(token)}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, code: 'network', message: 'network' };
  }
  const json: unknown = await res.json().catch(() => null);
  const parsed = ZAnswer.safeParse(json);
  if (parsed.success) return { ok: true, complaint: parsed.data.complaint };
  const err = (json ?? {}) as { code?: TErrorCode; message?: string };
  return { ok: false, code: err.code ?? 'internal', message: err.message ?? String(res.status) };
}

/** The tracking page's calls: authorised by the token in the link alone. */
export const trackingApi = {
  load: (token: string) => call(token, ''),
  addInfo: (token: string, text: string) => call(token, '/info', { text }),
  feedback: (token: string, body: TTrackingFeedbackBody) => call(token, '/feedback', body),
  /** Uploads a file (raw body, name in the query), then reloads the complaint. */
  async attach(token: string, file: File): Promise<TTrackingResult> {
    let res: Response;
    try {
      res = await fetch(`/api/track/${encodeURIComponent(token)}/attachments?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
    } catch {
      return { ok: false, code: 'network', message: 'network' };
    }
    if (!res.ok) {
      const err = ((await res.json().catch(() => null)) ?? {}) as { code?: TErrorCode; message?: string };
      return { ok: false, code: err.code ?? 'internal', message: err.message ?? String(res.status) };
    }
    return call(token, '');
  },
  /** Where an attachment of this complaint is served. */
  attachmentUrl: (token: string, id: string) => `/api/track/${encodeURIComponent(token)}/attachments/${encodeURIComponent(id)}`,
};
export type TTrackingApi = typeof trackingApi;
