/**
 * A server restart under open pages, with the built bundle and no click: while the event stream is
 * down the inbox and the order panel say 「接続が切れています。再接続中…」; once the server is back they
 * reconnect by themselves and read again what went stale (a new inquiry stored while they were away
 * appears in the list, and the 返信が必要 count follows).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/compose.ts';
import { DEMO_ORDERS, DEMO_SHOP_ID } from '../../server/demo/seed.ts';
import { recordMallInquiry } from '../../server/inquiries/mall-ingest.ts';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { distDir, ensureBuilt } from './support.ts';

const LOST = '接続が切れています。再接続中…';

describe('reconnection after a server restart', () => {
  let dataDir: string;
  let server: RunningServer | null = null;
  let browser: Browser;
  const start = (port: number) =>
    startServer({
      dbUrl: join(dataDir, 'goq.sqlite'),
      port,
      jwtSecret: 'reconnect-secret-'.padEnd(40, 'x'),
      corsOrigins: [],
      distDir,
      demo: { malls: false },
    });

  before(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'goq-reconnect-'));
    server = await start(0);
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the connection is lost, reconnects and refreshes by itself', async () => {
    const url = server!.url;
    const port = server!.port;
    const inboxPage = await browser.newPage();
    await inboxPage.goto(`${url}/demo/inquiries`);
    const inbox = inboxPage.locator('goq-inquiry-inbox');
    await inbox.locator('button.row').first().waitFor();
    await inbox.locator('.count').waitFor();
    const countBefore = Number((await inbox.locator('.count').innerText()).replace(/\D/g, ''));

    const order = DEMO_ORDERS.find((o) => o.mall === 'rakuten' && o.hasInquiries)!;
    const panelPage = await browser.newPage();
    await panelPage.goto(`${url}/demo/orders/${encodeURIComponent(order.orderId)}`);
    const panel = panelPage.locator('goq-inquiry-panel');
    await panel.getByRole('button', { name: 'お問い合わせ詳細へ' }).first().waitFor();
    assert.equal(await inbox.getByText(LOST).count(), 0, 'nothing said while connected');

    await server!.close();
    server = null;
    await inbox.getByText(LOST).waitFor({ timeout: 10_000 });
    await panel.getByText(LOST).waitFor({ timeout: 10_000 });

    server = await start(port);
    // stored while the pages were away: no event will ever announce it to them
    const sentAt = new Date();
    await recordMallInquiry(server.db, DEMO_SHOP_ID, null, {
      mall: 'rakuten',
      mallInquiryId: '398765-20261130-09999',
      orderId: null,
      subject: '再接続のあいだに届いたお問い合わせ',
      customerName: '長谷川 綾',
      itemName: null,
      createdAt: sentAt,
      updatedAt: sentAt,
      completed: false,
      messages: [{ mallMessageId: 'reconnect-0', sender: 'customer', body: '在庫を確認したいです。', sentAt, attachments: [] }],
    });

    await inbox.locator('button.row', { hasText: '再接続のあいだに届いたお問い合わせ' }).waitFor({ timeout: 25_000 });
    await inbox.getByText(LOST).waitFor({ state: 'detached', timeout: 5_000 });
    await inboxPage.waitForFunction(
      (expected) => {
        const el = document.querySelector('goq-inquiry-inbox')?.shadowRoot?.querySelector('.count');
        return Number(el?.textContent?.replace(/\D/g, '')) === expected;
      },
      countBefore + 1,
      { timeout: 10_000 },
    );
    await panel.getByText(LOST).waitFor({ state: 'detached', timeout: 25_000 });
    assert.equal(await inbox.locator('.list-pane .error').count(), 0, 'no list error left behind');
  });
});
