import type { TPhraseMatch } from '@kefu/shared';
import { useQualityText } from './quality-text';
import './quality.css';

/** Shown above the composer when a reply matches prohibited phrases: rephrase, or send anyway. */
export function PhraseWarning(props: { matches: readonly TPhraseMatch[]; onRephrase: () => void; onSendAnyway: () => void }) {
  const { q } = useQualityText();
  return (
    <div class="phrase-warning" role="alertdialog" aria-labelledby="phrase-warning-title" aria-describedby="phrase-warning-body">
      <strong id="phrase-warning-title">{q('warn.title')}</strong>
      <ul class="phrase-warning-list">
        {props.matches.map((m) => (
          <li key={m.phraseId}>
            <span class={`sev sev-${m.severity}`}>{q(`severity.${m.severity}`)}</span> {q(`category.${m.category}`)} · “{m.excerpt}”
          </li>
        ))}
      </ul>
      <p id="phrase-warning-body" class="small">{q('warn.body')}</p>
      <div class="phrase-warning-actions">
        <button type="button" class="btn btn-primary btn-sm" onClick={props.onRephrase} autoFocus>{q('warn.rephrase')}</button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={props.onSendAnyway}>{q('warn.sendAnyway')}</button>
      </div>
    </div>
  );
}
