import { useEffect, useState } from 'preact/hooks';
import { LOCALES, PHRASE_CATEGORIES, PHRASE_SEVERITIES, type TPhraseCategory, type TPhraseKind, type TPhraseSeverity, type TProhibitedPhrase, type TLocale } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { qualityApi } from './quality-api';
import { useQualityText } from './quality-text';

/** Admins manage the prohibited phrases (四语) per locale, with category and severity. */
export function PhrasesSettings() {
  const { t } = useI18n();
  const { q } = useQualityText();
  const [list, setList] = useState<TProhibitedPhrase[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ locale: 'zh-CN' as TLocale, category: 'impatient' as TPhraseCategory, kind: 'phrase' as TPhraseKind, severity: 'medium' as TPhraseSeverity, text: '' });
  const load = () => qualityApi.phrases().then(setList, (e) => setError(errorText(t, e)));
  useEffect(() => void load(), []);
  const fail = (e: unknown) => setError(errorText(t, e));

  return (
    <div>
      <form class="card form" onSubmit={(e) => {
        e.preventDefault();
        void qualityApi.createPhrase(draft).then(() => { setDraft({ ...draft, text: '' }); setError(null); void load(); }, fail);
      }}>
        <div class="form-grid">
          <label>{q('qa.phrase')}<input required maxLength={200} value={draft.text} onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })} /></label>
          <label>{q('qa.locale')}<select value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.currentTarget.value as TLocale })}>{LOCALES.map((l) => <option key={l}>{l}</option>)}</select></label>
          <label>{q('qa.category')}<select value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value as TPhraseCategory })}>{PHRASE_CATEGORIES.map((c) => <option key={c} value={c}>{q(`category.${c}`)}</option>)}</select></label>
          <label>{q('qa.severity')}<select value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.currentTarget.value as TPhraseSeverity })}>{PHRASE_SEVERITIES.map((s) => <option key={s} value={s}>{q(`severity.${s}`)}</option>)}</select></label>
          <label>{q('qa.kind')}<select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as TPhraseKind })}><option value="phrase">{q('qa.kind.phrase')}</option><option value="pattern">{q('qa.kind.pattern')}</option></select></label>
        </div>
        <small class="field-hint">{q('qa.phraseHint')}</small>
        {error && <p class="field-error" role="alert">{error}</p>}
        <div class="form-actions"><button type="submit" class="btn btn-primary btn-sm">{q('qa.addPhrase')}</button></div>
      </form>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th>{q('qa.phrase')}</th><th>{q('qa.locale')}</th><th>{q('qa.category')}</th><th>{q('qa.severity')}</th><th>{q('qa.active')}</th><th><span class="sr-only">{t('common.delete')}</span></th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id} class={p.active ? '' : 'row-inactive'}>
                <td class="cell-wrap">{p.text}{p.kind === 'pattern' && <span class="muted small"> ({q('qa.kind.pattern')})</span>}</td>
                <td>{p.locale}</td>
                <td>{q(`category.${p.category}`)}</td>
                <td><span class={`sev sev-${p.severity}`}>{q(`severity.${p.severity}`)}</span></td>
                <td><input type="checkbox" aria-label={`${q('qa.active')}: ${p.text}`} checked={p.active}
                  onChange={(e) => void qualityApi.updatePhrase(p.id, { ...p, active: e.currentTarget.checked }).then(() => load(), fail)} /></td>
                <td><button type="button" class="btn btn-ghost btn-sm" aria-label={`${t('common.delete')}: ${p.text}`} onClick={() => void qualityApi.deletePhrase(p.id).then(() => load(), fail)}>{t('common.delete')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
