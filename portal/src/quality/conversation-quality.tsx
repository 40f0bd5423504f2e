import { useEffect, useState } from 'preact/hooks';
import type { TConversation, TMessageFlag, TSurvey } from '@kefu/shared';
import { useSocketEvent } from '../api/socket-context';
import { qualityApi } from './quality-api';
import { useQualityText } from './quality-text';
import './quality.css';

/** Side-panel block: the conversation's satisfaction rating(s) and flagged phrases. */
export function ConversationQuality({ conversation }: { conversation: TConversation }) {
  const { q } = useQualityText();
  const [surveys, setSurveys] = useState<TSurvey[] | null>(null);
  const [flags, setFlags] = useState<TMessageFlag[]>([]);
  const [tick, setTick] = useState(0);
  const id = conversation.id;
  useEffect(() => {
    let live = true;
    void qualityApi.surveysOf(id).then((s) => live && setSurveys(s), () => live && setSurveys([]));
    void qualityApi.flagsOf(id).then((f) => live && setFlags(f), () => undefined);
    return () => {
      live = false;
    };
  }, [id, conversation.status, conversation.lastSeq, tick]);
  // A rating arrives without a conversation update: look again when the panel's conversation changes at all.
  useSocketEvent('conversation:updated', (c) => {
    if (c.id === id) setTick((n) => n + 1);
  });

  const latest = surveys?.[0];
  return (
    <section class="conv-quality" aria-label={q('rating.title')}>
      <h3 class="side-subtitle">{q('rating.title')}</h3>
      {!latest ? (
        <p class="muted small">{q('rating.none')}</p>
      ) : latest.rating === null ? (
        <p class="muted small">{q('rating.waiting')}</p>
      ) : (
        <div class={`rating rating-${latest.rating <= 2 ? 'low' : latest.rating >= 4 ? 'good' : 'mid'}`}>
          <p class="rating-value">
            <span aria-hidden="true" class="stars">{'★'.repeat(latest.rating)}{'☆'.repeat(5 - latest.rating)}</span>{' '}
            {q('rating.value', { n: latest.rating, label: q(`rating.${latest.rating}` as 'rating.1') })}
          </p>
          {latest.comment && <blockquote class="rating-comment">{latest.comment}</blockquote>}
          {latest.agentName && <p class="muted small">{q('rating.credited', { name: latest.agentName })}</p>}
        </div>
      )}
      <h3 class="side-subtitle">{q('flags.title')}</h3>
      {flags.length === 0 ? (
        <p class="muted small">{q('flags.none')}</p>
      ) : (
        <ul class="flag-list">
          {flags.map((f) => (
            <li key={f.id}>
              <span class={`sev sev-${f.severity}`}>{q(`severity.${f.severity}`)}</span>{' '}
              {q('flags.item', { category: q(`category.${f.category}`), excerpt: f.excerpt })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
