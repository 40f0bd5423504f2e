import * as z from 'zod/mini';
import type { TComplaintCategory, TErrorCode, TLocale, TVisitorComplaint } from '@kefu/shared';
import { detectHostOrigin } from '../host/host-bridge';
import { visitorTokenKey } from '../transport/session-api';

export type TFail = { ok: false; code: TErrorCode | 'network' | 'no_session'; message: string };

// zod/mini mirrors of the answers (shared/src/complaints.ts): the full zod build is too heavy for the widget.
const ZFiled = z.object({ ok: z.literal(true), number: z.string(), trackingUrl: z.string() });
const ZMine = z.object({
  ok: z.literal(true),
  complaints: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(['received', 'handling', 'not_accepted', 'resolved', 'closed']),
      category: z.enum(['product', 'service', 'delivery', 'billing', 'staff', 'other']),
      createdAt: z.string(),
    }),
  ),
});
const ZLink = z.object({ ok: z.literal(true), trackingUrl: z.string() });

/** Who this widget is: the site (from the frame's URL), the host page and the stored visitor token. */
function identity(): { siteKey: string; hostOrigin: string; visitorToken: string | null } {
  const siteKey = new URLSearchParams(location.search).get('site') ?? '';
  let visitorToken: string | null = null;
  try {
    visitorToken = localStorage.getItem(visitorTokenKey(siteKey));
  } catch {
    /* storage blocked: no session */
  }
  return { siteKey, hostOrigin: detectHostOrigin(), visitorToken };
}

async function request<T>(schema: z.ZodMiniType<T>, path: string, init: RequestInit): Promise<({ ok: true } & T) | TFail> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    return { ok: false, code: 'network', message: 'network' };
  }
  const json: unknown = await res.json().catch(() => null);
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, ...(parsed.data as T) };
  const err = (json ?? {}) as { code?: TErrorCode; message?: string };
  return { ok: false, code: err.code ?? 'internal', message: err.message ?? String(res.status) };
}

export type TComplaintInput = { category: TComplaintCategory; description: string; name?: string; phone?: string; email?: string; locale: TLocale };

/** The widget's complaint calls (docs/api.md, "Complaints"). */
export const complaintsApi = {
  async file(input: TComplaintInput) {
    const who = identity();
    if (!who.visitorToken) return { ok: false, code: 'no_session', message: 'no session' } as TFail;
    return request(ZFiled, '/api/widget/complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...input, siteKey: who.siteKey, hostOrigin: who.hostOrigin, visitorToken: who.visitorToken }),
    });
  },
  async mine(): Promise<{ ok: true; complaints: TVisitorComplaint[] } | TFail> {
    const who = identity();
    if (!who.visitorToken) return { ok: true, complaints: [] };
    const q = new URLSearchParams({ siteKey: who.siteKey, hostOrigin: who.hostOrigin });
    return request(ZMine, `/api/widget/complaints?${q}`, { headers: { authorization: `Bearer ${who.visitorToken}` } });
  },
  /** Adds a file to a just-filed complaint through its tracking link (POST /api/track/:token/attachments). */
  async attach(trackingUrl: string, file: File): Promise<{ ok: true } | TFail> {
    const token = trackingUrl.split('/c/')[1] ?? '';
    return request(z.object({ ok: z.literal(true) }), `/api/track/${encodeURIComponent(token)}/attachments?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
  },
  async link(id: string) {
    const who = identity();
    const q = new URLSearchParams({ siteKey: who.siteKey, hostOrigin: who.hostOrigin });
    return request(ZLink, `/api/widget/complaints/${encodeURIComponent(id)}/link?${q}`, { method: 'POST', headers: { authorization: `Bearer ${who.visitorToken ?? ''}` } });
  },
};
export type TComplaintsApi = typeof complaintsApi;
