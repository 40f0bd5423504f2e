import { useState } from 'preact/hooks';
import { ZArticleBody, type TArticle, type TArticleBody, type TLocale, type TSite } from '@kefu/shared';
import { ApiError } from '../api/api-client';
import { errorText, useI18n } from '../i18n/i18n-context';
import { describedBy, Field } from '../ui/field';
import { knowledgeApi, type TKnowledgeApi } from './knowledge-api';
import { useKnowledgeText } from './knowledge-text';

type TErrors = Partial<Record<'title' | 'body' | 'category' | '_form', string>>;

function issuesToErrors(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): TErrors {
  const out: TErrors = {};
  for (const i of issues) {
    const key = (Array.isArray(i.path) ? String(i.path[0] ?? '') : String(i.path).split('.')[0]) as keyof TErrors;
    if (key === 'title' || key === 'body' || key === 'category') out[key] ??= i.message;
    else out._form ??= i.message;
  }
  return out;
}

/** Create or edit one article: fields, a markdown textarea with a server-rendered preview, publish toggle. */
export function ArticleForm(props: { article: TArticle | null; sites: readonly TSite[]; onSaved: (a: TArticle) => void; onCancel: () => void; api?: TKnowledgeApi }) {
  const { t, locale: uiLocale } = useI18n();
  const { k } = useKnowledgeText();
  const api = props.api ?? knowledgeApi;
  const a = props.article;
  const [title, setTitle] = useState(a?.title ?? '');
  const [body, setBody] = useState(a?.body ?? '');
  const [category, setCategory] = useState(a?.category ?? '');
  const [locale, setLocale] = useState<TLocale>(a?.locale ?? uiLocale);
  const [siteId, setSiteId] = useState<string | null>(a?.siteId ?? null);
  const [published, setPublished] = useState(a?.published ?? false);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [preview, setPreview] = useState<string | null>(null);
  const [errors, setErrors] = useState<TErrors>({});
  const [busy, setBusy] = useState(false);

  async function showPreview() {
    setMode('preview');
    setPreview(null);
    try {
      setPreview(await api.preview(body));
    } catch (err) {
      setErrors({ _form: errorText(t, err) });
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    const input: TArticleBody = { title, body, category, locale, siteId, published };
    const parsed = ZArticleBody.safeParse(input);
    if (!parsed.success) return setErrors(issuesToErrors(parsed.error.issues));
    setBusy(true);
    try {
      props.onSaved(a ? await api.update(a.id, parsed.data) : await api.create(parsed.data));
    } catch (err) {
      setErrors(err instanceof ApiError && err.issues.length ? issuesToErrors(err.issues) : { _form: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form card article-form" onSubmit={save} noValidate aria-label={a ? k('articles.edit') : k('articles.new')}>
      <h3>{a ? k('articles.edit') : k('articles.new')}</h3>
      <Field label={k('articles.field.title')} id="article-title" error={errors.title}>
        <input {...describedBy('article-title', errors.title)} value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <div class="form-grid">
        <Field label={k('articles.field.category')} id="article-category" error={errors.category}>
          <input {...describedBy('article-category', errors.category)} value={category} maxLength={60} onInput={(e) => setCategory(e.currentTarget.value)} />
        </Field>
        <Field label={k('articles.field.locale')} id="article-locale">
          <select id="article-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as TLocale)}>
            <option value="zh-CN">{k('locale.zh-CN')}</option>
            <option value="en">{k('locale.en')}</option>
          </select>
        </Field>
        <Field label={k('articles.field.site')} id="article-site">
          <select id="article-site" value={siteId ?? ''} onChange={(e) => setSiteId(e.currentTarget.value || null)}>
            <option value="">{k('articles.allSites')}</option>
            {props.sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
      </div>
      <div class="article-editor">
        <div class="segmented" role="group" aria-label={k('articles.field.body')}>
          <button type="button" aria-pressed={mode === 'write'} onClick={() => setMode('write')}>{k('articles.write')}</button>
          <button type="button" aria-pressed={mode === 'preview'} onClick={() => void showPreview()}>{k('articles.preview')}</button>
        </div>
        {mode === 'write' ? (
          <Field label={k('articles.field.body')} id="article-body" error={errors.body} hint={k('articles.markdownHint')}>
            <textarea {...describedBy('article-body', errors.body, true)} rows={14} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          </Field>
        ) : (
          <div class="article-preview" aria-live="polite" aria-label={k('articles.preview')}>
            {preview === null ? <p class="muted">…</p> : preview.trim() ? (
              // HTML from POST /api/articles/preview: markdown rendered with HTML disabled (docs/knowledge.md).
              <div class="article-html" dangerouslySetInnerHTML={{ __html: preview }} />
            ) : <p class="muted">{k('articles.previewEmpty')}</p>}
          </div>
        )}
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} /> {k('articles.field.published')}
      </label>
      {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
      <div class="form-actions">
        <button type="button" class="btn" onClick={props.onCancel}>{k('articles.cancel')}</button>
        <button type="submit" class="btn btn-primary" disabled={busy}>{k('articles.save')}</button>
      </div>
    </form>
  );
}
