import { roleAtLeast } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { useSession } from '../session/session-context';
import { PhrasesSettings } from './phrases-settings';
import { useQualityText } from './quality-text';
import { ReviewQueue } from './review-queue';
import { ReviewsList } from './reviews-list';
import { ScorecardSettings } from './scorecard-settings';
import { SurveySettings } from './survey-settings';
import './quality.css';

type TTab = 'queue' | 'reviews' | 'phrases' | 'scorecard' | 'surveys';

/** Quality (质检): review queue and scoring (supervisor+), reviews (agents see their own), phrases (admin), scorecard (manager+). */
export function QualityScreen(props: { route: string[] }) {
  const { q } = useQualityText();
  const { user } = useSession();
  const tabs: TTab[] = [
    ...(roleAtLeast(user.role, 'supervisor') ? (['queue'] as const) : []),
    'reviews',
    ...(roleAtLeast(user.role, 'admin') ? (['phrases'] as const) : []),
    ...(roleAtLeast(user.role, 'manager') ? (['scorecard'] as const) : []),
    ...(roleAtLeast(user.role, 'admin') ? (['surveys'] as const) : []),
  ];
  const asked = props.route[0] as TTab | undefined;
  const tab: TTab = asked && tabs.includes(asked) ? asked : tabs[0]!;
  const label = (t: TTab) => (t === 'queue' ? q('qa.queue') : t === 'reviews' ? (roleAtLeast(user.role, 'supervisor') ? q('qa.reviews') : q('qa.myReviews')) : t === 'phrases' ? q('qa.phrases') : t === 'surveys' ? q('qa.surveys') : q('qa.scorecard'));
  return (
    <div class="quality-screen">
      <h1>{q('nav.quality')}</h1>
      <nav class="quality-tabs" aria-label={q('nav.quality')}>
        {tabs.map((t) => <a key={t} href={hrefFor('quality', t)} aria-current={t === tab ? 'page' : undefined}>{label(t)}</a>)}
      </nav>
      {tab === 'queue' && <ReviewQueue />}
      {tab === 'reviews' && <ReviewsList />}
      {tab === 'phrases' && <PhrasesSettings />}
      {tab === 'scorecard' && <ScorecardSettings />}
      {tab === 'surveys' && <SurveySettings />}
    </div>
  );
}
