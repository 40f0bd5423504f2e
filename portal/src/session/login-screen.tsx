import { useState } from 'preact/hooks';
import type { TUser } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { ApiError } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import './login-screen.css';

export function LoginScreen(props: { onSignedIn: (user: TUser) => void; notice?: string | null }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(props.notice ?? null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await api.login(email.trim(), password));
    } catch (err) {
      const badCredentials = err instanceof ApiError && (err.code === 'unauthenticated' || err.code === 'bad_request');
      setError(badCredentials ? t('login.invalid') : errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div class="login-brand" aria-hidden="true">客</div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p class="muted">{t('login.subtitle')}</p>
        <label class="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
