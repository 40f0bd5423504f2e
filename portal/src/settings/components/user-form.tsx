import { useState } from 'preact/hooks';
import { LOCALES, ROLES, ZCreateUserBody, ZUpdateUserBody, type TLocale, type TRole, type TTeam, type TUser } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { useI18n } from '../../i18n/i18n-context';
import { describedBy, Field } from '../../ui/field';
import { Modal } from '../../ui/modal';
import { issuesToFieldErrors, saveErrorToFieldErrors, type TFieldErrors } from '../form-errors';

type Props = { user: TUser | null; teams: readonly TTeam[]; onClose: () => void; onSaved: (u: TUser) => void };

/** Create a user, or edit role, active, capacity, teams (and optionally set a new password). */
export function UserForm(props: Props) {
  const { t } = useI18n();
  const u = props.user;
  const [name, setName] = useState(u?.name ?? '');
  const [email, setEmail] = useState(u?.email ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<TRole>(u?.role ?? 'agent');
  // '' = not chosen: the portal follows their browser (a new user defaults to Chinese, as before).
  const [locale, setLocale] = useState<TLocale | ''>(u ? (u.locale ?? '') : 'zh-CN');
  const [maxConcurrent, setMax] = useState(String(u?.maxConcurrent ?? 5));
  const [teamIds, setTeamIds] = useState<string[]>(u?.teamIds ?? []);
  const [active, setActive] = useState(u?.active ?? true);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const common = { name, role, locale: locale || null, maxConcurrent: Number(maxConcurrent), teamIds };
    const parsed = u
      ? ZUpdateUserBody.safeParse({ ...common, active, ...(password ? { password } : {}) })
      : ZCreateUserBody.safeParse({ ...common, email: email.trim(), password });
    if (!parsed.success) {
      setErrors({ ...issuesToFieldErrors(t, parsed.error.issues), _form: t('form.fix') });
      return;
    }
    setBusy(true);
    try {
      const saved = u ? await api.updateUser(u.id, parsed.data) : await api.createUser(parsed.data as Parameters<typeof api.createUser>[0]);
      props.onSaved(saved);
    } catch (err) {
      setErrors(saveErrorToFieldErrors(t, err));
      setBusy(false);
    }
  }

  const toggleTeam = (id: string) => setTeamIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <Modal title={u ? `${t('common.edit')} · ${u.name}` : t('users.new')} onClose={props.onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field label={t('users.name')} id="user-name" error={errors.name}>
          <input {...describedBy('user-name', errors.name)} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        {!u && (
          <Field label={t('users.email')} id="user-email" error={errors.email}>
            <input type="email" {...describedBy('user-email', errors.email)} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </Field>
        )}
        <Field label={u ? t('users.newPassword') : t('users.password')} id="user-password" error={errors.password}>
          <input type="password" autoComplete="new-password" {...describedBy('user-password', errors.password)} value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <div class="form-grid">
          <Field label={t('users.role')} id="user-role" error={errors.role}>
            <select {...describedBy('user-role', errors.role)} value={role} onChange={(e) => setRole(e.currentTarget.value as TRole)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          </Field>
          <Field label={t('users.locale')} id="user-locale">
            <select id="user-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as TLocale | '')}>
              <option value="">{t('users.localeBrowser')}</option>
              {LOCALES.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </Field>
          <Field label={t('users.maxConcurrent')} id="user-max" error={errors.maxConcurrent}>
            <input type="number" min={1} max={50} {...describedBy('user-max', errors.maxConcurrent)} value={maxConcurrent}
              onInput={(e) => setMax(e.currentTarget.value)} />
          </Field>
        </div>
        <fieldset class="checks">
          <legend>{t('users.teams')}</legend>
          {props.teams.map((team) => (
            <label key={team.id}><input type="checkbox" checked={teamIds.includes(team.id)} onChange={() => toggleTeam(team.id)} /> {team.name}</label>
          ))}
        </fieldset>
        {u && (
          <label class="check"><input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> {t('users.active')}</label>
        )}
        {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? t('common.saving') : u ? t('common.save') : t('common.create')}</button>
        </div>
      </form>
    </Modal>
  );
}
