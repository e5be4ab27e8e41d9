/**
 * The manual's navigation on the demo back office, with the built script-tag bundle:
 * 受注詳細 (panel) -> [お問い合わせ詳細へ] -> お問い合わせ管理 opened on that inquiry -> [注文詳細を開く] -> back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_ORDERS } from '../../server/demo/seed.ts';
import { deepText, demoPerSuite } from './support.ts';

describe('demo back office: from the order panel to the inbox and back', () => {
  const demo = demoPerSuite();

  it('walks 受注詳細 -> お問い合わせ詳細へ -> the inbox on that inquiry -> 注文詳細を開く -> 受注詳細', async () => {
    const order = DEMO_ORDERS.find((o) => o.mall === 'rakuten' && o.hasInquiries)!;
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const widgetRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/widget/')) widgetRequests.push(new URL(request.url()).pathname);
    });

    await page.goto(`${demo.server.url}/demo/orders/${encodeURIComponent(order.orderId)}`);
    // embedded by a classic script tag: the loader, which then fetches the panel's hashed modules only
    assert.equal(await page.locator('script[src="/widget/goq-inquiry.js"]:not([type])').count(), 1);
    const panel = page.locator('goq-inquiry-panel');
    await panel.getByRole('heading', { name: 'お問い合わせ履歴' }).waitFor();
    const open = panel.getByRole('button', { name: 'お問い合わせ詳細へ' });
    await open.first().waitFor();
    assert.equal(widgetRequests[0], '/widget/goq-inquiry.js');
    assert.ok(widgetRequests.slice(1).every((path) => path.startsWith('/widget/chunks/')), widgetRequests.join(' '));
    assert.ok(widgetRequests.some((path) => /\/panel-[\w-]{8}\.js$/.test(path)), widgetRequests.join(' '));
    assert.ok(!widgetRequests.some((path) => /\/(inbox|template-admin|shop-settings)-/.test(path)), `only what the page shows: ${widgetRequests.join(' ')}`);
    // a host that includes the script twice: the second copy registers nothing and throws nothing
    await page.addScriptTag({ url: '/widget/goq-inquiry.js' });
    assert.match(await deepText(panel), new RegExp(order.customer));

    // which inquiry the button leads to: the API's answer for this order
    const inquiries = (await page.evaluate(async ({ url, orderId }) => {
      const token = document.querySelector('goq-inquiry-config')!.getAttribute('token')!;
      const res = await fetch(`${url}/api/v1/orders/${encodeURIComponent(orderId)}/inquiries`, { headers: { Authorization: `Bearer ${token}` } });
      return res.json();
    }, { url: demo.server.url, orderId: order.orderId })) as Array<{ id: string; subject: string }>;
    const target = inquiries[0]!;

    await open.first().click();
    await page.waitForURL((url) => url.pathname === '/demo/inquiries' && url.searchParams.get('id') === target.id);
    const inbox = page.locator('goq-inquiry-inbox');
    assert.equal(await inbox.getAttribute('inquiry-id'), target.id);
    const openOrder = inbox.getByRole('button', { name: '注文詳細を開く' });
    await openOrder.waitFor();
    assert.match(await deepText(inbox), new RegExp(target.subject));

    await openOrder.click();
    await page.waitForURL((url) => url.pathname === `/demo/orders/${encodeURIComponent(order.orderId)}`);
    await page.locator('goq-inquiry-panel').getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the notice and no button on the order without inquiries, and no Yahoo! customer name', async () => {
    const page = await demo.browser.newPage();
    const quiet = DEMO_ORDERS.find((o) => !o.hasInquiries)!;
    await page.goto(`${demo.server.url}/demo/orders/${encodeURIComponent(quiet.orderId)}`);
    const panel = page.locator('goq-inquiry-panel');
    await panel.getByText('注文者からのメッセージはありません').waitFor();
    assert.equal(await panel.getByRole('button', { name: 'お問い合わせ詳細へ' }).count(), 0);

    const yahoo = DEMO_ORDERS.find((o) => o.mall === 'yahoo' && o.hasInquiries)!;
    await page.goto(`${demo.server.url}/demo/orders/${encodeURIComponent(yahoo.orderId)}`);
    const yahooPanel = page.locator('goq-inquiry-panel');
    await yahooPanel.getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor();
    // the back office knows its orderer; the inquiry panel never shows a Yahoo! name
    const yahooText = await deepText(yahooPanel);
    assert.match(yahooText, /Yahoo!ショッピング/);
    assert.match(yahooText, /お客様/);
    assert.doesNotMatch(yahooText, new RegExp(yahoo.customer.split(' ')[0]!));
    await page.close();
  });
});
