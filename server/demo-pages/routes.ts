/**
 * The demo back office (DESIGN.md §4), served by `npm start` beside the API:
 *   /widget/*              the built widget files (see widget-files.ts)
 *   /demo/                 the demo orders (the back office's own data) with their inquiries from the API
 *   /demo/orders/:orderId  受注詳細, embedding <goq-inquiry-panel> with a plain <script src> tag
 *   /demo/inquiries        お問い合わせ管理, <goq-inquiry-inbox> (?id= opens one inquiry)
 *   /demo/templates        テンプレート, <goq-template-admin>
 *   /demo/settings         設定, <goq-shop-settings>
 * Every page wraps its element in <goq-inquiry-config> with the demo token, as a host app would.
 * `?as=sato` signs in as the second demo member (a `staff`), so two people can be tried side by side.
 */
import { Hono } from 'hono';
import type { Mall } from '../../shared/api.ts';
import { DEMO_ORDERS, type DemoOrder } from '../demo/seed.ts';
import { escapeHtml, page } from './layout.ts';
import { widgetFiles } from './widget-files.ts';

export interface DemoPagesOptions {
  demoToken: string;
  distDir: string;
  /** the back office's orders; default the seeded ones (`npm start` passes the mall simulators' orders) */
  orders?: () => readonly DemoOrder[];
  /** more demo members' tokens by id (`?as=<id>` on any page), e.g. a `staff` member beside the admin */
  memberTokens?: Record<string, { name: string; token: string }>;
}

const MALL_LABEL: Record<Mall, string> = { rakuten: '楽天市場', yahoo: 'Yahoo!ショッピング' };

/** The back office's mark: a speech bubble on the header's colour (SVG, which browsers take for favicon.ico). */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/><path d="M7 9h18v11H14l-5 4v-4H7z" fill="#f4a261"/></svg>';

const SCRIPT_TAG = '<script src="/widget/goq-inquiry.js"></script>';

function jst(iso: string): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The config wrapper every page uses: the API is this same server. */
function config(origin: string, token: string, inner: string): string {
  return `<goq-inquiry-config api-base="${escapeHtml(origin)}" token="${escapeHtml(token)}">\n${inner}\n</goq-inquiry-config>`;
}

