import { useState } from 'preact/hooks';
import { PERMISSIONS, ROLES, type TPermission, type TRole, type TRolePermissions } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useResource } from '../settings/use-resource';
import { adminApi } from './admin-api';
import { permissionKey, useAdminText } from './admin-text';

/** Settings → Roles: a matrix of permissions × roles; admin's column is fixed (always everything). */
export function RolesSettings() {
  const { t } = useI18n();
  const { a } = useAdminText();
  const roles = useResource(adminApi.roles);
  const [draft, setDraft] = useState<Record<TRole, Set<TPermission>> | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const current = draft ?? toMap(roles.data ?? []);
  function toggle(role: TRole, p: TPermission) {
    const next = Object.fromEntries(ROLES.map((r) => [r, new Set(current[r])])) as Record<TRole, Set<TPermission>>;
    if (next[role].has(p)) next[role].delete(p);
    else next[role].add(p);
    setDraft(next);
    setStatus(null);
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const saved = await adminApi.saveRoles({ roles: ROLES.filter((r) => r !== 'admin').map((role) => ({ role, permissions: [...current[role]] })) });
      roles.setData(saved);
      setDraft(null);
      setStatus(a('roles.saved'));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="roles-title">
      <div class="section-head">
        <h2 id="roles-title">{a('roles.title')}</h2>
      </div>
      <p class="muted small">{a('roles.help')}</p>
      {roles.error != null && <p class="banner banner-error" role="alert">{errorText(t, roles.error)}</p>}
      {roles.data && (
        <div class="table-wrap">
          <table class="table roles-matrix">
            <thead>
              <tr>
                <th scope="col">{a('roles.permission')}</th>
                {ROLES.map((r) => <th key={r} scope="col" class="center">{t(`role.${r}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {PERMISSIONS.map((p) => (
                <tr key={p}>
                  <th scope="row">{a(permissionKey(p))}<div class="muted small"><code>{p}</code></div></th>
                  {ROLES.map((r) => (
                    <td key={r} class="center">
                      <input type="checkbox" aria-label={`${t(`role.${r}`)} · ${a(permissionKey(p))}`} checked={r === 'admin' || current[r].has(p)}
                        disabled={r === 'admin'} onChange={() => toggle(r, p)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      <div class="form-actions">
        {status && <span class="muted small" role="status">{status}</span>}
        <button type="button" class="btn btn-primary" disabled={busy || !draft} onClick={() => void save()}>{busy ? t('common.saving') : a('roles.save')}</button>
      </div>
    </section>
  );
}

function toMap(list: readonly TRolePermissions[]): Record<TRole, Set<TPermission>> {
  return Object.fromEntries(ROLES.map((r) => [r, new Set(list.find((x) => x.role === r)?.permissions ?? [])])) as Record<TRole, Set<TPermission>>;
}
