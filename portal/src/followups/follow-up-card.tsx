import { useState } from 'preact/hooks';
import { FOLLOW_UP_OUTCOMES, type TFollowUp, type TFollowUpOutcome } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { visitorName } from '../conversations/visitor-name';
import { qualityApi } from '../quality/quality-api';
import { useQualityText } from '../quality/quality-text';

/** One follow-up: who, why, when; record the outcome or get a survey link for the customer. */
export function FollowUpCard({ followUp: f, showAssignee, onChanged }: { followUp: TFollowUp; showAssignee: boolean; onChanged: (f: TFollowUp) => void }) {
  const { t, locale } = useI18n();
  const { q } = useQualityText();
  const [outcome, setOutcome] = useState<TFollowUpOutcome>('reached');
  const [notes, setNotes] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = visitorName(t, { visitor: { id: f.visitorId, name: f.visitorName ?? f.visitorEmail } as never });
  const id = `fu-${f.id}`;

  async function record(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      onChanged(await qualityApi.recordOutcome(f.id, { outcome, notes, ...(outcome === 'callback' && callbackAt ? { callbackAt: new Date(callbackAt).toISOString() } : {}) }));
      setNotes('');
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="card" aria-labelledby={`${id}-name`}>
      <div class="card-head">
        <h3 id={`${id}-name`}>{name}</h3>
        {f.vip && <span class="badge badge-vip">VIP</span>}
        <span class="badge">{f.reason === 'batch' ? q('fu.reason.batch', { name: f.batchName ?? '' }) : q(`fu.reason.${f.reason}`)}</span>
        {f.overdue && <span class="badge badge-overdue">{q('fu.overdue')}</span>}
        <span class="muted small">{q('fu.due', { time: formatTime(locale, f.dueAt) })}</span>
        {showAssignee && <span class="muted small">{q('fu.assignee', { name: f.assigneeName })}</span>}
      </div>
      {f.rating !== null && (
        <p class="small">
          {q('rating.value', { n: f.rating, label: q(`rating.${f.rating}` as 'rating.1') })}
          {f.ratingComment && <> · “{f.ratingComment}”</>}
        </p>
      )}
      {f.notes && <p class="small" style="white-space:pre-wrap">{f.notes}</p>}
      {f.outcome && <p class="small">{q('fu.outcome')}: {q(`fu.outcome.${f.outcome}`)}</p>}
      {f.conversationId && <a class="small" href={hrefFor('inbox', 'all', f.conversationId)}>{q('fu.openConversation')}</a>}
      {f.status === 'open' && (
        <form class="fu-outcome" onSubmit={(e) => void record(e)}>
          <div class="radio-row" role="radiogroup" aria-label={q('fu.outcome')}>
            {FOLLOW_UP_OUTCOMES.map((o) => (
              <label key={o}>
                <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {q(`fu.outcome.${o}`)}
              </label>
            ))}
          </div>
          {outcome === 'callback' && (
            <label>
              {q('fu.callbackAt')} <input type="datetime-local" required value={callbackAt} onInput={(e) => setCallbackAt(e.currentTarget.value)} />
            </label>
          )}
          <label>
            {q('fu.notes')}
            <textarea rows={2} maxLength={2000} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
          </label>
          {error && <p class="field-error" role="alert">{error}</p>}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>{q('fu.record')}</button>
            <button type="button" class="btn btn-ghost btn-sm" onClick={() => void qualityApi.surveyLink(f.id).then(setLink, (err) => setError(errorText(t, err)))}>
              {q('fu.surveyLink')}
            </button>
          </div>
          {link && (
            <div class="link-box">
              <input readOnly value={link} aria-label={q('fu.surveyLink')} aria-describedby={`${id}-link-hint`} onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => void navigator.clipboard?.writeText(link)}>{t('common.copy')}</button>
            </div>
          )}
          {link && <small id={`${id}-link-hint`} class="field-hint">{q('fu.surveyLinkHint')}</small>}
        </form>
      )}
    </article>
  );
}
