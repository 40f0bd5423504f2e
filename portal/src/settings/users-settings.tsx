import { useState } from 'preact/hooks';
import type { TUser } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { UserForm } from './components/user-form';
import { InviteDialog } from '../admin/invite-dialog';
import { useAdminText } from '../admin/admin-text';
import { useResource } from './use-resource';

export function UsersSettings() {
  const { t } = useI18n();
  const users = useResource(api.users);
  const teams = useResource(api.teams);
  const [editing, setEditing] = useState<TUser | 'new' | null>(null);
  const { a } = useAdminText();
  const [inviting, setInviting] = useState<TUser | 'new' | null>(null);
  const teamName = (id: string) => teams.data?.find((x) => x.id === id)?.name ?? '';

  return (
    <section aria-labelledby="users-title">
      <div class="section-head">
        <h2 id="users-title">{t('settings.users')}</h2>
        <div class="row">
          <button type="button" class="btn btn-sm" onClick={() => setInviting('new')}>{a('invite.button')}</button>
          <button type="button" class="btn btn-primary btn-sm" onClick={() => setEditing('new')}>{t('users.new')}</button>
        </div>
      </div>
      {users.error != null && <p class="banner banner-error" role="alert">{errorText(t, users.error)}</p>}
      {users.data?.length === 0 && <p class="muted">{t('users.empty')}</p>}
      {users.data && users.data.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th><th scope="col">{t('users.email')}</th><th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.teams')}</th><th scope="col" class="num">{t('users.maxConcurrent')}</th>
                <th scope="col">{t('users.presence')}</th><th scope="col"><span class="sr-only">{t('common.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} class={u.active ? '' : 'row-inactive'}>
                  <td>{u.name}{!u.active && <span class="badge">{t('users.inactive')}</span>}</td>
                  <td>{u.email}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.teamIds.map(teamName).filter(Boolean).join(', ')}</td>
                  <td class="num">{u.maxConcurrent}</td>
                  <td><span class={`presence-dot presence-${u.presence}`} aria-hidden="true" /> {t(`presence.${u.presence}`)}</td>
                  <td class="nowrap">
                    <button type="button" class="btn btn-ghost btn-sm" aria-label={`${t('common.edit')} ${u.name}`} onClick={() => setEditing(u)}>{t('common.edit')}</button>
                    {u.active && <button type="button" class="btn btn-ghost btn-sm" aria-label={`${a('invite.again')} ${u.name}`} onClick={() => setInviting(u)}>{a('invite.again')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {inviting && (
        <InviteDialog {...(inviting === 'new' ? {} : { user: inviting })} teams={teams.data ?? []} onClose={() => setInviting(null)} onInvited={() => void users.reload()} />
      )}
      {editing && (
        <UserForm user={editing === 'new' ? null : editing} teams={teams.data ?? []} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void users.reload(); }} />
      )}
    </section>
  );
}
