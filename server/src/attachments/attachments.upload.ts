import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../platform/errors';
import type { AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';

const tooLarge = (max: number) => new AppError('too_large', `a file may have at most ${Math.floor(max / 1024 / 1024)} MB`);

/** Refuses upload bodies above KEFU_ATTACHMENT_MAX_BYTES while they stream in (chunked bodies too). */
export const uploadLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const max = c.var.ctx.config.attachments.maxBytes;
  return bodyLimit({ maxSize: max, onError: () => { throw tooLarge(max); } })(c, next);
};

/**
 * An upload: the raw bytes as the body and the file name in `?name=`. The declared Content-Type is
 * ignored (the type is sniffed from the bytes).
 */
export async function uploadedFile(c: Context<AppEnv>): Promise<{ name: string; bytes: Uint8Array }> {
  const { name } = parseInput(z.object({ name: z.string().min(1).max(300) }), c.req.query());
  return { name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
}
