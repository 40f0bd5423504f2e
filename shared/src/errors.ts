import { z } from 'zod';

/** Every error code the server can answer with, over HTTP and in socket acks alike. */
export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'origin_not_allowed',
  'rate_limited',
  'too_large',
  'unavailable',
  'internal',
] as const;
export const ZErrorCode = z.enum(ERROR_CODES);
export type TErrorCode = z.infer<typeof ZErrorCode>;

/** HTTP status for each error code (one map, used by the server's single onError). */
export const ERROR_HTTP_STATUS: Record<TErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  origin_not_allowed: 403,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

/** The one wire shape of an error: HTTP bodies and socket acks. */
export const ZErrorBody = z.object({
  ok: z.literal(false),
  code: ZErrorCode,
  message: z.string(),
  /** Field-level problems from validation, when there are any. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** True when the same request may succeed later (database down, rate limit). */
  retryable: z.boolean().optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** A socket acknowledgement: `{ ok: true, ...data }` or the error wire shape. */
export type TAck<T extends object = object> = ({ ok: true } & T) | TErrorBody;
