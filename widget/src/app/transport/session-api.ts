import * as z from 'zod/mini';
import type { TErrorCode, TWidgetSession } from '@kefu/shared';

const ZTexts = z.object({ 'zh-CN': z.string(), en: z.string() });
// A zod/mini mirror of ZWidgetSession (shared/src/sites.ts): the full zod build is too heavy for the widget.
const ZSessionAnswer = z.object({
  ok: z.literal(true),
  visitorToken: z.string(),
  visitorId: z.string(),
  config: z.object({
    siteName: z.string(),
    color: z.string(),
    locale: z.nullable(z.enum(['zh-CN', 'en'])),
    greeting: ZTexts,
    offlineMessage: ZTexts,
    available: z.boolean(),
    withinBusinessHours: z.boolean(),
    agentsOnline: z.boolean(),
  }),
});

export type TSessionResult =
  | { ok: true; session: TWidgetSession }
  | { ok: false; code: TErrorCode | 'network'; retryable: boolean };

export type TStartSession = (body: {
  siteKey: string;
  visitorToken?: string;
  hostOrigin: string;
  /** Kefu.identify's data when it carries an id (the server checks its HMAC; invalid → anonymous). */
  identity?: Record<string, unknown>;
}) => Promise<TSessionResult>;

/** POST /api/widget/session on the server that served this iframe. */
export const startSession: TStartSession = async (body) => {
  let res: Response;
  try {
    res = await fetch('/api/widget/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, code: 'network', retryable: true };
  }
  const json: unknown = await res.json().catch(() => null);
  const parsed = ZSessionAnswer.safeParse(json);
  if (parsed.success) {
    const { ok: _ok, ...session } = parsed.data;
    return { ok: true, session };
  }
  const err = (json ?? {}) as { code?: TErrorCode; retryable?: boolean };
  return { ok: false, code: err.code ?? 'internal', retryable: err.retryable ?? res.status >= 500 };
};

/** Kefu.reset: tells the server to revoke this browser's visitor token (best effort: the token is forgotten here anyway). */
export type TEndSession = (body: { siteKey: string; visitorToken: string }) => Promise<void>;

/** POST /api/widget/session/end; `keepalive` lets it finish when the host navigates right after (sign-out). */
export const endSession: TEndSession = async (body) => {
  try {
    await fetch('/api/widget/session/end', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      keepalive: true,
    });
  } catch {
    // Offline: the token is gone from this browser, so nobody here can use it again.
  }
};

/** Where this browser keeps its visitor token for a site. */
export const visitorTokenKey = (siteKey: string) => `kefu:visitor:${siteKey}`;