function orderIndex(orders: readonly DemoOrder[], token: string, origin: string, nonce = ''): string {
  const rows = orders.map(
    (o) => `<tr data-order-id="${escapeHtml(o.orderId)}">
      <td><a href="/demo/orders/${encodeURIComponent(o.orderId)}">${escapeHtml(o.orderId)}</a></td>
      <td>${MALL_LABEL[o.mall]}</td>
      <td>${escapeHtml(jst(o.orderedAt))}</td>
      <td>${escapeHtml(o.customer)}</td>
      <td>${escapeHtml(o.item)}</td>
      <td class="inquiries muted">…</td>
    </tr>`,
  ).join('\n');
  // The inquiry column comes from the API, as a host page would ask it; orders that only the malls
  // know (synced, not in the demo's order data) are added from the inbox's answers.
  const script = `<script type="module"${nonce ? ` nonce="${escapeHtml(nonce)}"` : ''}>
const token = ${JSON.stringify(token)};
const base = ${JSON.stringify(origin)} + '/api/v1';
const malls = ${JSON.stringify(MALL_LABEL)};
const labels = { 'needs-reply': '返信が必要', replied: '返信済み', completed: '対応完了' };
const get = async (path) => {
  const res = await fetch(base + path, { headers: { Authorization: 'Bearer ' + token } });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
};
const byOrder = new Map();
try {
  for (const status of Object.keys(labels)) {
    let cursor = null;
    for (let page = 0; page < 5; page++) {
      const answer = await get('/inquiries?status=' + status + '&limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      for (const item of answer.items) {
        if (!item.orderId) continue;
        if (!byOrder.has(item.orderId)) byOrder.set(item.orderId, []);
        byOrder.get(item.orderId).push(item);
      }
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
  }
} catch (error) {
  for (const cell of document.querySelectorAll('td.inquiries')) cell.textContent = '取得できませんでした';
  throw error;
}
const summary = (items) => items.map((i) => labels[i.status] + '（' + i.messageCount + '件）').join('、');
const tbody = document.querySelector('tbody');
for (const row of tbody.querySelectorAll('tr[data-order-id]')) {
  const items = byOrder.get(row.dataset.orderId) ?? [];
  row.querySelector('.inquiries').textContent = items.length ? summary(items) : 'なし';
  byOrder.delete(row.dataset.orderId);
}
for (const [orderId, items] of byOrder) {
  const row = tbody.insertRow();
  const link = document.createElement('a');
  link.href = '/demo/orders/' + encodeURIComponent(orderId);
  link.textContent = orderId;
  row.insertCell().append(link);
  row.insertCell().textContent = malls[items[0].mall] ?? items[0].mall;
  row.insertCell().textContent = '';
  // Yahoo! gives no customer name; the inquiry does not invent one
  row.insertCell().textContent = items.find((i) => i.customerName)?.customerName ?? '';
  // the back office does not know this order's products; an inquiry's subject is not one
  row.insertCell().textContent = '';
  const cell = row.insertCell();
  cell.className = 'inquiries';
  cell.textContent = summary(items);
}
</script>`;
  return page({
    title: '受注一覧',
    current: 'orders',
    body: `<h1>受注一覧</h1>
<div class="card">
  <p class="muted">デモ店舗の注文です。受注番号を開くと受注詳細画面に、注文者からのお問い合わせ履歴が表示されます。</p>
  <div class="scroll-x">
  <table class="list">
    <thead><tr><th scope="col">受注番号</th><th scope="col">モール</th><th scope="col">注文日時</th><th scope="col">注文者</th><th scope="col">商品</th><th scope="col">お問い合わせ</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  </div>
</div>
<div class="card">
  <h2 style="font-size:16px;margin:0 0 8px">デモページ</h2>
  <ul>
    <li><a href="/demo/inquiries">お問い合わせ管理</a>（&lt;goq-inquiry-inbox&gt;）</li>
    <li><a href="/demo/templates">お問い合わせ管理 テンプレート</a>（&lt;goq-template-admin&gt;）</li>
    <li><a href="/demo/settings">設定</a>（&lt;goq-shop-settings&gt;）</li>
    <li>受注詳細（&lt;goq-inquiry-panel&gt;）: 上の受注番号から</li>
  </ul>
  <p class="muted">デモ用トークン（Authorization: Bearer）: <code>${escapeHtml(token)}</code></p>
</div>
${script}`,
  });
}

function orderDetail(orders: readonly DemoOrder[], orderId: string, token: string, origin: string): string {
  const order = orders.find((o) => o.orderId === orderId);
  const facts = order
    ? `<tr><th scope="row">受注番号</th><td>${escapeHtml(order.orderId)}</td></tr>
       <tr><th scope="row">モール</th><td>${MALL_LABEL[order.mall]}</td></tr>
       <tr><th scope="row">注文日時</th><td>${escapeHtml(jst(order.orderedAt))}</td></tr>
       <tr><th scope="row">注文者</th><td>${escapeHtml(order.customer)} 様</td></tr>
       <tr><th scope="row">商品</th><td>${escapeHtml(order.item)} × 1</td></tr>
       <tr><th scope="row">受注ステータス</th><td>${escapeHtml(order.status ?? '出荷待ち')}</td></tr>`
    : `<tr><th scope="row">受注番号</th><td>${escapeHtml(orderId)}</td></tr>
       <tr><th scope="row">注文情報</th><td class="muted">この受注はデモデータにありません</td></tr>`;
  const panel = `<goq-inquiry-panel order-id="${escapeHtml(orderId)}" inquiry-url="/demo/inquiries?id={id}"></goq-inquiry-panel>`;
  return page({
    title: `受注詳細 ${orderId}`,
    current: 'orders',
    body: `<p class="crumbs"><a href="/demo/">受注一覧</a> › 受注詳細</p>
<h1>受注詳細</h1>
<div class="grid">
  <section class="card" aria-labelledby="facts-heading">
    <h2 id="facts-heading" style="font-size:16px;margin:0 0 8px">注文情報</h2>
    <table class="facts">${facts}</table>
  </section>
  <div>${config(origin, token, panel)}</div>
</div>
${SCRIPT_TAG}`,
  });
}

