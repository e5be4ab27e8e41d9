/**
 * Screenshots of the three demo pages for the docs: `node --import tsx scripts/screenshots.ts`.
 * Starts the demo (built widgets, real server, fresh SQLite with the demo shop), opens each page in
 * Debian's Chromium and writes docs/screenshots/{demo-index,order-detail,inquiries,templates,template-form}.png.
 * Japanese text needs a CJK font on the machine (Debian: `apt-get install fonts-noto-cjk`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_ORDERS } from '../server/demo/seed.ts';
import { startDemo } from '../test/e2e/support.ts';

const outDir = resolve('docs/screenshots');
mkdirSync(outDir, { recursive: true });

try {
  if (!/CJK|IPA|Gothic|Mincho/i.test(execFileSync('fc-list', { encoding: 'utf8' }))) {
    console.warn('warning: no CJK font found (apt-get install fonts-noto-cjk); Japanese text will show as boxes');
  }
} catch {
  // no fontconfig: let Chromium do what it can
}

const demo = await startDemo();
try {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale: 'ja-JP', colorScheme: 'light' });
  const page = await context.newPage();
  const base = demo.server.url;
  const order = DEMO_ORDERS.find((o) => o.mall === 'rakuten' && o.hasInquiries)!;

  await page.goto(`${base}/demo/`);
  await page.waitForFunction(() => ![...document.querySelectorAll('td.inquiries')].some((cell) => cell.textContent === '…'));
  await page.screenshot({ path: `${outDir}/demo-index.png`, fullPage: true });

  await page.goto(`${base}/demo/orders/${encodeURIComponent(order.orderId)}`);
  await page.locator('goq-inquiry-panel').getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor();
  await page.screenshot({ path: `${outDir}/order-detail.png`, fullPage: true });

  await page.locator('goq-inquiry-panel').getByRole('button', { name: 'お問い合わせ詳細へ' }).first().click();
  await page.waitForURL((url) => url.pathname === '/demo/inquiries');
  await page.locator('goq-inquiry-inbox').getByRole('button', { name: '注文詳細を開く' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${outDir}/inquiries.png`, fullPage: true });

  await page.goto(`${base}/demo/templates`);
  await page.locator('goq-template-admin').getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/templates.png`, fullPage: true });

  await page.locator('goq-template-admin').getByRole('button', { name: '新規作成' }).click();
  await page.locator('goq-template-admin').locator('form').waitFor();
  await page.screenshot({ path: `${outDir}/template-form.png`, fullPage: true });
  await context.close();
  console.log(`screenshots written to ${outDir}`);
} finally {
  await demo.close();
}
