import { useEffect, useState } from 'preact/hooks';
import type { TReviewQueueItem, TScorecardCriterion } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { qualityApi } from './quality-api';
import { useQualityText } from './quality-text';

/** Flagged conversations and the weekly sample, each scored on the scorecard with a comment. */
export function ReviewQueue() {
  const { t } = useI18n();
  const { q, locale } = useQualityText();
  const [queue, setQueue] = useState<TReviewQueueItem[] | null>(null);
  const [criteria, setCriteria] = useState<TScorecardCriterion[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => qualityApi.reviewQueue().then(setQueue, (e) => setError(errorText(t, e)));
  useEffect(() => {
    void load();
    void qualityApi.scorecard().then(setCriteria, () => undefined);
  }, []);

  if (error) return <p class="banner banner-error" role="alert">{error}</p>;
  if (queue && queue.length === 0) return <p class="muted">{q('qa.queueEmpty')}</p>;
  return (
    <ul class="card-list">
      {(queue ?? []).map((item) => (
        <li key={item.conversationId} class="card">
          <div class="card-head">
            <h3>{item.agentName}</h3>
            <span class={`badge ${item.reason === 'flagged' ? 'badge-high' : ''}`}>{item.reason === 'flagged' ? q('qa.reason.flagged', { n: item.flags }) : q('qa.reason.sample')}</span>
            {item.resolvedAt && <span class="muted small">{formatTime(locale, item.resolvedAt)}</span>}
            <a class="small" href={hrefFor('inbox', 'all', item.conversationId)}>{q('fu.openConversation')}</a>
            <button type="button" class="btn btn-ghost btn-sm" aria-expanded={open === item.conversationId} onClick={() => setOpen(open === item.conversationId ? null : item.conversationId)}>{q('qa.review')}</button>
          </div>
          {item.lastMessageText && <p class="small muted cell-wrap">{item.lastMessageText}</p>}
          {open === item.conversationId && <ReviewForm conversationId={item.conversationId} criteria={criteria} onDone={() => { setOpen(null); void load(); }} />}
        </li>
      ))}
    </ul>
  );
}

function ReviewForm(props: { conversationId: string; criteria: TScorecardCriterion[]; onDone: () => void }) {
  const { t } = useI18n();
  const { q, locale } = useQualityText();
  const [scores, setScores] = useState<Record<string, number>>(() => Object.fromEntries(props.criteria.map((c) => [c.key, 5])));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      void qualityApi.review({ conversationId: props.conversationId, scores, comment }).then(props.onDone, (err) => setError(errorText(t, err)));
    }}>
      <div class="score-grid">
        {props.criteria.map((c) => (
          <label key={c.key} style="display:contents">
            <span>{c.label[locale]} <span class="muted small">×{c.weight}</span></span>
            <select value={scores[c.key]} onChange={(e) => setScores({ ...scores, [c.key]: Number(e.currentTarget.value) })}>
              {[0, 1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        ))}
      </div>
      <label class="field">{q('qa.comment')}<textarea rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} /></label>
      {error && <p class="field-error" role="alert">{error}</p>}
      <button type="submit" class="btn btn-primary btn-sm">{q('qa.submit')}</button>
    </form>
  );
}
