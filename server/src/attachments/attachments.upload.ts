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

/** A multipart/form-data upload (chat attachments): the file in the `file` field; its declared type is ignored. */
export async function multipartFile(c: Context<AppEnv>): Promise<{ name: string; bytes: Uint8Array }> {
  if (!c.req.header('content-type')?.startsWith('multipart/form-data')) throw new AppError('bad_request', 'send the file as multipart/form-data in the "file" field');
  const body = await c.req.parseBody().catch(() => {
    throw new AppError('bad_request', 'unreadable multipart body');
  });
  const file = body['file'];
  if (!(file instanceof File)) throw new AppError('bad_request', 'send the file in the "file" field');
  const name = z.string().min(1).max(300).safeParse(file.name);
  return { name: name.success ? name.data : 'file', bytes: new Uint8Array(await file.arrayBuffer()) };
}
