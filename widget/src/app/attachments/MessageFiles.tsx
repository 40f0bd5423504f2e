import { useEffect, useState } from 'preact/hooks';
import type { TLocale, TMessageAttachment } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import type { TAttachmentsCatalog } from '@kefu/shared/i18n/widget.attachments.en';
import { attachmentUrl, fileSize } from './attachments-api';
import './attachments.css';
export { UploadNotice } from './UploadNotice';
export { sendFile } from './send-file';

import { ATTACHMENT_TEXT } from './UploadNotice';

function Thumb({ file, t }: { file: TMessageAttachment; t: TAttachmentsCatalog }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    attachmentUrl(file.id).then((u) => live && setSrc(u), () => undefined);
    return () => {
      live = false;
    };
  }, [file.id]);
  return (
    <a class="kf-thumb" href={src ?? undefined} target="_blank" rel="noopener" aria-label={format(t.openImage, { name: file.fileName })}>
      {src ? <img src={src} alt={file.fileName} /> : <span class="kf-thumb-wait" />}
    </a>
  );
}

/** Saves a file through a blob: URL (the visitor token goes in a header, not in a link). */
function download(file: TMessageAttachment): void {
  void attachmentUrl(file.id).then((url) => {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.click();
  }, () => undefined);
}

/** The files of one message: images as thumbnails (click opens them), others as download links. */
export function MessageFiles({ files, locale }: { files: readonly TMessageAttachment[]; locale: TLocale }) {
  const t = ATTACHMENT_TEXT[locale];
  return (
    <ul class="kf-files">
      {files.map((f) =>
        f.image ? (
          <li key={f.id}>
            <Thumb file={f} t={t} />
          </li>
        ) : (
          <li key={f.id}>
            <a
              class="kf-file"
              href="#"
              aria-label={format(t.download, { name: f.fileName, size: fileSize(f.size) })}
              onClick={(e) => {
                e.preventDefault();
                download(f);
              }}
            >
              <span class="kf-file-name">{f.fileName}</span>
              <span class="kf-file-size">{fileSize(f.size)}</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
