import { useEffect, useRef, useState } from 'preact/hooks';
import type { TArticleHit } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { knowledgeApi, type TKnowledgeApi } from './knowledge-api';
import { useKnowledgeText } from './knowledge-text';
import './knowledge.css';
import { useDismissOnOutsidePress } from '../ui/use-dismiss';

/** The composer's article search (知识库): insert a published article's link or an excerpt into the reply. */
export function ArticlePicker(props: { siteId: string; onInsert: (text: string) => void; api?: TKnowledgeApi }) {
  const { t } = useI18n();
  const { k } = useKnowledgeText();
  const api = props.api ?? knowledgeApi;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TArticleHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useDismissOnOutsidePress(root, open, () => setOpen(false));

  useEffect(() => {
    const q = query.trim();
    if (!open || !q) return setHits(null);
    let current = true;
    const timer = setTimeout(() => {
      api.search(q, props.siteId).then(
        (list) => { if (current) { setHits(list); setError(null); } },
        (err: unknown) => { if (current) setError(k('picker.error', { message: errorText(t, err) })); },
      );
    }, 250);
    return () => { current = false; clearTimeout(timer); };
  }, [query, open, props.siteId]);

  const insert = (text: string) => {
    props.onInsert(text);
    setOpen(false);
    setQuery('');
  };

  return (
    <div class="canned-picker article-picker" ref={root} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" class="btn btn-ghost btn-sm" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        {k('picker.button')}
      </button>
      {open && (
        <div class="popover canned-popover article-popover">
          <input type="search" aria-label={k('picker.search')} placeholder={k('picker.hint')} value={query} autoFocus onInput={(e) => setQuery(e.currentTarget.value)} />
          {error && <p class="field-error" role="alert">{error}</p>}
          <ul>
            {hits?.length === 0 && <li class="muted popover-empty">{k('picker.empty')}</li>}
            {hits?.map((h) => (
              <li key={h.id} class="article-hit">
                <strong>{h.title}</strong>
                <span class="suggestion-body">{h.excerpt}</span>
                {h.url && (
                  <span class="article-hit-actions">
                    <button type="button" class="btn btn-sm" onClick={() => insert(k('picker.linkText', { title: h.title, url: h.url! }))}>{k('picker.insertLink')}</button>
                    <button type="button" class="btn btn-sm" onClick={() => insert(k('picker.excerptText', { excerpt: h.excerpt, title: h.title, url: h.url! }))}>{k('picker.insertExcerpt')}</button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
