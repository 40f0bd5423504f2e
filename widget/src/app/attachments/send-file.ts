import type { TStore } from '../state/store';
import type { TChatState } from '../state/chat-state';
import type { Outbox } from '../transport/outbox';
import { uploadAttachment } from './attachments-api';

export type TSendFileDeps = { store: TStore<TChatState>; outbox: Outbox; start(): Promise<void>; flush(): void };

/**
 * Uploads a file, then queues a message naming it: from then on the outbox owns it, so a reload
 * resends it once (same clientId). A refused upload is shown above the composer and sends nothing.
 */
export async function sendFile({ store, outbox, start, flush }: TSendFileDeps, file: File): Promise<void> {
  store.set({ upload: { name: file.name } });
  await start();
  const s = store.get();
  const conversationId = s.freshStart ? null : (s.conversation?.id ?? null);
  const res = await uploadAttachment(file, conversationId);
  if (!res.ok) {
    store.set({ upload: { error: res.code === 'too_large' ? 'too_large' : res.code === 'bad_request' ? 'bad_type' : 'failed' } });
    return;
  }
  store.set({ upload: null });
  outbox.add({ text: '', conversationId, attachments: [res.attachment] });
  flush();
}
