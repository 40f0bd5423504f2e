import { useEffect, useState } from 'preact/hooks';
import { useSocketEvent } from '../api/socket-context';
import { publicStatusOf, type TComplaintDetail } from '@kefu/shared';
import { complaintsEn } from '@kefu/shared/i18n/widget.complaints.en';
import { complaintsZhCN } from '@kefu/shared/i18n/widget.complaints.zh-CN';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { complaintsApi } from './complaints-api';
import { useComplaintsText } from './complaints-text';
import { ComplaintActions } from './complaint-actions';
import { ComplaintTimeline } from './complaint-timeline';
import { DeadlineBadge } from './deadline-badge';

/** One complaint: facts, deadlines (on time / at risk / breached), the actions allowed now, the timeline. */
export function ComplaintDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const { c, locale } = useComplaintsText();
  const [detail, setDetail] = useState<TComplaintDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => complaintsApi.detail(id).then((d) => (setDetail(d), setError(null)), (err) => setError(errorText(t, err)));
  useEffect(() => void load(), [id]);
  useSocketEvent('complaint:updated', (p) => {
    if (p.complaintId === id) void load();
  });

  if (error && !detail) return <div class="complaint-detail"><a href={hrefFor('complaints')}>{c('c.back')}</a><p class="banner banner-error" role="alert">{error}</p></div>;
  if (!detail) return <p class="muted page-message">{c('c.loading')}</p>;
  const x = detail.complaint;
  const customerCatalog = locale === 'en' ? complaintsEn : complaintsZhCN;
  const none = t('common.none');
  const facts: [string, string][] = [
    [c('c.customer'), x.customerName ?? none],
    [c('c.phone'), x.contactPhone ?? none],
    [c('c.email'), x.contactEmail ?? none],
    [c('c.channel'), c(`c.channel.${x.channel}`)],
    [c('c.category'), c(`c.category.${x.category}`)],
    [c('c.priority'), t(`priority.${x.priority}`)],
    [c('c.owner'), x.ownerName ?? none],
    [c('c.team'), x.teamName ?? none],
    [c('c.handler'), x.handlerName ?? none],
    [c('c.reopens'), String(x.reopenCount)],
    [c('c.rating'), x.rating ? `${x.rating}/5` : none],
    [c('c.col.created'), formatTime(locale, x.createdAt)],
  ];
  return (
    <div class="complaint-detail">
      <a href={hrefFor('complaints')}>← {c('c.back')}</a>
      <div class="c-title">
        <h1>{x.number}</h1>
        <span class={`c-status c-status-${x.status}`}>{c(`c.status.${x.status}`)}</span>
        <span class="muted small">{c('c.customerSees', { status: customerCatalog[`complaint.status.${publicStatusOf(x.status)}`] })}</span>
        <DeadlineBadge state={x.deadlineState} dueAt={x.dueAt} />
      </div>
      <div class="c-columns">
        <div class="c-main">
          <section class="c-box">
            <h2>{c('c.description')}</h2>
            <p class="c-text">{x.description}</p>
            {x.conversationId && <p><a href={hrefFor('inbox', 'all', x.conversationId)}>{c('c.transcript')}</a></p>}
            {x.rejectionReason && (<><h3>{c('c.rejectionReason')}</h3><p class="c-text">{x.rejectionReason}</p></>)}
            {x.resolution && (<><h3>{c('c.resolution')}</h3><p class="c-text">{x.resolution}</p></>)}
          </section>
          <section class="c-box">
            <h2>{c('c.attachments')}</h2>
            {detail.attachments.length > 0 && (
              <ul class="c-files">
                {detail.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={complaintsApi.attachmentUrl(x.id, a.id)} target="_blank" rel="noopener noreferrer">
                      {a.image && <img src={complaintsApi.attachmentUrl(x.id, a.id)} alt="" loading="lazy" />}
                      <span>{a.fileName}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {x.status !== 'closed' && x.status !== 'rejected' && (
              <label class="field">
                <span>{c('c.attach')}</span>
                <input type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,.docx,.xlsx" onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (f) void complaintsApi.attach(x.id, f).then(load, (err) => setError(errorText(t, err)));
                }} />
              </label>
            )}
            {error && <p class="banner banner-error" role="alert">{error}</p>}
          </section>
          <ComplaintActions key={x.updatedAt} complaint={x} onChanged={() => void load()} />
          <section class="c-box">
            <h2>{c('c.timeline')}</h2>
            <ComplaintTimeline events={detail.events} />
          </section>
        </div>
        <aside class="c-side">
          <section class="c-box">
            <h2>{c('c.facts')}</h2>
            <dl class="facts">
              {facts.map(([k, v]) => (<div key={k} class="fact"><dt>{k}</dt><dd>{v}</dd></div>))}
            </dl>
          </section>
          <section class="c-box">
            <h2>{c('c.deadlines')}</h2>
            <ul class="c-deadlines">
              {detail.deadlines.map((d, i) => (
                <li key={i} class={d.breachedAt ? 'deadline-breached' : ''}>
                  <strong>{c(`c.deadline.kind.${d.kind}`)}</strong>{' '}
                  <span>{d.metAt ? c('c.deadline.met', { time: formatTime(locale, d.metAt) }) : c('c.deadline.due', { time: formatTime(locale, d.dueAt) })}</span>
                  {d.breachedAt && <span class="deadline deadline-breached"> {c('c.deadline.breached')}</span>}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
