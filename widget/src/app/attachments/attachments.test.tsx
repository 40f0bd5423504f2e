import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import type { TCustomerSendMessage, TMessageAttachment } from '@kefu/shared';
import { Composer } from '../components/Composer';
import { MessageBubble } from '../components/MessageBubble';
import { renderWithText } from '../i18n/render-with-text';
import { Outbox, outboxKey } from '../transport/outbox';
import { OutboxSender } from '../transport/outbox-sender';
import { testConversation, testMessage } from '../transport/customer-connection.fake';
import { setAttachmentAuth } from './attachments-auth';
import { sendFile } from './send-file';
import { createStore } from '../state/store';
import type { TChatState } from '../state/chat-state';

const PHOTO: TMessageAttachment = { id: '11111111-1111-4111-8111-111111111111', fileName: 'photo.png', contentType: 'image/png', size: 2048, image: true };
const PDF: TMessageAttachment = { id: '22222222-2222-4222-8222-222222222222', fileName: 'invoice.pdf', contentType: 'application/pdf', size: 1536000, image: false };

beforeEach(() => {
  localStorage.clear();
  setAttachmentAuth({ siteKey: 'demo', hostOrigin: 'https://shop.example', visitorToken: 'vt-secret' });
  URL.createObjectURL = vi.fn(() => 'blob:kefu/1');
});
afterEach(() => vi.unstubAllGlobals());

describe('chat attachments in the widget', () => {
  it('hands the chosen file to onAttach from the labelled paperclip', () => {
    const onAttach = vi.fn();
    renderWithText(<Composer onSend={() => {}} onAttach={onAttach} attachLabel="Send an image or file" />);
    const input = screen.getByLabelText('Send an image or file') as HTMLInputElement;
    const file = new File(['x'], 'photo.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onAttach).toHaveBeenCalledWith(file);
  });

  it('shows an image as a thumbnail fetched with the visitor token, and a document as a download with its name and size', async () => {
    const fetchMock = vi.fn(async () => new Response(new Blob(['png']), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithText(<MessageBubble message={testMessage({ seq: 1, author: 'agent', text: '', attachments: [PHOTO, PDF] })} />);
    const img = (await screen.findByAltText('photo.png')) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('blob:kefu/1');
    expect(screen.getByLabelText('Open image photo.png').getAttribute('href')).toBe('blob:kefu/1');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/widget/attachments/${PHOTO.id}?siteKey=demo&hostOrigin=${encodeURIComponent('https://shop.example')}`);
    expect(init.headers).toEqual({ authorization: 'Bearer vt-secret' });
    const link = screen.getByLabelText('Download invoice.pdf (1.5 MB)');
    expect(link.textContent).toContain('invoice.pdf');
    expect(link.textContent).toContain('1.5 MB');
    expect(document.querySelector('.kf-msg-text')).toBeNull();
  });

  it('uploads first, then the message naming the file survives a reload in the outbox and is sent once', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: true, attachment: PHOTO }), { status: 201 })));
    const key = outboxKey('demo');
    const outbox = new Outbox(localStorage, key);
    const store = createStore({ freshStart: false, conversation: null, upload: null } as unknown as TChatState);
    await sendFile({ store, outbox, start: async () => {}, flush: () => {} }, new File(['png'], 'photo.png'));
    expect(store.get().upload).toBeNull();
    // The page reloads before the message went out: the outbox from storage still has it.
    const reloaded = new Outbox(localStorage, key);
    expect(reloaded.list()).toEqual([expect.objectContaining({ text: '', attachments: [PHOTO] })]);
    const clientId = reloaded.list()[0]!.clientId;
    const sent: TCustomerSendMessage[] = [];
    const sender = new OutboxSender(reloaded, {
      send: async (p) => {
        sent.push(p);
        return { ok: true, conversation: testConversation(), message: testMessage({ seq: 1, clientId: p.clientId, text: '', author: 'customer', attachments: [PHOTO] }) };
      },
      canSend: () => true,
      onAcked: () => {},
    });
    await sender.flush();
    await sender.flush();
    expect(sent).toEqual([expect.objectContaining({ text: '', attachmentIds: [PHOTO.id], clientId })]);
    expect(reloaded.list()).toEqual([]);
  });

  it('says why a file was refused and queues nothing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, code: 'too_large' }), { status: 413 })));
    const outbox = new Outbox(localStorage, outboxKey('demo'));
    const store = createStore({ freshStart: false, conversation: null, upload: null } as unknown as TChatState);
    await sendFile({ store, outbox, start: async () => {}, flush: () => {} }, new File(['x'], 'huge.png'));
    expect(store.get().upload).toEqual({ error: 'too_large' });
    expect(outbox.list()).toEqual([]);
  });
});
