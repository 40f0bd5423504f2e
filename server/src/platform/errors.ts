import { ERROR_HTTP_STATUS, type TErrorBody, type TErrorCode } from '@kefu/shared/errors';
import type { ZodError } from 'zod';

/** The one error type of the server: a code from the shared list and a message for people. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    readonly retryable?: boolean,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  static fromZod(error: ZodError): AppError {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return new AppError(
      'bad_request',
      first ? `${first.path || 'body'}: ${first.message}` : 'invalid input',
      issues,
    );
  }
}

/** Turns anything thrown into the error wire shape (unknown errors become `internal`, or `unavailable` when the database is down). */
export function toErrorBody(err: unknown): TErrorBody {
  if (err instanceof AppError) {
    return {
      ok: false,
      code: err.code,
      message: err.message,
      ...(err.issues ? { issues: err.issues } : {}),
      ...(err.retryable ? { retryable: true } : {}),
    };
  }
  const pgCode = (err as { code?: unknown } | null)?.code;
  if (pgCode === '22021' || pgCode === '22P05') {
    // NUL bytes and other characters PostgreSQL cannot store: refused, never a 500.
    return { ok: false, code: 'bad_request', message: 'the text contains characters that cannot be stored (NUL bytes)' };
  }
  if (isConnectionError(err)) {
    return { ok: false, code: 'unavailable', message: 'database unavailable, try again', retryable: true };
  }
  return { ok: false, code: 'internal', message: 'internal error', retryable: true };
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // node-postgres reports a connection lost mid-query or a pool wait that timed out without a code.
  const message = err instanceof Error ? err.message : '';
  if (/Connection terminated|connection timeout|Client has encountered a connection error|Connection is closed|not queryable/i.test(message)) return true;
  return (
    code === 'ETIMEDOUT' ||
    code === 'EPIPE' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    (typeof code === 'string' && code.startsWith('08')) // connection exceptions
  );
}
