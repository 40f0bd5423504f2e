import { useState } from 'preact/hooks';
import type { TMessageAttachment } from '@kefu/shared';
import { uploadMessageAttachment } from './attachments-api';
import { fileSize, useAttachmentsText } from './attachments-text';
import './attachments.css';

type TPending = { key: number; name: string } & ({ state: 'uploading' } | { state: 'ready'; attachment: TMessageAttachment } | { state: 'error'; code: string });
let nextKey = 0;

/**
 * Files the agent attached to the message being written: each is uploaded at once (into the
 * conversation) and sent by id with the message.
 */
export function useComposerFiles(conversationId: string | undefined) {
  const a = useAttachmentsText();
  const [items, setItems] = useState<TPending[]>([]);
  const patch = (key: number, next: TPending) => setItems((xs) => xs.map((x) => (x.key === key ? next : x)));

  async function add(file: File) {
    if (!conversationId) return;
    const key = ++nextKey;
    setItems((xs) => [...xs, { key, name: file.name, state: 'uploading' }]);
    const res = await uploadMessageAttachment(conversationId, file);
    patch(key, res.ok ? { key, name: file.name, state: 'ready', attachment: res.attachment } : { key, name: file.name, state: 'error', code: res.code });
  }

  return {
    items,
    uploading: items.some((x) => x.state === 'uploading'),
    ready: () => items.flatMap((x) => (x.state === 'ready' ? [x.attachment] : [])),
    remove: (key: number) => setItems((xs) => xs.filter((x) => x.key !== key)),
    clear: () => setItems([]),
    AttachButton: () => (
      <label class="btn btn-ghost btn-sm composer-attach">
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L15.5 7" />
        </svg>{' '}
        {a('att.attach')}
        <input
          type="file"
          multiple
          aria-label={a('att.attach')}
          onChange={(e) => {
            const list = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            list.forEach((f) => void add(f));
          }}
        />
      </label>
    ),
  };
}

/** The chips of attached files above the text box: name and size, uploading, refused, or removable. */
export function ComposerFiles({ files }: { files: ReturnType<typeof useComposerFiles> }) {
  const a = useAttachmentsText();
  if (!files.items.length) return null;
  return (
    <ul class="composer-files" aria-live="polite">
      {files.items.map((x) => (
        <li key={x.key} class={x.state === 'uploading' ? 'busy' : x.state === 'error' ? 'error' : ''}>
          <span>
            {x.state === 'uploading'
              ? a('att.uploading', { name: x.name })
              : x.state === 'error'
                ? a(x.code === 'too_large' ? 'att.tooLarge' : x.code === 'bad_request' ? 'att.badType' : 'att.failed', { name: x.name })
                : `${x.attachment.fileName} · ${fileSize(x.attachment.size)}`}
          </span>
          {x.state !== 'uploading' && (
            <button type="button" class="btn btn-ghost btn-sm" aria-label={a('att.remove', { name: x.name })} onClick={() => files.remove(x.key)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
