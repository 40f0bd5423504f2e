import MarkdownIt from 'markdown-it';
import type { RendererRule, Token } from 'markdown-it';

/**
 * Help-article markdown, rendered once on the server for the widget, the public page and the
 * portal's preview (docs/knowledge.md). `html: false` escapes every raw tag (`<script>`, `<img
 * onerror>`, `<svg>`…) as text, so the only elements are those markdown itself produces, whose
 * attributes markdown-it escapes; links and images are checked here by scheme.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const IMAGE_SCHEMES = new Set(['http', 'https']);

/** The URL's scheme in lower case, after dropping what browsers ignore (controls, spaces); null when relative. */
function schemeOf(url: string): string | null {
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return m ? m[1]! : null;
}

// Links: http(s), mailto, tel or relative; never javascript:, vbscript:, data:, file:…
md.validateLink = (url) => {
  const scheme = schemeOf(url);
  return scheme === null || ALLOWED_SCHEMES.has(scheme);
};

const linkOpen: RendererRule = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (!href.startsWith('#')) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_open = linkOpen;

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const scheme = schemeOf(String(token.attrGet('src') ?? ''));
  // Only http(s) or same-origin pictures; anything else shows its alt text.
  if (scheme !== null && !IMAGE_SCHEMES.has(scheme)) return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  token.attrSet('loading', 'lazy');
  token.attrSet('referrerpolicy', 'no-referrer');
  return defaultImage(tokens, idx, options, env, self);
};

/**
 * Markdown to HTML that can run no script.
 * @example renderArticleHtml('[退款](https://example.com)') // '<p><a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">退款</a></p>\n'
 */
export function renderArticleHtml(markdown: string): string {
  return md.render(markdown);
}

function inlineText(children: Token[]): string {
  return children
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.type === 'image' ? inlineText(c.children ?? []) : ''))
    .join('');
}

/** The article's words without markdown syntax: for excerpts that agents paste into a reply. */
export function articlePlainText(markdown: string): string {
  const parts: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') parts.push(inlineText(token.children ?? []));
    else if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
