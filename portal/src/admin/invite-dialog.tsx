import { useState } from 'preact/hooks';
import { LOCALES, ROLES, ZInviteBody, type TInviteResult, type TLocale, type TRole, type TTeam, type TUser } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { issuesToFieldErrors, type TFieldErrors } from '../settings/form-errors';
import { describedBy, Field } from '../ui/field';
import { Modal } from '../ui/modal';
import { adminApi } from './admin-api';
import { useAdminText } from './admin-text';

/**
 * Invites a user by a one-time link (name, email, role, teams), or issues a new link for `user`;
 * then shows the link once to copy (it is mailed too when a mail server is configured).
 */
export function InviteDialog(props: { user?: TUser; teams: readonly TTeam[]; onClose: () => void; onInvited: () => void }) {
  const { t } = useI18n();
  const { a } = useAdminText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TRole>('agent');
  const [locale, setLocale] = useState<TLocale>('zh-CN');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [result, setResult] = useState<TInviteResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      if (props.user) {
        setResult(await adminApi.reinvite(props.user.id));
      } else {
        const parsed = ZInviteBody.safeParse({ name, email: email.trim(), role, locale, teamIds });
        if (!parsed.success) {
          setBusy(false);
          return setErrors({ ...issuesToFieldErrors(t, parsed.error.issues), _form: t('form.fix') });
        }
        setResult(await adminApi.invite(parsed.data));
      }
      props.onInvited();
    } catch (err) {
      setErrors({ _form: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={props.user ? `${a('invite.again')} · ${props.user.name}` : a('invite.title')} onClose={props.onClose}>
      {result ? (
        <div class="form">
          <p>{a('invite.created', { name: result.user.name })}</p>
          <textarea class="code invite-link" rows={3} readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} aria-label={a('invite.title')} />
          <p class="muted small">{result.mailed ? a('invite.mailed', { email: result.user.email }) : a('invite.notMailed')}</p>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => void navigator.clipboard?.writeText(result.link)}>{t('common.copy')}</button>
            <button type="button" class="btn btn-primary" onClick={props.onClose}>{t('common.close')}</button>
          </div>
        </div>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          {!props.user && (
            <>
              <Field label={t('users.name')} id="invite-name" error={errors.name}>
                <input {...describedBy('invite-name', errors.name)} value={name} onInput={(e) => setName(e.currentTarget.value)} />
              </Field>
              <Field label={t('users.email')} id="invite-email" error={errors.email}>
                <input type="email" {...describedBy('invite-email', errors.email)} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
              </Field>
              <div class="form-grid">
                <Field label={t('users.role')} id="invite-role">
                  <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as TRole)}>
                    {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                  </select>
                </Field>
                <Field label={t('users.locale')} id="invite-locale">
                  <select id="invite-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as TLocale)}>
                    {LOCALES.map((l) => <option key={l} value={l}>{l}</option>)}
                  </select>
                </Field>
              </div>
              <fieldset class="checks">
                <legend>{t('users.teams')}</legend>
                {props.teams.map((team) => (
                  <label key={team.id} class="check">
                    <input type="checkbox" checked={teamIds.includes(team.id)}
                      onChange={(e) => setTeamIds(e.currentTarget.checked ? [...teamIds, team.id] : teamIds.filter((x) => x !== team.id))} /> {team.name}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
          <div class="form-actions">
            <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
            <button type="submit" class="btn btn-primary" disabled={busy}>{a('invite.send')}</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
