import { useState } from 'preact/hooks';
import { ZTeamBody, type TTeam, type TUser } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { describedBy, Field } from '../ui/field';
import { Modal } from '../ui/modal';
import { issuesToFieldErrors, saveErrorToFieldErrors, type TFieldErrors } from './form-errors';
import { useResource } from './use-resource';

export function TeamsSettings() {
  const { t } = useI18n();
  const teams = useResource(api.teams);
  const users = useResource(api.users);
  const [editing, setEditing] = useState<TTeam | 'new' | null>(null);
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.name ?? '';

  return (
    <section aria-labelledby="teams-title">
      <div class="section-head">
        <h2 id="teams-title">{t('settings.teams')}</h2>
        <button type="button" class="btn btn-primary btn-sm" onClick={() => setEditing('new')}>{t('teams.new')}</button>
      </div>
      {teams.error != null && <p class="banner banner-error" role="alert">{errorText(t, teams.error)}</p>}
      {teams.data?.length === 0 && <p class="muted">{t('teams.empty')}</p>}
      <ul class="cards">
        {teams.data?.map((team) => (
          <li key={team.id} class="card">
            <div class="card-head">
              <h3>{team.name}</h3>
              <span class="muted small">{t('teams.memberCount', { n: team.memberIds.length })}</span>
              <button type="button" class="btn btn-ghost btn-sm" aria-label={`${t('common.edit')} ${team.name}`} onClick={() => setEditing(team)}>{t('common.edit')}</button>
            </div>
            <p class="small">{team.memberIds.map(userName).filter(Boolean).join(', ') || t('common.none')}</p>
          </li>
        ))}
      </ul>
      {editing && (
        <TeamForm team={editing === 'new' ? null : editing} users={users.data ?? []} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void teams.reload(); }} />
      )}
    </section>
  );
}

function TeamForm(props: { team: TTeam | null; users: readonly TUser[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(props.team?.name ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(props.team?.memberIds ?? []);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const parsed = ZTeamBody.safeParse({ name, memberIds });
    if (!parsed.success) return setErrors(issuesToFieldErrors(t, parsed.error.issues));
    setBusy(true);
    try {
      if (props.team) await api.updateTeam(props.team.id, parsed.data);
      else await api.createTeam(parsed.data);
      props.onSaved();
    } catch (err) {
      setErrors(saveErrorToFieldErrors(t, err));
      setBusy(false);
    }
  }

  const toggle = (id: string) => setMemberIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <Modal title={props.team ? `${t('common.edit')} · ${props.team.name}` : t('teams.new')} onClose={props.onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field label={t('teams.name')} id="team-name" error={errors.name}>
          <input {...describedBy('team-name', errors.name)} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <fieldset class="checks checks-scroll">
          <legend>{t('teams.members')}</legend>
          {props.users.map((u) => (
            <label key={u.id}><input type="checkbox" checked={memberIds.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name} <span class="muted small">{t(`role.${u.role}`)}</span></label>
          ))}
        </fieldset>
        {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{props.team ? t('common.save') : t('common.create')}</button>
        </div>
      </form>
    </Modal>
  );
}
