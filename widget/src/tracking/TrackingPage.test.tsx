import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { complaintsEn } from '@kefu/shared/i18n/widget.complaints.en';
import { complaintsZhCN } from '@kefu/shared/i18n/widget.complaints.zh-CN';
import type { TPublicComplaint } from '@kefu/shared';
import { TrackingPage } from './TrackingPage';
import type { TTrackingApi } from './tracking-api';

const resolved: TPublicComplaint = {
  number: 'KS20261122-0007',
  status: 'resolved',
  category: 'delivery',
  description: '<img src=x onerror=alert(1)> parcel missing',
  locale: 'zh-CN',
  createdAt: '2026-11-22T08:00:00.000Z',
  dueAt: null,
  canAddInfo: true,
  awaitingFeedback: true,
  rating: null,
  attachments: [],
  timeline: [
    { type: 'created', text: null, at: '2026-11-22T08:00:00.000Z' },
    { type: 'resolved', text: 'A new parcel was sent.', at: '2026-11-22T09:00:00.000Z' },
  ],
};
const catalogs = { en: complaintsEn, 'zh-CN': complaintsZhCN };

function fakeApi(over: Partial<TTrackingApi> = {}): TTrackingApi {
  return {
    load: vi.fn(async () => ({ ok: true as const, complaint: resolved })),
    addInfo: vi.fn(async () => ({ ok: true as const, complaint: resolved })),
    feedback: vi.fn(async () => ({ ok: true as const, complaint: { ...resolved, status: 'handling' as const, awaitingFeedback: false } })),
    attach: vi.fn(async () => ({ ok: true as const, complaint: resolved })),
    attachmentUrl: (token: string, id: string) => `/api/track/${token}/attachments/${id}`,
    ...over,
  };
}

describe('TrackingPage', () => {
  it('shows the number and the plain-words status in the complaint’s language, and customer text as text', async () => {
    render(<TrackingPage token="t" api={fakeApi()} catalogs={catalogs} initialLocale={null} />);
    await screen.findByText('KS20261122-0007');
    expect(screen.getByText('已处理，待您确认')).toBeTruthy();
    expect(screen.getByText('<img src=x onerror=alert(1)> parcel missing')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('sends "not satisfied" with the comment and shows the reopened status', async () => {
    const api = fakeApi();
    render(<TrackingPage token="tok" api={api} catalogs={catalogs} initialLocale="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'No, not satisfied' }));
    fireEvent.input(screen.getByLabelText('Comment (optional)'), { target: { value: 'Still missing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send answer' }));
    await waitFor(() => expect(api.feedback).toHaveBeenCalledWith('tok', { satisfied: false, comment: 'Still missing' }));
    await screen.findByText('Being handled');
  });

  it('asks for a rating before "satisfied" can be sent', async () => {
    const api = fakeApi();
    render(<TrackingPage token="tok" api={api} catalogs={catalogs} initialLocale="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, satisfied' }));
    const send = screen.getByRole('button', { name: 'Send answer' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '4 of 5' }));
    fireEvent.click(send);
    await waitFor(() => expect(api.feedback).toHaveBeenCalledWith('tok', { satisfied: true, rating: 4 }));
  });

  it('says the link is not valid for an unknown token', async () => {
    render(<TrackingPage token="bad" api={fakeApi({ load: async () => ({ ok: false, code: 'not_found', message: 'no such complaint' }) })} catalogs={catalogs} initialLocale="en" />);
    await screen.findByText(complaintsEn['track.notFound']);
  });
});
