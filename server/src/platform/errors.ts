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
  if (isConnectionError(err)) {
    return { ok: false, code: 'unavailable', message: 'database unavailable, try again', retryable: true };
  }
  return { ok: false, code: 'internal', message: 'internal error', retryable: true };
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    (typeof code === 'string' && code.startsWith('08')) // connection exceptions
  );
}
