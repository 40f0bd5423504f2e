// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { articlePlainText, renderArticleHtml } from './knowledge.markdown';

/** Parses rendered HTML the way a browser would, to look for anything that could run. */
/** The few DOM members used here (the server's tsconfig has no DOM lib; vitest's jsdom provides them). */
type TEl = {
  tagName: string;
  textContent: string | null;
  innerHTML: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  querySelector(s: string): TEl | null;
  querySelectorAll(s: string): ArrayLike<TEl> & Iterable<TEl>;
  getAttribute(n: string): string | null;
  hasAttribute(n: string): boolean;
};
const doc = (globalThis as unknown as { document: { createElement(tag: string): TEl } }).document;

function dom(html: string): TEl {
  const root = doc.createElement('div');
  root.innerHTML = html;
  return root;
}

function assertInert(html: string) {
  const body = dom(html);
  expect(body.querySelectorAll('script, iframe, object, embed, svg, math, style, form, input, base, meta, link')).toHaveLength(0);
  for (const el of body.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `${el.tagName} has ${attr.name}`).toBe(false);
      expect(attr.name).not.toBe('style');
      if (attr.name === 'href' || attr.name === 'src') expect(attr.value).toMatch(/^(https?:|mailto:|tel:|#|\/|[^:]*$)/i);
    }
  }
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<svg onload=alert(1)><circle r="9"/></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](jav&#x61;script:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](javascript:alert(1))',
  '[x](file:///etc/passwd)',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)\n\n[link][x]',
  '![a" onerror="alert(1)](https://example.com/a.png)',
  '[a](https://example.com/"onmouseover="alert(1))',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=p></form>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
];

describe('article markdown', () => {
  it.each(PAYLOADS)('renders %j with nothing that can run', (payload) => {
    const html = renderArticleHtml(`Text before\n\n${payload}\n\nText after`);
    assertInert(html);
    expect(html).not.toMatch(/<(script|svg|iframe|style|form)/i);
  });

  it('shows raw HTML as text instead of dropping it silently', () => {
    const body = dom(renderArticleHtml('Use <b>bold</b> here'));
    expect(body.querySelector('b')).toBeNull();
    expect(body.textContent).toContain('<b>bold</b>');
  });

  it('keeps markdown formatting: headings, lists, emphasis, code, tables of links', () => {
    const body = dom(renderArticleHtml('# 退款流程\n\n1. 申请\n2. **审核**\n\n`code`'));
    expect(body.querySelector('h1')?.textContent).toBe('退款流程');
    expect(body.querySelectorAll('ol li')).toHaveLength(2);
    expect(body.querySelector('strong')?.textContent).toBe('审核');
    expect(body.querySelector('code')?.textContent).toBe('code');
  });

  it('opens links in a new tab without opener or referrer, and keeps in-page anchors as they are', () => {
    const body = dom(renderArticleHtml('[help](https://example.com/help) [mail](mailto:help@example.com) [top](#top)'));
    const [web, mail, anchor] = [...body.querySelectorAll('a')];
    expect(web?.getAttribute('href')).toBe('https://example.com/help');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(mail?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(anchor?.hasAttribute('target')).toBe(false);
  });

  it('shows http(s) pictures and drops data: pictures to their alt text', () => {
    const ok = dom(renderArticleHtml('![订单页](https://example.com/order.png)')).querySelector('img');
    expect(ok?.getAttribute('src')).toBe('https://example.com/order.png');
    expect(ok?.getAttribute('referrerpolicy')).toBe('no-referrer');
    const dropped = dom(renderArticleHtml('![订单页](data:image/png;base64,iVBORw0KGgo=)'));
    expect(dropped.querySelector('img')).toBeNull();
    expect(dropped.textContent).toContain('订单页');
  });

  it('turns markdown into plain text for excerpts', () => {
    expect(articlePlainText('# 退款\n\n请在**订单页**点击 [申请退款](https://x.example)。\n\n- 一\n- 二')).toBe('退款 请在订单页点击 申请退款。 一 二');
  });
});
