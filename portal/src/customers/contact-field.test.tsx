import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { fakeFetch, uuid } from '../test-fixtures';
import { ContactField } from './contact-field';

describe('ContactField', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the masked value and reveals the full one with one click through the audited endpoint', async () => {
    const fetch = fakeFetch(() => ({ status: 200, body: { ok: true, field: 'phone', value: '13812345678' } }));
    vi.stubGlobal('fetch', fetch);
    render(<ContactField customerId={uuid(7)} field="phone" masked="138****5678" canReveal />);
    expect(screen.getByText('138****5678')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reveal Phone' }));
    expect(await screen.findByText('13812345678')).toBeTruthy();
    expect(fetch.calls[0]?.url).toBe(`/api/customers/${uuid(7)}/reveal`);
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toEqual({ field: 'phone' });
    expect(screen.queryByRole('button', { name: 'Reveal Phone' })).toBeNull();
  });

  it('offers no reveal button to a role without the permission', () => {
    render(<ContactField customerId={uuid(7)} field="email" masked="w***@example.com" canReveal={false} />);
    expect(screen.getByText('w***@example.com')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
