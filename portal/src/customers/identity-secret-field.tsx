import { useState } from 'preact/hooks';
import { request } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useCustomersText } from './customers-text';

const q = encodeURIComponent;

/** The site's identity secret in the site form: hidden until asked for; rotating is audited by the server. */
export function IdentitySecretField({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const { u } = useCustomersText();
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(fn: () => Promise<{ identitySecret: string }>, done?: string) {
    setError(null);
    try {
      setSecret((await fn()).identitySecret);
      setNote(done ?? null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }
  const show = () => run(() => request('GET', `/api/sites/${q(siteId)}/identity-secret`));
  const rotate = () => {
    if (window.confirm(u('cu.secretRotateConfirm'))) void run(() => request('POST', `/api/sites/${q(siteId)}/identity-secret/rotate`, {}), u('cu.secretRotated'));
  };

  return (
    <div class="field">
      <span id="site-identity-secret-label">{u('cu.secret')}</span>
      <div class="row">
        {secret ? <code class="code cu-secret" aria-labelledby="site-identity-secret-label">{secret}</code> : null}
        {secret ? (
          <button type="button" class="btn btn-sm" onClick={() => setSecret(null)}>{u('cu.secretHide')}</button>
        ) : (
          <button type="button" class="btn btn-sm" onClick={() => void show()}>{u('cu.secretShow')}</button>
        )}
        <button type="button" class="btn btn-sm btn-danger" onClick={rotate}>{u('cu.secretRotate')}</button>
      </div>
      <small class="field-hint">{u('cu.secretHint')}</small>
      {note && <small role="status">{note}</small>}
      {error && <small class="field-error" role="alert">{error}</small>}
    </div>
  );
}