function inquiriesPage(token: string, origin: string, inquiryId: string, status: string, switcher = ''): string {
  const attrs = [
    'order-url="/demo/orders/{orderId}"',
    inquiryId ? `inquiry-id="${escapeHtml(inquiryId)}"` : '',
    ['needs-reply', 'replied', 'completed'].includes(status) ? `status="${status}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return page({
    title: 'お問い合わせ管理',
    current: 'inquiries',
    body: `<h1>お問い合わせ管理</h1>
${switcher}
${config(origin, token, `<goq-inquiry-inbox ${attrs}></goq-inquiry-inbox>`)}
${SCRIPT_TAG}`,
  });
}

function templatesPage(token: string, origin: string): string {
  return page({
    title: 'お問い合わせ管理 テンプレート',
    current: 'templates',
    body: `<div class="card">${config(origin, token, '<goq-template-admin></goq-template-admin>')}</div>
${SCRIPT_TAG}`,
  });
}

function settingsPage(token: string, origin: string): string {
  return page({
    title: '設定',
    current: 'settings',
    body: `<div class="card">${config(origin, token, '<goq-shop-settings></goq-shop-settings>')}</div>
${SCRIPT_TAG}`,
  });
}

export function createDemoPages(opts: DemoPagesOptions): Hono {
  const app = new Hono();
  const origin = (url: string) => new URL(url).origin;
  const html = { 'Cache-Control': 'no-store' };
  const orders = opts.orders ?? (() => DEMO_ORDERS);
  const members = opts.memberTokens ?? {};
  // the member the page is opened as: `?as=<id>` names another demo member, else the admin
  const tokenOf = (c: { req: { query(name: string): string | undefined } }) => members[c.req.query('as') ?? '']?.token ?? opts.demoToken;
  const switcher = (c: { req: { url: string; query(name: string): string | undefined } }) => {
    const as = c.req.query('as') ?? '';
    const link = (id: string, label: string) => {
      const url = new URL(c.req.url);
      if (id) url.searchParams.set('as', id);
      else url.searchParams.delete('as');
      const current = (members[as] ? as : '') === id;
      return current ? `<strong>${escapeHtml(label)}</strong>` : `<a href="${escapeHtml(url.pathname + url.search)}">${escapeHtml(label)}</a>`;
    };
    const others = Object.entries(members).map(([id, m]) => link(id, `${m.name}（スタッフ）`));
    return others.length ? `<p class="muted">デモの担当者: ${[link('', '山田 花子（管理者）'), ...others].join(' / ')}</p>` : '';
  };

  app.route('/widget', widgetFiles(opts.distDir));
  // browsers ask every page for it
  app.get('/favicon.ico', (c) => c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.get('/demo/', (c) => c.html(orderIndex(orders(), tokenOf(c), origin(c.req.url), (c.get as (key: string) => unknown)('secureHeadersNonce') as string | undefined), 200, html));
  app.get('/demo/orders/:orderId', (c) => c.html(orderDetail(orders(), c.req.param('orderId'), tokenOf(c), origin(c.req.url)), 200, html));
  app.get('/demo/inquiries', (c) =>
    c.html(inquiriesPage(tokenOf(c), origin(c.req.url), c.req.query('id') ?? '', c.req.query('status') ?? '', switcher(c)), 200, html),
  );
  app.get('/demo/templates', (c) => c.html(templatesPage(tokenOf(c), origin(c.req.url)), 200, html));
  app.get('/demo/settings', (c) => c.html(settingsPage(tokenOf(c), origin(c.req.url)), 200, html));
  return app;
}
