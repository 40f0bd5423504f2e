import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, aUser } from '../test-fixtures';
import { LoginScreen } from './login-screen';

afterEach(() => vi.unstubAllGlobals());

function signIn(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginScreen', () => {
  it('shows the server error when the credentials are refused', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => ({ status: 401, body: { ok: false, code: 'unauthenticated', message: 'bad credentials' } })));
    render(<LoginScreen onSignedIn={() => undefined} />);
    signIn('li@example.com', 'wrong');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong email or password.');
  });

  it('explains a rate limit in words rather than a status code', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => ({ status: 429, body: { ok: false, code: 'rate_limited', message: 'slow down', retryable: true } })));
    render(<LoginScreen onSignedIn={() => undefined} />);
    signIn('li@example.com', 'pw');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many requests/);
  });

  it('posts the credentials and hands over the signed-in user', async () => {
    const user = aUser();
    const fetch = fakeFetch(() => ({ status: 200, body: { ok: true, user, token: 't' } }));
    vi.stubGlobal('fetch', fetch);
    const onSignedIn = vi.fn();
    render(<LoginScreen onSignedIn={onSignedIn} />);
    signIn(' li@example.com ', 'secret');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
    expect(fetch.calls[0]?.url).toBe('/api/auth/login');
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toEqual({ email: 'li@example.com', password: 'secret' });
    expect(fetch.calls[0]?.init?.credentials).toBe('same-origin');
  });
});
