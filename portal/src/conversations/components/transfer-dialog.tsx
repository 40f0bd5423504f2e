import { useState } from 'preact/hooks';
import { ZTransferBody, type TConversation } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { errorText, useI18n } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { describedBy, Field } from '../../ui/field';
import { Modal } from '../../ui/modal';
import { useAgentsAndTeams } from '../hooks/use-directory';

type Props = { conversation: Pick<TConversation, 'id' | 'assigneeId'>; onClose: () => void; onTransferred: (c: TConversation) => void };

/** 转接: to one agent or one team, with a required reason; the owner stays on record. */
export function TransferDialog(props: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const { users, teams, error: loadError } = useAgentsAndTeams();
  const [kind, setKind] = useState<'agent' | 'team'>('agent');
  const [agentId, setAgentId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ target?: string; reason?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const agents = (users ?? []).filter((u) => u.active && u.id !== user.id && u.id !== props.conversation.assigneeId);

  async function submit(e: Event) {
    e.preventDefault();
    const body = { toAgentId: kind === 'agent' && agentId ? agentId : null, toTeamId: kind === 'team' && teamId ? teamId : null, reason };
    const parsed = ZTransferBody.safeParse(body);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'reason') next.reason = t('form.required');
        else next.target = t('transfer.pickOne');
      }
      setErrors(next);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      props.onTransferred(await api.transfer(props.conversation.id, parsed.data));
    } catch (err) {
      setErrors({ form: errorText(t, err) });
      setBusy(false);
    }
  }

  return (
    <Modal title={t('transfer.title')} onClose={props.onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="radio-row">
          <legend>{t('transfer.to')}</legend>
          <label><input type="radio" name="transfer-kind" checked={kind === 'agent'} onChange={() => setKind('agent')} /> {t('transfer.toAgent')}</label>
          <label><input type="radio" name="transfer-kind" checked={kind === 'team'} onChange={() => setKind('team')} /> {t('transfer.toTeam')}</label>
        </fieldset>
        {kind === 'agent' ? (
          <Field label={t('transfer.agent')} id="transfer-agent" error={errors.target}>
            <select {...describedBy('transfer-agent', errors.target)} value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
              <option value="">{t('transfer.choose')}</option>
              {agents.map((u) => (
                <option key={u.id} value={u.id}>{t('transfer.agentOption', { name: u.name, presence: t(`presence.${u.presence}`) })}</option>
              ))}
            </select>
          </Field>
        ) : (
          <Field label={t('transfer.team')} id="transfer-team" error={errors.target}>
            <select {...describedBy('transfer-team', errors.target)} value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
              <option value="">{t('transfer.choose')}</option>
              {(teams ?? []).map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </Field>
        )}
        <Field label={t('transfer.reason')} id="transfer-reason" error={errors.reason}>
          <textarea {...describedBy('transfer-reason', errors.reason)} rows={3} value={reason} maxLength={500}
            onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <p class="muted small">{t('transfer.ownerKept')}</p>
        {loadError != null && <p class="banner banner-error" role="alert">{errorText(t, loadError)}</p>}
        {errors.form && <p class="banner banner-error" role="alert">{errors.form}</p>}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{t('transfer.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
