import { useState } from 'preact/hooks';
import { PRIORITIES, roleAtLeast, type TComplaint, type TPriority } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { can, useSession } from '../session/session-context';
import { useAgentsAndTeams } from '../conversations/hooks/use-directory';
import { complaintsApi } from './complaints-api';
import { useComplaintsText } from './complaints-text';

type Props = { complaint: TComplaint; onChanged: () => void };

/** What the signed-in agent may do now: judge, reassign, reply or note, resolve, close. */
export function ComplaintActions({ complaint: x, onChanged }: Props) {
  const { t } = useI18n();
  const { c } = useComplaintsText();
  const { user } = useSession();
  const { users, teams } = useAgentsAndTeams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [teamId, setTeamId] = useState(x.teamId ?? '');
  const [handlerId, setHandlerId] = useState(x.handlerId ?? '');
  const [priority, setPriority] = useState<TPriority>(x.priority);
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const [resolution, setResolution] = useState('');
  const [closeReason, setCloseReason] = useState('');

  const run = async (p: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await p();
      after?.();
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  // 投诉判断 is a permission (Settings → Roles): managers by default, supervisors when given it.
  const judge = can(user, 'complaints.judge');
  const supervisor = roleAtLeast(user.role, 'supervisor');
  const handling = x.status === 'accepted' || x.status === 'in_progress' || x.status === 'reopened';
  const finished = x.status === 'rejected' || x.status === 'closed';
  const teamMembers = (users ?? []).filter((u) => u.active && teamId && u.teamIds.includes(teamId));
  const teamPicker = (
    <>
      <label class="field">
        <span>{c('c.team')}</span>
        <select key={teams?.length ?? 0} value={teamId} required onChange={(e) => { setTeamId(e.currentTarget.value); setHandlerId(''); }}>
          <option value="" disabled>—</option>
          {(teams ?? []).map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
        </select>
      </label>
      <label class="field">
        <span>{c('c.handler')}</span>
        <select key={teamMembers.length} value={handlerId} onChange={(e) => setHandlerId(e.currentTarget.value)}>
          <option value="">{c('c.noHandler')}</option>
          {teamMembers.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
    </>
  );

  return (
    <section class="c-actions" aria-label={c('c.judge')}>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {x.status === 'submitted' && judge && (
        <div class="c-box">
          <h2>{c('c.judge')}</h2>
          <form class="c-form" onSubmit={(e) => { e.preventDefault(); if (teamId) void run(() => complaintsApi.judge(x.id, { decision: 'accept', teamId, handlerId: handlerId || null, priority })); }}>
            {teamPicker}
            <label class="field">
              <span>{c('c.priority')}</span>
              <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as TPriority)}>
                {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
              </select>
            </label>
            <button type="submit" class="btn btn-success" disabled={busy || !teamId}>{c('c.accept')}</button>
          </form>
          <form class="c-form" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void run(() => complaintsApi.judge(x.id, { decision: 'reject', reason: reason.trim() })); }}>
            <label class="field field-wide">
              <span>{c('c.rejectReason')}</span>
              <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <button type="submit" class="btn btn-danger" disabled={busy || !reason.trim()}>{c('c.reject')}</button>
          </form>
        </div>
      )}
      {!finished && (
        <div class="c-box">
          <div class="c-toggle" role="group">
            <button type="button" aria-pressed={isPublic} onClick={() => setIsPublic(true)}>{c('c.reply')}</button>
            <button type="button" aria-pressed={!isPublic} onClick={() => setIsPublic(false)}>{c('c.note')}</button>
          </div>
          <form class="c-form c-form-stack" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void run(() => complaintsApi.reply(x.id, { text: text.trim(), public: isPublic }), () => setText('')); }}>
            <textarea aria-label={isPublic ? c('c.reply') : c('c.note')} class={isPublic ? '' : 'c-note-input'} rows={3} placeholder={isPublic ? c('c.replyPlaceholder') : c('c.notePlaceholder')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()}>{c('c.send')}</button>
          </form>
        </div>
      )}
      {handling && (
        <div class="c-box">
          <h2>{c('c.resolve')}</h2>
          <form class="c-form c-form-stack" onSubmit={(e) => { e.preventDefault(); if (resolution.trim()) void run(() => complaintsApi.resolve(x.id, resolution.trim()), () => setResolution('')); }}>
            <textarea aria-label={c('c.resolution')} rows={3} placeholder={c('c.resolutionPlaceholder')} value={resolution} onInput={(e) => setResolution(e.currentTarget.value)} />
            <button type="submit" class="btn btn-success" disabled={busy || !resolution.trim()}>{c('c.resolve')}</button>
          </form>
        </div>
      )}
      {supervisor && (handling || x.status === 'resolved') && (
        <div class="c-box">
          <h2>{c('c.assign')}</h2>
          <form class="c-form" onSubmit={(e) => { e.preventDefault(); if (teamId) void run(() => complaintsApi.assign(x.id, { teamId, handlerId: handlerId || null })); }}>
            {teamPicker}
            <button type="submit" class="btn" disabled={busy || !teamId}>{c('c.save')}</button>
          </form>
          <label class="field">
            <span>{c('c.priority')}</span>
            <select value={x.priority} disabled={busy} onChange={(e) => void run(() => complaintsApi.patch(x.id, { priority: e.currentTarget.value as TPriority }))}>
              {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
            </select>
          </label>
        </div>
      )}
      {supervisor && x.status === 'resolved' && (
        <div class="c-box">
          <h2>{c('c.close')}</h2>
          <form class="c-form c-form-stack" onSubmit={(e) => { e.preventDefault(); if (closeReason.trim()) void run(() => complaintsApi.close(x.id, closeReason.trim())); }}>
            <textarea aria-label={c('c.closeReason')} rows={2} placeholder={c('c.closeReason')} value={closeReason} onInput={(e) => setCloseReason(e.currentTarget.value)} />
            <button type="submit" class="btn" disabled={busy || !closeReason.trim()}>{c('c.close')}</button>
          </form>
        </div>
      )}
    </section>
  );
}
