import { useState } from 'preact/hooks';
import type { TCustomerSurvey, TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { surveysEn, type TSurveysCatalog, type TSurveysKey } from '@kefu/shared/i18n/widget.surveys.en';
import { surveysZhCN } from '@kefu/shared/i18n/widget.surveys.zh-CN';
import './survey.css';

const CATALOGS: Record<TLocale, TSurveysCatalog> = { en: surveysEn, 'zh-CN': surveysZhCN };
const RATINGS = [1, 2, 3, 4, 5] as const;

export type TSurveyCardProps = {
  survey: TCustomerSurvey;
  locale: TLocale;
  onAnswer(rating: number, comment: string): Promise<boolean>;
  onDismiss(): void;
  now?: () => Date;
};

/** The inline satisfaction card after a resolved conversation: 1–5 with labels, optional comment. */
export function SurveyCard({ survey, locale, onAnswer, onDismiss, now = () => new Date() }: TSurveyCardProps) {
  const t = CATALOGS[locale];
  const [editing, setEditing] = useState(survey.rating === null);
  const [rating, setRating] = useState<number | null>(survey.rating);
  const [comment, setComment] = useState(survey.comment ?? '');
  const [state, setState] = useState<'idle' | 'sending' | 'failed' | 'missing'>('idle');
  const editable = !survey.editableUntil || new Date(survey.editableUntil) > now();
  const label = (n: number) => t[`survey.rating${n}` as TSurveysKey];

  if (!editing && survey.rating !== null) {
    const until = survey.editableUntil ? new Date(survey.editableUntil).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }) : '';
    return (
      <section class="kf-survey" aria-label={t['survey.title']}>
        <p class="kf-survey-thanks" role="status">{t['survey.thanks']}</p>
        <p class="kf-survey-given">
          <span aria-hidden="true">{'★'.repeat(survey.rating)}{'☆'.repeat(5 - survey.rating)}</span> {label(survey.rating)}
        </p>
        {editable && (
          <p class="kf-survey-hint">
            {format(t['survey.editUntil'], { time: until })}{' '}
            <button type="button" class="kf-survey-link" onClick={() => setEditing(true)}>
              {t['survey.change']}
            </button>
          </p>
        )}
      </section>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    if (rating === null) return setState('missing');
    setState('sending');
    const ok = await onAnswer(rating, comment);
    setState(ok ? 'idle' : 'failed');
    if (ok) setEditing(false);
  };

  return (
    <form class="kf-survey" aria-label={t['survey.title']} onSubmit={(e) => void submit(e)}>
      <p class="kf-survey-question">{survey.question[locale]}</p>
      <div class="kf-survey-scale" role="radiogroup" aria-label={t['survey.ratingGroup']}>
        {RATINGS.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} ${label(n)}`}
            title={label(n)}
            class={`kf-survey-option${rating === n ? ' kf-survey-selected' : ''}`}
            onClick={() => {
              setRating(n);
              setState('idle');
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <p class="kf-survey-scale-labels" aria-hidden="true">
        <span>{label(1)}</span>
        <span class="kf-survey-chosen">{rating !== null ? label(rating) : ''}</span>
        <span>{label(5)}</span>
      </p>
      <label class="kf-survey-comment">
        <span>{t['survey.comment']}</span>
        <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      </label>
      {state === 'missing' && <p class="kf-survey-error" role="alert">{t['survey.pickRating']}</p>}
      {state === 'failed' && <p class="kf-survey-error" role="alert">{t['survey.failed']}</p>}
      <div class="kf-survey-actions">
        <button type="submit" class="kf-button" disabled={state === 'sending'}>
          {state === 'sending' ? t['survey.sending'] : survey.rating === null ? t['survey.submit'] : t['survey.update']}
        </button>
        {survey.rating === null && (
          <button type="button" class="kf-survey-link" onClick={onDismiss}>
            {t['survey.dismiss']}
          </button>
        )}
      </div>
    </form>
  );
}
