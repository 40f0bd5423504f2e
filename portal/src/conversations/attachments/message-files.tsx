import type { TMessageAttachment } from '@kefu/shared';
import { messageAttachmentUrl } from './attachments-api';
import { fileSize, useAttachmentsText } from './attachments-text';
import './attachments.css';

/** A message's files: images as thumbnails (click opens the full image), others as download links. */
export function MessageFiles(props: { conversationId: string; files: readonly TMessageAttachment[] }) {
  const a = useAttachmentsText();
  return (
    <ul class="msg-files">
      {props.files.map((f) => {
        const url = messageAttachmentUrl(props.conversationId, f.id);
        return (
          <li key={f.id}>
            {f.image ? (
              <a class="msg-thumb" href={url} target="_blank" rel="noopener noreferrer" aria-label={a('att.open', { name: f.fileName })}>
                <img src={url} alt={f.fileName} loading="lazy" />
              </a>
            ) : (
              <a class="msg-file" href={url} download={f.fileName} aria-label={a('att.download', { name: f.fileName, size: fileSize(f.size) })}>
                <svg class="msg-file-icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round">
                  <path d="M14 3H6v18h12V7zM14 3v4h4" />
                </svg>
                <span class="msg-file-name">{f.fileName}</span>
                <span class="msg-file-size">{fileSize(f.size)}</span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
