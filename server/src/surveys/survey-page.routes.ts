import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { pickLocale, format } from '@kefu/shared/i18n';
import { surveysEn, type TSurveysCatalog, type TSurveysKey } from '@kefu/shared/i18n/widget.surveys.en';
import { surveysZhCN } from '@kefu/shared/i18n/widget.surveys.zh-CN';
import { ZSurveyToken, type TCustomerSurvey, type TLocale } from '@kefu/shared';
import { AppError } from '../platform/errors';
import type { AppEnv } from '../platform/http';
import * as surveys from './surveys.service';

const CATALOGS: Record<TLocale, TSurveysCatalog> = { en: surveysEn, 'zh-CN': surveysZhCN };

function localeOf(lang: string | undefined, acceptLanguage: string | undefined): TLocale {
  if (lang === 'en' || lang === 'zh-CN') return lang;
  return pickLocale((acceptLanguage ?? '').split(',').map((p) => p.split(';')[0]!.trim()), 'zh-CN');
}

/**
 * `/s/<token>`: a survey page that works without JavaScript and without login (a plain form).
 * Everything shown is escaped by hono/html; the token opens this one survey only.
 */
export const surveyPageRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const locale = localeOf(c.req.query('lang'), c.req.header('accept-language'));
    const token = ZSurveyToken.safeParse(c.req.param('token'));
    const survey = token.success ? await surveys.getByToken(c.var.ctx, token.data).catch(() => null) : null;
    return c.html(page(locale, survey, { edit: c.req.query('edit') === '1' }), survey ? 200 : 404);
  })
  .post('/:token', async (c) => {
    const locale = localeOf(c.req.query('lang'), c.req.header('accept-language'));
    const token = ZSurveyToken.safeParse(c.req.param('token'));
    if (!token.success) return c.html(page(locale, null, {}), 404);
    const form = await c.req.parseBody();
    const rating = Number(form['rating']);
    const comment = typeof form['comment'] === 'string' ? form['comment'] : '';
    try {
      const survey = await surveys.answerByToken(c.var.ctx, token.data, { rating, comment });
      return c.html(page(locale, survey, {}));
    } catch (err) {
      const survey = await surveys.getByToken(c.var.ctx, token.data).catch(() => null);
      const key: TSurveysKey = err instanceof AppError && err.code === 'invalid_transition' ? 'survey.closed' : err instanceof AppError && err.code === 'bad_request' ? 'survey.pickRating' : 'survey.failed';
      return c.html(page(locale, survey, { error: key, edit: true }), survey ? 400 : 404);
    }
  });

function page(locale: TLocale, s: TCustomerSurvey | null, opts: { edit?: boolean; error?: TSurveysKey }) {
  const t = CATALOGS[locale];
  const title = s?.siteName ? `${t['survey.title']} · ${s.siteName}` : t['survey.title'];
  const canEdit = !!s && (!s.editableUntil || new Date(s.editableUntil) > new Date());
  const showForm = !!s && canEdit && (!s.answeredAt || opts.edit);
  const until = s?.editableUntil ? new Date(s.editableUntil).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>${raw(CSS)}</style></head>
<body><main class="card">
${s ? html`<p class="site">${s.siteName}</p><h1>${s.question[locale]}</h1>` : html`<h1>${t['survey.invalid']}</h1>`}
${opts.error ? html`<p class="error" role="alert">${t[opts.error]}</p>` : ''}
${s && s.answeredAt && !showForm
  ? html`<p role="status" class="thanks">${t['survey.thanks']}</p>
<p class="stars" aria-label="${t['survey.ratingGroup']}">${'★'.repeat(s.rating ?? 0)}${'☆'.repeat(5 - (s.rating ?? 0))} ${t[`survey.rating${s.rating ?? 3}` as TSurveysKey]}</p>
${s.comment ? html`<blockquote>${s.comment}</blockquote>` : ''}
${canEdit ? html`<p class="hint">${format(t['survey.editUntil'], { time: until })}</p><a class="button secondary" href="?edit=1&amp;lang=${locale}">${t['survey.change']}</a>` : html`<p class="hint">${t['survey.closed']}</p>`}`
  : ''}
${showForm && s
  ? html`<form method="post" action="?lang=${locale}">
<fieldset><legend>${t['survey.ratingGroup']}</legend>
${[1, 2, 3, 4, 5].map((n) => html`<label class="option"><input type="radio" name="rating" value="${n}" ${s.rating === n ? 'checked' : ''} required> <span class="n">${n}</span> ${t[`survey.rating${n}` as TSurveysKey]}</label>`)}
</fieldset>
<label class="comment">${t['survey.comment']}<textarea name="comment" maxlength="1000" rows="3">${s.comment ?? ''}</textarea></label>
<button class="button" type="submit">${s.answeredAt ? t['survey.update'] : t['survey.submit']}</button>
</form>`
  : ''}
</main></body></html>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f4f6f8;color:#1b1f24}
.card{max-width:480px;margin:32px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:520px){.card{margin:0;border-radius:0;min-height:100vh}}
.site{margin:0;color:#57606a;font-size:14px}h1{font-size:20px;margin:4px 0 16px}
fieldset{border:0;padding:0;margin:0 0 16px}legend{font-weight:600;margin-bottom:8px}
.option{display:flex;align-items:center;gap:8px;padding:10px 12px;border:1px solid #d0d7de;border-radius:8px;margin-bottom:8px;cursor:pointer;min-height:44px}
.option:has(input:checked){border-color:#1f6feb;background:#eef4ff}.n{font-weight:600;width:1em}
.comment{display:block;font-weight:600;margin-bottom:16px}textarea{display:block;width:100%;margin-top:6px;font:inherit;padding:8px;border:1px solid #d0d7de;border-radius:8px}
.button{display:inline-block;background:#1f6feb;color:#fff;border:0;border-radius:8px;padding:10px 18px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none;min-height:44px}
.button.secondary{background:#fff;color:#1f6feb;border:1px solid #1f6feb}
.error{color:#b42318;background:#fef3f2;padding:8px 12px;border-radius:8px}.thanks{font-weight:600;color:#1a7f37}
.stars{font-size:20px;color:#bf8700}.stars{letter-spacing:2px}blockquote{margin:8px 0;padding:8px 12px;background:#f6f8fa;border-radius:8px;white-space:pre-wrap}.hint{color:#57606a;font-size:14px}
`;
