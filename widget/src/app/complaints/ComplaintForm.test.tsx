import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { complaintsEn } from '@kefu/shared/i18n/widget.complaints.en';
import { ComplaintForm } from './ComplaintForm';
import type { TComplaintsApi } from './complaints-api';

function fakeApi(): TComplaintsApi {
  return {
    file: vi.fn(async () => ({ ok: true as const, number: 'KS20261122-0007', trackingUrl: 'http://kefu.test/c/abc' })),
    mine: vi.fn(async () => ({ ok: true as const, complaints: [] })),
    link: vi.fn(async () => ({ ok: true as const, trackingUrl: 'http://kefu.test/c/abc' })),
    attach: vi.fn(async (_url: string, f: File) => (f.name.endsWith('.exe') ? { ok: false as const, code: 'bad_request' as const, message: 'no' } : { ok: true as const })),
  };
}
const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('ComplaintForm', () => {
  it('asks for a phone or an email before sending anything', async () => {
    const api = fakeApi();
    render(<ComplaintForm t={complaintsEn} locale="en" api={api} />);
    fireEvent.change(screen.getByLabelText('What is it about?'), { target: { value: 'billing' } });
    fill('What happened?', 'Charged twice');
    fireEvent.click(screen.getByRole('button', { name: 'Submit complaint' }));
    await screen.findByText('Please give a phone number or an email address.');
    expect(api.file).not.toHaveBeenCalled();
  });

  it('files the complaint and shows its number with the tracking link', async () => {
    const api = fakeApi();
    render(<ComplaintForm t={complaintsEn} locale="en" api={api} />);
    fireEvent.change(screen.getByLabelText('What is it about?'), { target: { value: 'billing' } });
    fill('What happened?', '  Charged twice  ');
    fill('Email', 'li@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Submit complaint' }));
    await screen.findByText('Thank you. Your complaint KS20261122-0007 was received.');
    expect(api.file).toHaveBeenCalledWith({ category: 'billing', description: 'Charged twice', email: 'li@example.com', locale: 'en' });
    await waitFor(() => expect(screen.getByRole('link', { name: 'Open the tracking page' }).getAttribute('href')).toBe('http://kefu.test/c/abc'));
  });

  it('attaches the chosen files to the filed complaint through its tracking link and names those refused', async () => {
    const api = fakeApi();
    render(<ComplaintForm t={complaintsEn} locale="en" api={api} />);
    fireEvent.change(screen.getByLabelText('What is it about?'), { target: { value: 'product' } });
    fill('What happened?', 'Cup arrived broken');
    fill('Phone', '13800000000');
    const photo = new File(['png'], 'cup.png', { type: 'image/png' });
    const bad = new File(['MZ'], 'tool.exe');
    fireEvent.change(screen.getByLabelText('Photos or documents (optional)'), { target: { files: [photo, bad] } });
    await screen.findByText('2 file(s) chosen');
    fireEvent.click(screen.getByRole('button', { name: 'Submit complaint' }));
    await screen.findByText('These files could not be attached: tool.exe. You can add them on the tracking page.');
    expect(api.attach).toHaveBeenCalledWith('http://kefu.test/c/abc', photo);
    expect(api.attach).toHaveBeenCalledTimes(2);
  });
});
