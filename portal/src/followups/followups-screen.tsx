import { useEffect, useState } from 'preact/hooks';
import { roleAtLeast, type TFollowUp } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { qualityApi } from '../quality/quality-api';
import { useQualityText } from '../quality/quality-text';
import { FollowUpCard } from './follow-up-card';
import { BatchForm } from './batch-form';
import '../quality/quality.css';

/** "My follow-ups" (回访): due dates, overdue flags, outcomes; supervisors see everyone's, managers plan batches. */
export function FollowUpsScreen() {
  const { t } = useI18n();
  const { q } = useQualityText();
  const { user } = useSession();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [list, setList] = useState<TFollowUp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const load = () =>
    (scope === 'all' ? qualityApi.allFollowUps() : qualityApi.myFollowUps()).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (err) => setError(errorText(t, err)),
    );
  useEffect(() => void load(), [scope]);

  const shown = (list ?? []).filter((f) => f.status === status);
  return (
    <div class="followups-screen">
      <h1>{scope === 'all' ? q('fu.allTitle') : q('fu.title')}</h1>
      <div class="fu-tabs" role="group">
        <button type="button" aria-pressed={status === 'open'} onClick={() => setStatus('open')}>{q('fu.open')}</button>
        <button type="button" aria-pressed={status === 'done'} onClick={() => setStatus('done')}>{q('fu.done')}</button>
        {roleAtLeast(user.role, 'supervisor') && (
          <>
            <button type="button" aria-pressed={scope === 'mine'} onClick={() => setScope('mine')}>{q('fu.mine')}</button>
            <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>{q('fu.all')}</button>
          </>
        )}
        {roleAtLeast(user.role, 'manager') && (
          <button type="button" class="btn btn-primary btn-sm" onClick={() => setPlanning((p) => !p)}>{q('fu.plan')}</button>
        )}
      </div>
      {planning && <BatchForm onCreated={() => { setPlanning(false); void load(); }} />}
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {list && shown.length === 0 && <p class="muted">{q('fu.empty')}</p>}
      <ul class="card-list">
        {shown.map((f) => (
          <li key={f.id}>
            <FollowUpCard followUp={f} showAssignee={scope === 'all'} onChanged={(next) => setList((l) => (l ?? []).map((x) => (x.id === next.id ? next : x)))} />
          </li>
        ))}
      </ul>
    </div>
  );
}
