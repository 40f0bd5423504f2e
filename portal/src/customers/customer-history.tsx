import type { TCustomerProfile } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { useComplaintsText } from '../complaints/complaints-text';
import { formatTime } from '../ui/duration';
import { useCustomersText } from './customers-text';

/** Conversations, complaints, ratings and follow-ups of the customer, newest first. */
export function CustomerHistory({ p }: { p: TCustomerProfile }) {
  const { u, locale } = useCustomersText();
  const { c } = useComplaintsText();
  const none = <p class="muted small">{u('cu.noHistory')}</p>;
  return (
    <div class="cu-history">
      <section aria-labelledby="cu-h-conv">
        <h2 id="cu-h-conv" class="cu-subhead">{u('cu.conversations')} ({p.conversations.length})</h2>
        {p.conversations.length === 0 ? none : (
          <ul class="cu-rows">
            {p.conversations.map((x) => (
              <li key={x.id}>
                <a href={hrefFor('inbox', 'all', x.id)}>{u('cu.started', { time: formatTime(locale, x.createdAt) })}</a>
                <span class={`status status-${x.status}`}>{u(`cu.status.${x.status}`)}</span>
                <span class="muted small">{[x.teamName, x.assigneeName].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cu-h-comp">
        <h2 id="cu-h-comp" class="cu-subhead">{u('cu.complaints')} ({p.complaints.length})</h2>
        {p.complaints.length === 0 ? none : (
          <ul class="cu-rows">
            {p.complaints.map((x) => (
              <li key={x.id}>
                <a href={hrefFor('complaints', x.id)} dir="ltr">{x.number}</a>
                <span class="badge">{c(`c.status.${x.status}`)}</span>
                <span class="muted small">{c(`c.category.${x.category}`)} · {formatTime(locale, x.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cu-h-surv">
        <h2 id="cu-h-surv" class="cu-subhead">{u('cu.surveys')} ({p.surveys.filter((s) => s.rating !== null).length})</h2>
        {p.surveys.filter((s) => s.rating !== null).length === 0 ? none : (
          <ul class="cu-rows">
            {p.surveys.filter((s) => s.rating !== null).map((s) => (
              <li key={s.id}>
                <span class="cu-stars" aria-label={`${s.rating} / 5`}>{'★'.repeat(s.rating ?? 0)}<span class="muted">{'★'.repeat(5 - (s.rating ?? 0))}</span></span>
                {s.comment && <span class="cu-comment">{s.comment}</span>}
                <span class="muted small">{[s.agentName, s.answeredAt && formatTime(locale, s.answeredAt)].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cu-h-fu">
        <h2 id="cu-h-fu" class="cu-subhead">{u('cu.followUps')} ({p.followUps.length})</h2>
        {p.followUps.length === 0 ? none : (
          <ul class="cu-rows">
            {p.followUps.map((f) => (
              <li key={f.id}>
                <span class="badge">{u(`cu.followUp.${f.status}`)}</span>
                <span>{u('cu.due', { time: formatTime(locale, f.dueAt) })}</span>
                <span class="muted small">{f.assigneeName}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
