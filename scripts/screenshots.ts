/**
 * Screenshots of the demo pages for the docs: `node --import tsx scripts/screenshots.ts`.
 * Runs the product exactly as `npm start` does (server, both mall simulators, SQLite in a fresh data
 * folder), waits until the demo shop's inquiries have arrived from the simulated malls, then opens each
 * page in Debian's Chromium and writes docs/screenshots/{demo-index,order-detail,inquiries,templates,template-form,
 * settings}.png, a phone-wide inbox (inquiries-390.png: the list, then the inquiry opened) and the inbox and the
 * order page in dark mode (*-dark.png).
 * Japanese text needs a CJK font on the machine (Debian: `apt-get install fonts-noto-cjk`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { MallAccountList } from '../shared/api.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.mjs';

const outDir = resolve('docs/screenshots');
mkdirSync(outDir, { recursive: true });

try {
  if (!/CJK|IPA|Gothic|Mincho/i.test(execFileSync('fc-list', { encoding: 'utf8' }))) {
    console.warn('warning: no CJK font found (apt-get install fonts-noto-cjk); Japanese text will show as boxes');
  }
} catch {
  // no fontconfig: let Chromium do what it can
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'goq-screenshots-'));
const [port, rakutenPort, yahooPort] = [await freePort(), await freePort(), await freePort()];
const product = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(port), GOQ_DATA_DIR: dataDir, GOQ_SIM_RAKUTEN_PORT: String(rakutenPort), GOQ_SIM_YAHOO_PORT: String(yahooPort) },
  stdio: ['ignore', 'pipe', 'inherit'],
});

try {
  // `npm start` prints the demo token on the line after "Demo token:"
  const token = await new Promise<string>((done, fail) => {
    let out = '';
    product.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Demo token:\n(\S+)\n/.exec(out);
      if (match) done(match[1]!);
    });
    product.once('exit', (code) => fail(new Error(`the product stopped (exit ${code}) before printing the demo token`)));
  });
  const base = `http://localhost:${port}`;

  // the demo's data arrives the way a shop's would: wait for both malls' first sync
  const deadline = Date.now() + 180_000;
  for (;;) {
    const answer = await fetch(`${base}/api/v1/malls`, { headers: { authorization: `Bearer ${token}` } });
    const { items } = (await answer.json()) as MallAccountList;
    if (items.length > 0 && items.every((account) => account.lastSyncAt)) break;
    if (Date.now() > deadline) throw new Error('the demo malls did not sync within 3 minutes');
    await new Promise((wait) => setTimeout(wait, 1000));
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale: 'ja-JP', colorScheme: 'light' });
    const page = await context.newPage();

    await page.goto(`${base}/demo/`);
    await page.waitForFunction(() => ![...document.querySelectorAll('td.inquiries')].some((cell) => cell.textContent === '…'));
    await page.screenshot({ path: `${outDir}/demo-index.png`, fullPage: true });

    // the first Rakuten order with inquiries: its panel shows the customer's name and the button
    const orderLink = page.locator('tr', { hasText: '楽天市場' }).filter({ hasNotText: 'なし' }).locator('a[href^="/demo/orders/"]').first();
    await orderLink.click();
    const panel = page.locator('goq-inquiry-panel');
    await panel.getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor();
    await page.screenshot({ path: `${outDir}/order-detail.png`, fullPage: true });

    await panel.getByRole('button', { name: 'お問い合わせ詳細へ' }).first().click();
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

    await page.goto(`${base}/demo/settings`);
    await page.locator('goq-shop-settings').locator('section.account').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outDir}/settings.png`, fullPage: true });
    await context.close();

    // a phone: the list, then the inquiry as a view of its own
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'ja-JP', colorScheme: 'light' });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${base}/demo/inquiries`);
    const phoneInbox = phonePage.locator('goq-inquiry-inbox');
    await phoneInbox.locator('button.row').first().waitFor();
    await phonePage.waitForTimeout(300);
    await phonePage.screenshot({ path: `${outDir}/inquiries-390.png` });
    await phoneInbox.locator('button.row', { hasText: 'Yahoo!' }).first().click();
    await phoneInbox.getByRole('button', { name: '← 一覧に戻る' }).waitFor();
    await phonePage.waitForTimeout(300);
    await phonePage.screenshot({ path: `${outDir}/inquiry-390.png` });
    await phone.close();

    // dark mode follows the system's preference
    const dark = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale: 'ja-JP', colorScheme: 'dark' });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${base}/demo/inquiries`);
    const darkInbox = darkPage.locator('goq-inquiry-inbox');
    await darkInbox.locator('button.row').first().click();
    await darkInbox.getByRole('button', { name: '完了する' }).waitFor();
    await darkPage.waitForTimeout(300);
    await darkPage.screenshot({ path: `${outDir}/inquiries-dark.png`, fullPage: true });
    await darkPage.goto(`${base}/demo/settings`);
    await darkPage.locator('goq-shop-settings').locator('section.account').first().waitFor();
    await darkPage.waitForTimeout(300);
    await darkPage.screenshot({ path: `${outDir}/settings-dark.png`, fullPage: true });
    await dark.close();
    console.log(`screenshots written to ${outDir}`);
  } finally {
    await browser.close();
  }
} finally {
  product.kill('SIGTERM');
  await new Promise((done) => product.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
