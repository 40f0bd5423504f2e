import type { TAck } from '@kefu/shared';
import type { z } from 'zod';
import type { Logger } from '../platform/logger';
import { AppError, toErrorBody } from '../platform/errors';

/**
 * Wraps a socket event handler: validates the payload with zod, runs the handler, and answers the
 * ack with `{ ok: true, ...result }` or the error wire shape. A bad payload or a thrown error never
 * crashes the process, and nothing is written unless validation passed.
 */
export function handler<S extends z.ZodType, R extends object>(
  log: Logger,
  schema: S,
  run: (payload: z.infer<S>) => Promise<R>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply = typeof ack === 'function' ? (ack as (a: TAck<R>) => void) : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply(toErrorBody(AppError.fromZod(parsed.error)));
      return;
    }
    run(parsed.data).then(
      (result) => reply({ ok: true, ...result }),
      (err: unknown) => {
        const body = toErrorBody(err);
        if (body.code === 'internal') log.error('socket handler failed', { err: String(err), stack: (err as Error).stack });
        reply(body);
      },
    );
  };
}
