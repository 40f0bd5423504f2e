import { ZErrorBody, type TErrorCode } from '@kefu/shared';

/** A refused or failed request: the server's error code (or 'network' when no answer came). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: TErrorCode | 'network',
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Fired on window when an API call finds the session gone. */
export const SESSION_ENDED_EVENT = 'kefu:session-ended';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends one JSON request to the same-origin API and returns the `{ ok: true, ... }` body.
 * @example const { user } = await request<{ user: TUser }>('GET', '/api/me')
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError('network', err instanceof Error ? err.message : 'network error', 0, [], true);
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok && json && typeof json === 'object' && (json as { ok?: unknown }).ok === true) return json as T;
  const parsed = ZErrorBody.safeParse(json);
  if (parsed.success) {
    const e = parsed.data;
    // A session that ended (expired, user deactivated) sends the app back to the login screen.
    if (e.code === 'unauthenticated' && path !== '/api/auth/login' && path !== '/api/me') {
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    }
    throw new ApiError(e.code, e.message, res.status, e.issues ?? [], e.retryable ?? false);
  }
  throw new ApiError(res.status >= 500 ? 'internal' : 'bad_request', `HTTP ${res.status}`, res.status, [], res.status >= 500);
}
