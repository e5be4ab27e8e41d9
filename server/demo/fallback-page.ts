/**
 * `/demo/`: until the demo pages with the widgets are present, a plain page that lists what the API
 * answers for the demo shop (counts, inquiries, templates, settings), with the demo token.
 */
import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import { getCounts, listInquiryPage } from '../inquiries/inquiries.service.ts';
import { getSettings } from '../settings/settings.service.ts';
import { listTemplates } from '../templates/templates.service.ts';
import { DEMO_ORDERS, DEMO_SHOP_ID } from './seed.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function fallbackDemoPage(deps: { db: Db; demoToken: string }): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.get('/demo/', async (c) => {
    const shopId = DEMO_SHOP_ID;
    const answers = {
      'GET /api/v1/inquiries/counts': await getCounts(deps.db, shopId),
      'GET /api/v1/inquiries': await listInquiryPage(deps.db, shopId, {}),
      'GET /api/v1/templates': { items: await listTemplates(deps.db, shopId) },
      'GET /api/v1/settings': await getSettings(deps.db, shopId),
    };
    const sections = Object.entries(answers)
      .map(([route, body]) => `<h2>${escapeHtml(route)}</h2><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>`)
      .join('\n');
    const orders = DEMO_ORDERS.map(
      (o) =>
        `<li><code>${escapeHtml(o.orderId)}</code> ${escapeHtml(o.mall)} ${escapeHtml(o.item)}${o.hasInquiries ? '' : '（お問い合わせなし）'} – <a href="/api/v1/orders/${encodeURIComponent(o.orderId)}/inquiries">API</a></li>`,
    ).join('\n');
    return c.html(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>GoQ お問い合わせ管理 デモ</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style></head>
<body><h1>GoQ お問い合わせ管理 デモ</h1>
<p>Demo token (send as <code>Authorization: Bearer …</code>):</p><pre>${escapeHtml(deps.demoToken)}</pre>
<h2>デモ注文</h2><ul>${orders}</ul>
${sections}
</body></html>`);
  });
  return app;
}
