import { useEffect, useState } from 'preact/hooks';
import type { TInviteInfo, TMe } from '@kefu/shared';
import { ApiError } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import { adminApi } from './admin-api';
import { useAdminText } from './admin-text';
import '../session/login-screen.css';

/** The page of a one-time invite link: the invitee chooses a password and is signed in. */
export function InviteScreen(props: { token: string; onSignedIn: (user: TMe) => void }) {
  const { t } = useI18n();
  const { a } = useAdminText();
  const [info, setInfo] = useState<TInviteInfo | 'invalid' | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    adminApi.inviteInfo(props.token).then(setInfo, (err) => (err instanceof ApiError && err.code === 'not_found' ? setInfo('invalid') : setError(errorText(t, err))));
  }, [props.token]);

  async function submit(e: Event) {
    e.preventDefault();
    if (password !== confirm) return setError(a('invite.mismatch'));
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await adminApi.acceptInvite(props.token, password));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') setInfo('invalid');
      else setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="invite-title" noValidate>
        <div class="login-brand" aria-hidden="true">客</div>
        <h1 id="invite-title">{a('invite.pageTitle')}</h1>
        {info === 'invalid' && <p class="form-error" role="alert">{a('invite.invalid')}</p>}
        {info === null && !error && <p class="muted" role="status">…</p>}
        {info && info !== 'invalid' && (
          <>
            <p class="muted">{a('invite.pageHelp', { name: info.name, email: info.email })}</p>
            <input type="email" name="email" autoComplete="username" value={info.email} hidden readOnly />
            <label class="field">
              <span>{a('invite.password')}</span>
              <input type="password" name="new-password" autoComplete="new-password" minLength={8} required value={password}
                onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{a('invite.confirm')}</span>
              <input type="password" name="confirm-password" autoComplete="new-password" minLength={8} required value={confirm}
                onInput={(e) => setConfirm(e.currentTarget.value)} />
            </label>
            {error && <p class="form-error" role="alert">{error}</p>}
            <button type="submit" class="btn btn-primary btn-block" disabled={busy || password.length < 8}>{a('invite.submit')}</button>
          </>
        )}
        {!info && error && <p class="form-error" role="alert">{error}</p>}
      </form>
    </main>
  );
}
