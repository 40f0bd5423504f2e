import { useEffect, useRef, useState } from 'preact/hooks';
import type { TArticleHit, TLocale, TPublicArticle } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { helpEn, type THelpCatalog } from '@kefu/shared/i18n/widget.help.en';
import { helpZhCN } from '@kefu/shared/i18n/widget.help.zh-CN';
import { helpApi, type THelpApi } from './help-api';
import './help.css';

export type THelpPanelProps = { locale: TLocale; api?: THelpApi; debounceMs?: number };

type TList = { state: 'loading' } | { state: 'ready'; q: string; articles: TArticleHit[] } | { state: 'failed'; reason: string };

/** The widget's help tab (知识库): search box, results, and one article with a way back. */
export default function HelpPanel({ locale, api = helpApi, debounceMs = 250 }: THelpPanelProps) {
  const t: THelpCatalog = locale === 'en' ? helpEn : helpZhCN;
  const [query, setQuery] = useState('');
  const [list, setList] = useState<TList>({ state: 'loading' });
  const [open, setOpen] = useState<TPublicArticle | { failed: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const run = ++latest.current;
    const timer = setTimeout(() => {
      void api.search(q, locale).then((r) => {
        if (run !== latest.current) return; // an older answer arriving late
        setList(r.ok ? { state: 'ready', q, articles: r.articles } : { state: 'failed', reason: r.message });
      });
    }, q ? debounceMs : 0);
    return () => clearTimeout(timer);
  }, [query, locale, attempt]);

  const show = async (id: string) => {
    const r = await api.article(id);
    setOpen(r.ok ? r.article : { failed: r.message });
  };

  if (open) {
    return (
      <div class="kf-help">
        <button type="button" class="kf-help-back" onClick={() => setOpen(null)}>
          ← {t.back}
        </button>
        {'failed' in open ? (
          <p class="kf-error" role="alert">{format(t.error, { reason: open.failed })}</p>
        ) : (
          <article class="kf-help-article" lang={open.locale}>
            <h2>{open.title}</h2>
            <p class="kf-help-meta">
              {open.category && `${open.category} · `}
              {format(t.updated, { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(open.updatedAt)) })}
            </p>
            {/* Rendered by the server from markdown with HTML disabled and links checked (docs/knowledge.md). */}
            <div class="kf-help-body" dangerouslySetInnerHTML={{ __html: open.html }} />
            <a class="kf-help-page" href={open.url} target="_blank" rel="noopener noreferrer">
              {t.openPage}
            </a>
          </article>
        )}
      </div>
    );
  }

  return (
    <div class="kf-help">
      <input
        type="search"
        class="kf-help-search"
        aria-label={t.searchLabel}
        placeholder={t.searchPlaceholder}
        value={query}
        maxLength={200}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {list.state === 'loading' && <p class="kf-notice" role="status">{t.loading}</p>}
      {list.state === 'failed' && (
        <div class="kf-notice" role="alert">
          <p>{format(t.error, { reason: list.reason })}</p>
          <button type="button" class="kf-button" onClick={() => setAttempt((n) => n + 1)}>{t.retry}</button>
        </div>
      )}
      {list.state === 'ready' && list.articles.length === 0 && (
        <p class="kf-notice" role="status">{list.q ? format(t.noResults, { q: list.q }) : t.empty}</p>
      )}
      {list.state === 'ready' && list.articles.length > 0 && (
        <ul class="kf-help-list" aria-label={t.results}>
          {list.articles.map((a) => (
            <li key={a.id}>
              <button type="button" onClick={() => void show(a.id)}>
                <span class="kf-help-title">{a.title}</span>
                {a.category && <span class="kf-help-category">{a.category}</span>}
                <span class="kf-help-excerpt">{a.excerpt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
