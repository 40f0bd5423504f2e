import type { TMonitorSnapshot } from '@kefu/shared';
import { useComplaintsText } from '../../complaints/complaints-text';
import { hrefFor } from '../../hash-router';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, formatTime } from '../../ui/duration';
import { useMonitorText } from '../monitor-text';

/** Unmet complaint deadlines due before midnight (at risk) and those already passed (breached). */
export function ComplaintsAtRisk(props: { complaints: TMonitorSnapshot['complaints']; counts: TMonitorSnapshot['complaintCounts']; now: number }) {
  const { t } = useI18n();
  const { m, locale } = useMonitorText();
  const { c } = useComplaintsText();
  return (
    <section class="mon-box" aria-labelledby="mon-complaints-title">
      <div class="mon-box-head">
        <h2 id="mon-complaints-title">{m('m.complaints')}</h2>
        <span class="muted small">{m('m.complaints.counts', props.counts)}</span>
      </div>
      {props.complaints.length === 0 ? (
        <p class="muted">{m('m.complaints.empty')}</p>
      ) : (
        <ul class="mon-complaints">
          {props.complaints.map((x) => {
            const left = Date.parse(x.dueAt) - props.now;
            return (
              <li key={`${x.complaintId}-${x.deadline}`} class={`mon-complaint deadline-${x.state}`}>
                <a class="mon-complaint-number" href={hrefFor('complaints', x.complaintId)}>{x.number}</a>
                <span class="deadline-state">{c(`c.deadline.${x.state}`)}</span>
                <span class="small">{c(`c.deadline.kind.${x.deadline}`)} · {c(`c.category.${x.category}`)} · {t(`priority.${x.priority}`)}</span>
                <span class="small mon-complaint-due">
                  {formatTime(locale, x.dueAt, new Date(props.now))} ({left >= 0 ? m('m.complaints.in', { duration: formatDuration(t, left) }) : m('m.complaints.ago', { duration: formatDuration(t, -left) })})
                </span>
                <span class="muted small">{x.teamName ?? '—'} · {x.handlerName ?? m('m.complaints.unassigned')}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
