import { useState } from 'preact/hooks';
import { CANNED_VARIABLES, ZCannedReplyBody, type TCannedReply } from '@kefu/shared';
import { useAdminText } from '../admin/admin-text';
import { api } from '../api/kefu-api';
import { invalidateCannedReplies } from '../conversations/hooks/use-directory';
import { errorText, useI18n } from '../i18n/i18n-context';
import { describedBy, Field } from '../ui/field';
import { issuesToFieldErrors, saveErrorToFieldErrors, type TFieldErrors } from './form-errors';
import { useResource } from './use-resource';

/** 标准话术: list, create, delete (managers and admins). */
export function CannedRepliesSettings() {
  const { t } = useI18n();
  const list = useResource(api.cannedReplies);
  const teams = useResource(api.teams);
  const { a } = useAdminText();
  const [teamId, setTeamId] = useState('');
  const teamName = (id: string | null | undefined) => (id ? (teams.data?.find((x) => x.id === id)?.name ?? '') : a('canned.global'));
  const [shortcut, setShortcut] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function create(e: Event) {
    e.preventDefault();
    const parsed = ZCannedReplyBody.safeParse({ shortcut: shortcut.replace(/^\//, ''), title, body, teamId: teamId || null });
    if (!parsed.success) return setErrors(issuesToFieldErrors(t, parsed.error.issues));
    setBusy(true);
    try {
      await api.createCannedReply(parsed.data);
      setShortcut(''); setTitle(''); setBody(''); setErrors({});
      invalidateCannedReplies();
      await list.reload();
    } catch (err) {
      setErrors(saveErrorToFieldErrors(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(r: TCannedReply) {
    if (!confirm(t('canned.confirmDelete', { title: r.title }))) return;
    try {
      await api.deleteCannedReply(r.id);
      invalidateCannedReplies();
      await list.reload();
    } catch (err) {
      setErrors({ _form: errorText(t, err) });
    }
  }

  return (
    <section aria-labelledby="canned-title">
      <div class="section-head"><h2 id="canned-title">{t('settings.canned')}</h2></div>
      <form class="form card" onSubmit={create} noValidate aria-label={t('canned.new')}>
        <h3>{t('canned.new')}</h3>
        <div class="form-grid">
          <Field label={t('canned.shortcut')} id="canned-shortcut" error={errors.shortcut}>
            <input {...describedBy('canned-shortcut', errors.shortcut)} value={shortcut} placeholder="greeting" onInput={(e) => setShortcut(e.currentTarget.value)} />
          </Field>
          <Field label={t('canned.title')} id="canned-title-input" error={errors.title}>
            <input {...describedBy('canned-title-input', errors.title)} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </Field>
        </div>
        <Field label={a('canned.team')} id="canned-team">
          <select id="canned-team" value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
            <option value="">{a('canned.global')}</option>
            {teams.data?.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        </Field>
        <Field label={t('canned.body')} id="canned-body" error={errors.body} hint={a('canned.variables', { list: CANNED_VARIABLES.join(' ') })}>
          <textarea {...describedBy('canned-body', errors.body, true)} rows={3} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </Field>
        {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
        <div class="form-actions"><button type="submit" class="btn btn-primary" disabled={busy}>{t('common.create')}</button></div>
      </form>
      {list.error != null && <p class="banner banner-error" role="alert">{errorText(t, list.error)}</p>}
      {list.data?.length === 0 && <p class="muted">{t('canned.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead><tr><th scope="col">{t('canned.shortcut')}</th><th scope="col">{t('canned.title')}</th><th scope="col">{a('canned.team')}</th><th scope="col">{t('canned.body')}</th><th scope="col"><span class="sr-only">{t('common.delete')}</span></th></tr></thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td><code>/{r.shortcut}</code></td>
                  <td>{r.title}</td>
                  <td>{teamName(r.teamId)}</td>
                  <td class="cell-wrap">{r.body}</td>
                  <td><button type="button" class="btn btn-ghost btn-sm btn-danger" aria-label={`${t('common.delete')} ${r.title}`} onClick={() => void remove(r)}>{t('common.delete')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
