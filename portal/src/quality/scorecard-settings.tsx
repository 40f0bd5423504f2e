import { useEffect, useState } from 'preact/hooks';
import type { TScorecardCriterion } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { qualityApi } from './quality-api';
import { useQualityText } from './quality-text';

/** The QA scorecard: criteria and their weights (manager+). */
export function ScorecardSettings() {
  const { t } = useI18n();
  const { q } = useQualityText();
  const [criteria, setCriteria] = useState<TScorecardCriterion[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => void qualityApi.scorecard().then(setCriteria, () => undefined), []);
  const set = (i: number, patch: Partial<TScorecardCriterion>) => setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <form class="form" onSubmit={(e) => {
      e.preventDefault();
      void qualityApi.setScorecard(criteria).then((c) => { setCriteria(c); setStatus(t('common.saved')); }, (err) => setStatus(errorText(t, err)));
    }}>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th>{q('qa.labelZh')}</th><th>{q('qa.labelEn')}</th><th>{q('qa.weight')}</th></tr></thead>
          <tbody>
            {criteria.map((c, i) => (
              <tr key={i}>
                <td><input aria-label={`${q('qa.labelZh')} ${i + 1}`} required maxLength={60} value={c.label['zh-CN']} onInput={(e) => set(i, { label: { ...c.label, 'zh-CN': e.currentTarget.value } })} /></td>
                <td><input aria-label={`${q('qa.labelEn')} ${i + 1}`} required maxLength={60} value={c.label.en} onInput={(e) => set(i, { label: { ...c.label, en: e.currentTarget.value } })} /></td>
                <td><input aria-label={`${q('qa.weight')}: ${c.label.en}`} type="number" min={0} max={100} value={c.weight} onInput={(e) => set(i, { weight: Number(e.currentTarget.value) })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="form-actions">
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => setCriteria([...criteria, { key: `c${criteria.length + 1}_${Date.now() % 1000}`, label: { 'zh-CN': '', en: '' }, weight: 10 }])}>{q('qa.addCriterion')}</button>
        <button type="submit" class="btn btn-primary btn-sm">{t('common.save')}</button>
        {status && <span role="status" class="small">{status}</span>}
      </div>
    </form>
  );
}
