import { useEffect, useState } from 'preact/hooks';
import type { TReview } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { qualityApi } from './quality-api';
import { useQualityText } from './quality-text';

/** Reviews: an agent's own, or everyone's for supervisors and above (the server decides). */
export function ReviewsList() {
  const { t } = useI18n();
  const { q, locale } = useQualityText();
  const [reviews, setReviews] = useState<TReview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void qualityApi.reviews().then(setReviews, (e) => setError(errorText(t, e))), []);
  if (error) return <p class="banner banner-error" role="alert">{error}</p>;
  if (reviews && reviews.length === 0) return <p class="muted">{q('qa.reviewsEmpty')}</p>;
  return (
    <ul class="card-list">
      {(reviews ?? []).map((r) => (
        <li key={r.id} class="card">
          <div class="card-head">
            <h3>{r.agentName}</h3>
            <strong>{q('qa.total', { n: r.total })}</strong>
            <span class="muted small">{q('qa.by', { name: r.reviewerName })} · {formatTime(locale, r.createdAt)}</span>
            <a class="small" href={hrefFor('inbox', 'all', r.conversationId)}>{q('fu.openConversation')}</a>
          </div>
          <p class="small">{r.criteria.map((c) => `${c.label[locale]} ${r.scores[c.key] ?? 0}/5`).join(' · ')}</p>
          {r.comment && <p class="small" style="white-space:pre-wrap">{r.comment}</p>}
        </li>
      ))}
    </ul>
  );
}
