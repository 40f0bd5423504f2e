import { Hono } from 'hono';
import type { AppEnv } from '../platform/http';

export const DEMO_SITE_KEY = 'demo';

/** The demo shop's sign-out button: the usual snippet (calls made before the loader arrives wait in Kefu.q). */
const SIGN_OUT_JS = `window.Kefu = window.Kefu || { q: [] };
document.getElementById('demo-sign-out').addEventListener('click', function () {
  if (window.Kefu.loaded) window.Kefu.reset(); else window.Kefu.q.push(['reset']);
  document.getElementById('demo-signed-out').textContent = 'Signed out · 已退出';
});
`;

/** A plain host page that embeds the widget with its one script tag, as a customer's site would. */
export const demoRoutes = new Hono<AppEnv>()
  .get('/sign-out.js', (c) => c.body(SIGN_OUT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/', (c) =>
  c.html(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop — Kefu</title>
<style>
  body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #fff; border-bottom: 1px solid #d0d7de; padding: 16px 24px; font-weight: 600; }
  main { max-width: 720px; margin: 32px auto; padding: 0 24px; line-height: 1.6; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 20px; margin-bottom: 16px; }
  button { font: inherit; padding: 6px 14px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
</style>
</head>
<body>
<header>Demo shop · 演示商城</header>
<main>
  <div class="card">
    <h1>Welcome · 欢迎光临</h1>
    <p>This page stands for a customer's website. It embeds Kefu with one script tag; open the chat with the button at the bottom right.</p>
    <p>本页面模拟客户的网站，仅用一个 script 标签嵌入 Kefu 客服组件，点击右下角按钮开始咨询。</p>
  </div>
  <div class="card">
    <h2>Signing out · 退出登录</h2>
    <p>A shop calls <code>Kefu.reset()</code> when its user signs out, so the next person on this computer does not see their chat.</p>
    <p>用户退出登录时，网站调用 <code>Kefu.reset()</code>，下一位使用这台电脑的人就看不到之前的对话。</p>
    <button type="button" id="demo-sign-out">Sign out · 退出登录</button> <span id="demo-signed-out" role="status"></span>
  </div>
  <div class="card">
    <h2>Embed code</h2>
    <pre style="white-space:pre-wrap;word-break:break-all"><code>&lt;script src="${new URL(c.req.url).origin}/widget.js" data-site="${DEMO_SITE_KEY}" async&gt;&lt;/script&gt;</code></pre>
  </div>
</main>
<script src="/widget.js" data-site="${DEMO_SITE_KEY}" async></script>
<script src="/demo/sign-out.js" defer></script>
</body>
</html>`),
);
