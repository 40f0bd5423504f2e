import { useEffect, useState } from 'preact/hooks';
import type { TSite, TSurveySettings } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { request } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useQualityText } from './quality-text';

const path = (siteId: string) => `/api/surveys/settings/${encodeURIComponent(siteId)}`;

/** Survey policy per site: on/off, wording per locale, delay, every time or once per N days (admin). */
export function SurveySettings() {
  const { t } = useI18n();
  const { q } = useQualityText();
  const [sites, setSites] = useState<TSite[]>([]);
  const [siteId, setSiteId] = useState('');
  const [s, setS] = useState<TSurveySettings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => void api.sites().then((l) => { setSites(l); if (l[0]) setSiteId(l[0].id); }, (e) => setStatus(errorText(t, e))), []);
  useEffect(() => {
    if (siteId) void request<{ settings: TSurveySettings }>('GET', path(siteId)).then((r) => setS(r.settings), (e) => setStatus(errorText(t, e)));
  }, [siteId]);
  return (
    <form class="card form" onSubmit={(e) => {
      e.preventDefault();
      if (s) void request<{ settings: TSurveySettings }>('PUT', path(siteId), s).then((r) => { setS(r.settings); setStatus(t('common.saved')); }, (err) => setStatus(errorText(t, err)));
    }}>
      <label>{q('sv.site')}
        <select value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>{sites.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
      </label>
      {s && (
        <>
          <label class="check"><input type="checkbox" checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.currentTarget.checked })} /> {q('sv.enabled')}</label>
          <label>{q('sv.questionZh')}<input required maxLength={300} value={s.question['zh-CN']} onInput={(e) => setS({ ...s, question: { ...s.question, 'zh-CN': e.currentTarget.value } })} /></label>
          <label>{q('sv.questionEn')}<input required maxLength={300} value={s.question.en} onInput={(e) => setS({ ...s, question: { ...s.question, en: e.currentTarget.value } })} /></label>
          <label>{q('sv.delay')}<input type="number" min={0} max={604800} value={s.delaySeconds} onInput={(e) => setS({ ...s, delaySeconds: Number(e.currentTarget.value) })} /></label>
          <fieldset class="checks">
            <legend>{q('sv.frequency')}</legend>
            <label class="check"><input type="radio" name="sv-frequency" checked={s.frequency === 'every'} onChange={() => setS({ ...s, frequency: 'every' })} /> {q('sv.every')}</label>
            <label class="check"><input type="radio" name="sv-frequency" checked={s.frequency === 'once_per_days'} onChange={() => setS({ ...s, frequency: 'once_per_days' })} /> {q('sv.oncePer')}</label>
          </fieldset>
          {s.frequency === 'once_per_days' && (
            <label>{q('sv.days')}<input type="number" min={1} max={365} value={s.oncePerDays} onInput={(e) => setS({ ...s, oncePerDays: Number(e.currentTarget.value) })} /></label>
          )}
        </>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={!s}>{t('common.save')}</button>
        {status && <span role="status" class="small">{status}</span>}
      </div>
    </form>
  );
}
