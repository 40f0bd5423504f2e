import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TMessageAttachment } from '@kefu/shared';
import { aMessage } from '../../test-fixtures';
import { Composer } from '../components/composer';
import { MessageList } from '../components/message-list';

const CONV = '33333333-3333-4333-8333-333333333333';
const PHOTO: TMessageAttachment = { id: '11111111-1111-4111-8111-111111111111', fileName: 'photo.png', contentType: 'image/png', size: 2048, image: true };
const PDF: TMessageAttachment = { id: '22222222-2222-4222-8222-222222222222', fileName: 'invoice.pdf', contentType: 'application/pdf', size: 1536000, image: false };

afterEach(() => vi.unstubAllGlobals());

/** The upload answers `upload`; anything else the composer loads (prohibited phrases) answers an empty list. */
const serverAnswering = (upload: { status: number; body: unknown }) =>
  vi.fn(async (url: string) =>
    url.endsWith('/attachments')
      ? new Response(JSON.stringify(upload.body), { status: upload.status })
      : new Response(JSON.stringify({ ok: true, phrases: [] }), { status: 200 }),
  );

describe('chat attachments in the portal', () => {
  it('shows an image as a thumbnail linking to the full file and a document as a download with name and size', () => {
    const { container } = render(<MessageList customerName="Wang" messages={[aMessage(1, { conversationId: CONV, text: '', attachments: [PHOTO, PDF] })]} />);
    const img = screen.getByAltText('photo.png') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(`/api/conversations/${CONV}/attachments/${PHOTO.id}`);
    expect(screen.getByLabelText('Open image photo.png').getAttribute('target')).toBe('_blank');
    const link = screen.getByLabelText('Download invoice.pdf (1.5 MB)');
    expect(link.getAttribute('href')).toBe(`/api/conversations/${CONV}/attachments/${PDF.id}`);
    expect(link.getAttribute('download')).toBe('invoice.pdf');
    expect(container.querySelectorAll('img')).toHaveLength(1);
  });

  it('uploads an attached file, then sends it with the reply (even without text)', async () => {
    const fetchMock = serverAnswering({ status: 201, body: { ok: true, attachment: PDF } });
    vi.stubGlobal('fetch', fetchMock);
    const onSend = vi.fn();
    render(<Composer conversationId={CONV} onSend={onSend} />);
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Attach file'), { target: { files: [new File(['%PDF'], 'invoice.pdf')] } });
    await screen.findByText('invoice.pdf · 1.5 MB');
    expect(fetchMock).toHaveBeenCalledWith(`/api/conversations/${CONV}/attachments`, expect.objectContaining({ method: 'POST' }));
    await waitFor(() => expect(send.disabled).toBe(false));
    fireEvent.click(send);
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ text: '', attachments: [PDF] }));
    expect(screen.queryByText('invoice.pdf · 1.5 MB')).toBeNull();
  });

  it('says why a file was refused and does not send it', async () => {
    vi.stubGlobal('fetch', serverAnswering({ status: 400, body: { ok: false, code: 'bad_request' } }));
    const onSend = vi.fn();
    render(<Composer conversationId={CONV} onSend={onSend} />);
    fireEvent.change(screen.getByLabelText('Attach file'), { target: { files: [new File(['<html>'], 'cat.png')] } });
    await screen.findByText('cat.png cannot be sent: use an image, a PDF or a Word/Excel document.');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
  });
});
