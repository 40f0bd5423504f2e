import { useState } from 'preact/hooks';
import { format } from '@kefu/shared/i18n';
import type { TComplaintsCatalog } from '@kefu/shared/i18n/widget.complaints.en';
import type { TTrackingFeedbackBody } from '@kefu/shared';

/** "Are you satisfied?" after resolution: yes asks for a 1–5 rating, no for what is still wrong (both confirm before sending). */
export function FeedbackBox({ t, busy, onAnswer }: { t: TComplaintsCatalog; busy: boolean; onAnswer(body: TTrackingFeedbackBody): void }) {
  const [choice, setChoice] = useState<'yes' | 'no' | null>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const extra = comment.trim() ? { comment: comment.trim() } : {};
  return (
    <section class="kt-card kt-feedback" aria-labelledby="kt-feedback-q">
      <h2 id="kt-feedback-q">{t['track.satisfiedQuestion']}</h2>
      {choice === null ? (
        <div class="kt-actions">
          <button type="button" class="kt-button" onClick={() => setChoice('yes')}>{t['track.yes']}</button>
          <button type="button" class="kt-button kt-button-secondary" onClick={() => setChoice('no')}>{t['track.no']}</button>
        </div>
      ) : (
        <form
          class="kt-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice === 'yes') {
              if (rating >= 1) onAnswer({ satisfied: true, rating, ...extra });
            } else onAnswer({ satisfied: false, ...extra });
          }}
        >
          {choice === 'yes' ? (
            <fieldset class="kt-stars">
              <legend>{t['track.ratingLabel']}</legend>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class={n <= rating ? 'kt-star kt-star-on' : 'kt-star'}>
                  <input type="radio" name="kt-rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
                  <span aria-hidden="true">★</span>
                  <span class="kt-visually-hidden">{format(t['track.rating'], { n })}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <p class="kt-hint">{t['track.notSatisfiedHint']}</p>
          )}
          <label for="kt-comment">{t['track.comment']}</label>
          <textarea id="kt-comment" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <div class="kt-actions">
            <button type="submit" class="kt-button" disabled={busy || (choice === 'yes' && rating < 1)}>{t['track.confirm']}</button>
            <button type="button" class="kt-button kt-button-secondary" onClick={() => setChoice(null)}>{t['track.cancel']}</button>
          </div>
        </form>
      )}
    </section>
  );
}
