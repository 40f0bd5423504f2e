import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES } from '@kefu/shared';
import { AppError } from '../platform/errors';

/** Where attachment bytes live; local disk today, an S3-compatible store can implement the same calls. */
export type AttachmentStore = {
  put(id: string, bytes: Uint8Array): Promise<void>;
  get(id: string): Promise<Buffer>;
  /** Removes the file of an id, or a name `list` gave (an unfinished `<id>.tmp`); one already gone is not an error. */
  delete(name: string): Promise<void>;
  /** The files whose names `match` (an attachment id, or an unfinished write's `<id>.tmp`), with when each was last written. */
  list(match: (name: string) => boolean): Promise<{ name: string; writtenAt: Date }[]>;
};

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Files in one folder, named by attachment id (never by the uploaded name). Writes are atomic (temp + rename). */
export function localAttachmentStore(dir: string): AttachmentStore {
  const path = (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('bad_request', 'bad attachment id');
    return join(dir, id);
  };
  return {
    async put(id, bytes) {
      await mkdir(dir, { recursive: true });
      const tmp = `${path(id)}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path(id));
    },
    async get(id) {
      return readFile(path(id));
    },
    async delete(name) {
      const unfinished = name.endsWith('.tmp');
      const file = unfinished ? `${path(name.slice(0, -4))}.tmp` : path(name);
      await unlink(file).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    },
    async list(match) {
      const names = await readdir(dir).catch((err: unknown) => {
        if (isMissing(err)) return [] as string[];
        throw err;
      });
      const files = await Promise.all(
        names.filter(match).map((name) =>
          stat(join(dir, name)).then(
            (s) => (s.isFile() ? { name, writtenAt: s.mtime } : null),
            () => null,
          ),
        ),
      );
      return files.filter((f) => f !== null);
    },
  };
}

/**
 * The file's real type from its bytes (magic numbers), refusing anything not in ATTACHMENT_TYPES:
 * a `.png` that is really HTML or SVG is refused whatever its name or Content-Type says.
 */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<(typeof ATTACHMENT_TYPES)[number]> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime as (typeof ATTACHMENT_TYPES)[number] | undefined;
  if (!mime || !ATTACHMENT_TYPES.includes(mime)) {
    throw new AppError('bad_request', 'this kind of file cannot be attached: use an image (PNG, JPEG, GIF, WebP), a PDF or a Word/Excel document');
  }
  return mime;
}

/** Only raster images are shown inline; everything else is served as a download. */
export const isInlineImage = (mime: string) => mime === 'image/png' || mime === 'image/jpeg' || mime === 'image/gif' || mime === 'image/webp';

/** Headers for serving a stored file so that it can never run as a page in our origin. */
export function attachmentHeaders(a: { file_name: string; content_type: string; size: number }): Record<string, string> {
  const inline = isInlineImage(a.content_type);
  const ascii = a.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'Content-Type': inline ? a.content_type : 'application/octet-stream',
    'Content-Length': String(a.size),
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
  };
}
