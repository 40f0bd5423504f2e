import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { TPublicArticle } from '@kefu/shared';

const CSS = `body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1c2128;background:#f6f8fa}
header{background:var(--accent);color:#fff;padding:12px 16px;font-weight:600}
main{max-width:720px;margin:0 auto;padding:16px 16px 48px;background:#fff;min-height:80vh}
h1{font-size:1.5em;line-height:1.3;margin:.4em 0}.meta{color:#57606a;font-size:.875em;margin:0 0 1.2em}
img{max-width:100%;height:auto}pre{overflow:auto;background:#f6f8fa;padding:12px;border-radius:6px}
code{font-family:ui-monospace,monospace;font-size:.9em}a{color:#0969da}blockquote{margin:0;padding-left:12px;border-left:4px solid #d0d7de;color:#57606a}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px}`;

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const HEX = /^#[0-9a-fA-F]{6}$/;

/** The page's stylesheet in the site's colour. */
function pageCss(color = ''): string {
  return CSS.replace('var(--accent)', HEX.test(color) ? color : '#1f6feb');
}

/** Security headers of a page: no script may run (no script-src at all), only its own inline CSS by hash. */
function pageHeaders(c: Context, css: string): void {
  const hash = createHash('sha256').update(css).digest('base64');
  c.header('Content-Security-Policy', `default-src 'none'; img-src https: http:; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-cache');
}

/** The article page; `article.html` comes from renderArticleHtml (HTML disabled), everything else is escaped. */
export function helpPage(c: Context, article: TPublicArticle, siteName: string, color: string): string {
  const css = pageCss(color);
  pageHeaders(c, css);
  const updated = article.updatedAt.slice(0, 10);
  return `<!doctype html>
<html lang="${article.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(article.title)} · ${escape(siteName)}</title><style>${css}</style></head>
<body><header>${escape(siteName)}</header><main><article>
<h1>${escape(article.title)}</h1><p class="meta">${article.category ? `${escape(article.category)} · ` : ''}<time datetime="${escape(article.updatedAt)}">${updated}</time></p>
${article.html}</article></main></body></html>`;
}

export function notFoundPage(c: Context): string {
  const css = pageCss();
  pageHeaders(c, css);
  return `<!doctype html><html><head><meta charset="utf-8"><title>404</title><style>${css}</style></head><body><header>404</header><main><h1>404</h1><p>This article does not exist or is not published. · 文章不存在或未发布。</p></main></body></html>`;
}
