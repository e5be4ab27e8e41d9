/**
 * The demo back office on narrow screens, with the built bundle: at 320, 390 and 768 px wide no page
 * scrolls sideways (`scrollWidth` equals `clientWidth`), a Yahoo! inquiry's 64-character number
 * included; in the inbox the list and the inquiry are two views, a tapped inquiry opens in view, and
 * [一覧に戻る] leads back to the list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ORDERS, DEMO_SHOP_ID } from '../../server/demo/seed.ts';
import { recordMallInquiry } from '../../server/inquiries/mall-ingest.ts';
import { demoPerSuite } from './support.ts';

const WIDTHS = [320, 390, 768];
const LONG_NUMBER = 'a9f3c2e1b7d64f0e8c5a1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';
const LONG_SUBJECT = '【至急】注文した商品の配送先住所を変更したいのですが手続きを教えてください';

async function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

describe('demo back office on narrow screens', () => {
  const demo = demoPerSuite(async (demo) => {
    const sentAt = new Date(Date.now() - 60_000);
    await recordMallInquiry(demo.server.db, DEMO_SHOP_ID, null, {
      mall: 'yahoo',
      mallInquiryId: LONG_NUMBER,
      orderId: 'goq-demo-store-10000299',
      subject: LONG_SUBJECT,
      customerName: null,
      itemName: '南部鉄器 急須 0.6L',
      createdAt: sentAt,
      updatedAt: sentAt,
      completed: false,
      messages: [{ mallMessageId: `${LONG_NUMBER}-0`, sender: 'customer', body: '配送先を実家に変更できますか。', sentAt, attachments: [] }],
    });
  });

  const rakutenOrder = () => DEMO_ORDERS.find((o) => o.mall === 'rakuten' && o.hasInquiries)!;
  const pages: Array<{ path: () => string; ready: (page: Page) => Promise<unknown> }> = [
    { path: () => '/demo/', ready: (page) => page.locator('td.inquiries').first().filter({ hasNotText: '…' }).waitFor() },
    {
      path: () => `/demo/orders/${encodeURIComponent(rakutenOrder().orderId)}`,
      ready: (page) => page.locator('goq-inquiry-panel').getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor(),
    },
    { path: () => '/demo/inquiries', ready: (page) => page.locator('goq-inquiry-inbox button.row').first().waitFor() },
    { path: () => '/demo/templates', ready: (page) => page.locator('goq-template-admin table').waitFor() },
    { path: () => '/demo/settings', ready: (page) => page.locator('goq-shop-settings section.account').first().waitFor() },
  ];

  for (const width of WIDTHS) {
    it(`nothing scrolls sideways at ${width} px, on every demo page`, async () => {
      const page = await demo.browser.newPage({ viewport: { width, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      for (const { path, ready } of pages) {
        await page.goto(`${demo.server.url}${path()}`);
        await ready(page);
        const { scrollWidth, clientWidth } = await sidewaysScroll(page);
        assert.equal(scrollWidth, clientWidth, `${path()} at ${width} px is ${scrollWidth} px wide`);
        // the demo header does not wrap over itself: the menu sits below the brand, inside the bar
        const header = await page.evaluate(() => {
          const bar = document.querySelector('header.app')!.getBoundingClientRect();
          const brand = document.querySelector('header.app .brand')!.getBoundingClientRect();
          const links = [...document.querySelectorAll('header.app nav a')].map((a) => a.getBoundingClientRect());
          return { barBottom: bar.bottom, brandBottom: brand.bottom, brandRight: brand.right, links: links.map((r) => ({ top: r.top, bottom: r.bottom, left: r.left })) };
        });
        for (const link of header.links) {
          assert.ok(link.bottom <= header.barBottom + 0.5, `${path()} at ${width}: a menu entry hangs below the header`);
          assert.ok(link.top >= header.brandBottom - 0.5 || link.left >= header.brandRight, `${path()} at ${width}: a menu entry overlaps the brand`);
        }
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it(`at ${width} px the inbox opens a tapped inquiry in view, its long number wrapped, and goes back to the list`, async () => {
      const page = await demo.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${demo.server.url}/demo/inquiries`);
      const inbox = page.locator('goq-inquiry-inbox');
      const row = inbox.locator('button.row', { hasText: LONG_SUBJECT });
      await row.waitFor();
      // the subject is not cut to a few characters
      const subjectWidth = await row.locator('.subject').evaluate((el) => el.getBoundingClientRect().width);
      assert.ok(subjectWidth > width * 0.4, `the subject is ${subjectWidth} px wide at ${width}`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await row.click();
      const subject = inbox.locator('#detail-subject');
      await subject.waitFor();
      const box = await subject.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      assert.ok(box.top >= 0 && box.bottom <= 800, `the inquiry opened at ${box.top}..${box.bottom}, outside the screen`);
      // the list is a view of its own: hidden while the inquiry is open
      assert.equal(await inbox.locator('.list-pane').isVisible(), false);
      assert.match(await inbox.locator('.facts').innerText(), new RegExp(LONG_NUMBER));
      const { scrollWidth, clientWidth } = await sidewaysScroll(page);
      assert.equal(scrollWidth, clientWidth, `the open Yahoo! inquiry makes the page ${scrollWidth} px wide at ${width}`);

      await inbox.getByRole('button', { name: '← 一覧に戻る' }).click();
      await inbox.locator('.list-pane').waitFor({ state: 'visible' });
      assert.equal(await inbox.locator('#detail-subject').count(), 0);
      assert.ok(await row.isVisible());
      await page.close();
    });
  }
});
