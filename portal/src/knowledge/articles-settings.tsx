import { useEffect, useState } from 'preact/hooks';
import type { TArticle, TLocale, TSite } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { ArticleForm } from './article-form';
import { knowledgeApi, type TKnowledgeApi } from './knowledge-api';
import { useKnowledgeText } from './knowledge-text';
import './knowledge.css';

/** Settings → Help articles (知识库): list with search and language filter, create, edit, publish, delete. */
export function ArticlesSettings(props: { api?: TKnowledgeApi; loadSites?: () => Promise<TSite[]> }) {
  const { t, locale: uiLocale } = useI18n();
  const { k } = useKnowledgeText();
  const kapi = props.api ?? knowledgeApi;
  const [articles, setArticles] = useState<TArticle[] | null>(null);
  const [sites, setSites] = useState<TSite[]>([]);
  const [query, setQuery] = useState('');
  const [locale, setLocale] = useState<TLocale | ''>('');
  const [editing, setEditing] = useState<TArticle | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = () =>
    kapi.list({ ...(query.trim() ? { q: query.trim() } : {}), ...(locale ? { locale } : {}) }).then(
      (list) => { setArticles(list); setError(null); },
      (err: unknown) => setError(errorText(t, err)),
    );
  useEffect(() => {
    const timer = setTimeout(() => void reload(), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, locale]);
  useEffect(() => { void (props.loadSites ?? api.sites)().then(setSites, () => setSites([])); }, []);

  const day = new Intl.DateTimeFormat(uiLocale, { dateStyle: 'medium' });
  const pageUrl = (a: TArticle) => {
    const key = (a.siteId ? sites.find((s) => s.id === a.siteId) : sites[0])?.key;
    return key ? `/help/${encodeURIComponent(key)}/${a.id}` : null;
  };

  async function togglePublished(a: TArticle) {
    try {
      await kapi.update(a.id, { published: !a.published });
      await reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  async function remove(a: TArticle) {
    if (!confirm(k('articles.confirmDelete', { title: a.title }))) return;
    try {
      await kapi.remove(a.id);
      await reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  if (editing) {
    return (
      <section aria-labelledby="articles-title">
        <div class="section-head"><h2 id="articles-title">{k('settings.articles')}</h2></div>
        <ArticleForm key={editing === 'new' ? 'new' : editing.id} article={editing === 'new' ? null : editing} sites={sites} api={kapi}
          onCancel={() => setEditing(null)} onSaved={() => { setEditing(null); void reload(); }} />
      </section>
    );
  }

  return (
    <section aria-labelledby="articles-title">
      <div class="section-head">
        <h2 id="articles-title">{k('settings.articles')}</h2>
        <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>{k('articles.new')}</button>
      </div>
      <div class="articles-filters">
        <input type="search" aria-label={k('articles.search')} placeholder={k('articles.search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <select aria-label={k('articles.field.locale')} value={locale} onChange={(e) => setLocale(e.currentTarget.value as TLocale | '')}>
          <option value="">{k('articles.allLocales')}</option>
          <option value="zh-CN">{k('locale.zh-CN')}</option>
          <option value="en">{k('locale.en')}</option>
        </select>
      </div>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {articles?.length === 0 && <p class="muted">{query || locale ? k('articles.noMatch') : k('articles.empty')}</p>}
      {articles && articles.length > 0 && (
        <ul class="articles-list">
          {articles.map((a) => {
            const url = pageUrl(a);
            return (
              <li key={a.id} class="card article-row">
                <div class="article-main">
                  <button type="button" class="article-open" onClick={() => setEditing(a)}>{a.title}</button>
                  <p class="muted article-meta">
                    <span class={`badge ${a.published ? 'badge-published' : ''}`}>{a.published ? k('articles.published') : k('articles.draft')}</span>
                    <span class="badge">{k(`locale.${a.locale}`)}</span>
                    {a.category && <span class="badge">{a.category}</span>}
                    <span class="badge">{a.siteId ? (sites.find((s) => s.id === a.siteId)?.name ?? '—') : k('articles.allSites')}</span>
                    <span>{a.authorName ? k('articles.updatedBy', { date: day.format(new Date(a.updatedAt)), name: a.authorName }) : k('articles.updated', { date: day.format(new Date(a.updatedAt)) })}</span>
                  </p>
                </div>
                <div class="article-actions">
                  <button type="button" class="btn btn-sm" onClick={() => void togglePublished(a)}>{a.published ? k('articles.unpublish') : k('articles.publish')}</button>
                  {a.published && url && <a class="btn btn-sm btn-ghost" href={url} target="_blank" rel="noopener noreferrer">{k('articles.openPage')}</a>}
                  <button type="button" class="btn btn-sm btn-ghost btn-danger" aria-label={`${k('articles.delete')} ${a.title}`} onClick={() => void remove(a)}>{k('articles.delete')}</button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
