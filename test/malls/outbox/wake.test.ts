/**
 * The reply, retry, complete and reopen routes wake the outbox worker after their commit: with the
 * worker polling only once a minute, what the staff commits reaches an idle simulated mall within
 * about two seconds. The whole server as compose.ts builds it, over a real socket, with both
 * simulators in-process.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InquiryDetail, InquiryPage, Mall, MessageView } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { startServer, type RunningServer } from '../../../server/compose.ts';
import { createRakutenSimulator, type RakutenSimulator } from '../../../simulators/rakuten/simulator.ts';
import { createYahooSimulator, simulatorFetch, type YahooSimulator, type YahooStoreCredentials } from '../../../simulators/yahoo/simulator.ts';
import { replyForm } from '../../server/support/fixtures.ts';
import { testKeyPair } from '../yahoo/helpers.ts';
import {
  createTestDatabase,
  DAY,
  forEachDatabase,
  mallCredentials,
  newShopId,
  simulatorEndpoints,
  RAKUTEN_LICENCE,
  RAKUTEN_ORIGIN,
  RAKUTEN_SECRET,
  RAKUTEN_SHOP,
  SELLER_ID,
  YAHOO_ORIGIN,
  type TestDatabase,
} from '../sync/support.ts';
import { TEST_SECRET } from '../../server/support/context.ts';

/** Within this, or the change waited for a poll. */
const WAKE_BUDGET_MS = 2000;

async function within(ms: number, what: string, check: () => unknown): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(20);
  }
}

forEachDatabase('the routes wake the outbox after their commit', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let rakuten: RakutenSimulator;
  let yahoo: YahooSimulator;
  let yahooStore: YahooStoreCredentials;

  before(async () => {
    database = await createTestDatabase(kind);
    rakuten = createRakutenSimulator();
    rakuten.control.addStore({ shopId: RAKUTEN_SHOP, serviceSecret: RAKUTEN_SECRET, licenseKey: RAKUTEN_LICENCE, shopUrl: 'goq-wake' });
    yahoo = createYahooSimulator({ seed: 21 });
    yahooStore = yahoo.control.addStore({ sellerId: SELLER_ID, keyPair: testKeyPair() });
    server = await startServer({
      dbUrl: database.url,
      jwtSecret: TEST_SECRET,
      corsOrigins: [],
      malls: {
        minIntervalMs: 0,
        // no scheduled sync, and an outbox that looks for work on its own only once a minute
        schedule: false,
        outbox: { pollMs: 60_000 },
        endpoints: simulatorEndpoints(rakuten, yahoo),
      },
    });
  });
  after(async () => {
    await server.close();
    await rakuten.control.close();
    yahoo.control.stopGenerator();
    await database.close();
  });

  /** A shop connected to both simulated malls with one open inquiry each, synced in; the worker idle again. */
  async function connectedShop() {
    const shop = newShopId();
    const token = signToken({ shop, staff: '担当 花子', role: 'admin' }, TEST_SECRET, { expiresInSeconds: 600 });
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } });
    const at = new Date(Math.floor((Date.now() - DAY) / 1000) * 1000);
    const number = rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '山田 花子', message: '在庫はありますか', regDate: at }).inquiryNumber;
    const topicId = yahoo.control.addTopic(SELLER_ID, { title: '配送について', messages: [{ from: 'customer', body: 'いつ届きますか', at }] });
    for (const mall of ['rakuten', 'yahoo'] as const) {
      const res = await call(`/malls/${mall}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ credentials: mallCredentials(mall, yahooStore) }) });
      assert.equal(res.status, 200);
      await server.malls.syncNow(shop, mall);
    }
    const page = (await (await call('/inquiries?limit=100')).json()) as InquiryPage;
    const id = (mall: Mall, mallId: string) => page.items.find((i) => i.mall === mall && i.mallInquiryId === mallId)!.id;
    // the connections' syncs are over; the worker's last pass has ended and its next poll is a minute away
    await sleep(200);
    return { call, rakutenId: id('rakuten', number), yahooId: id('yahoo', topicId), number, topicId };
  }

  test('a reply reaches each idle simulated mall within 2 s, not at the next poll', async () => {
    const { call, rakutenId, yahooId, number, topicId } = await connectedShop();
    const body = { rakuten: `在庫がございます。(${kind})`, yahoo: `明日お届けの予定です。(${kind})` };
    const started = Date.now();
    assert.equal((await call(`/inquiries/${rakutenId}/replies`, { method: 'POST', body: replyForm(body.rakuten) })).status, 202);
    assert.equal((await call(`/inquiries/${yahooId}/replies`, { method: 'POST', body: replyForm(body.yahoo) })).status, 202);
    await within(WAKE_BUDGET_MS, 'the Rakuten reply', () =>
      rakuten.control.inquiry(number)?.replies.some((r) => r.replyFrom === 'merchant' && r.message === body.rakuten),
    );
    await within(WAKE_BUDGET_MS, 'the Yahoo! reply', () =>
      yahoo.control.topic(SELLER_ID, topicId)?.messages.some((m) => m.postUserType === 'seller' && m.body === body.yahoo),
    );
    assert.ok(Date.now() - started < WAKE_BUDGET_MS + 500);
  });

  test('a completion and a reopening reach the idle mall within 2 s each', async () => {
    const { call, rakutenId, number } = await connectedShop();
    assert.equal((await call(`/inquiries/${rakutenId}/complete`, { method: 'POST' })).status, 200);
    await within(WAKE_BUDGET_MS, 'the completion', () => rakuten.control.inquiry(number)?.isCompleted === true);
    await sleep(100);
    assert.equal((await call(`/inquiries/${rakutenId}/reopen`, { method: 'POST' })).status, 200);
    await within(WAKE_BUDGET_MS, 'the reopening', () => rakuten.control.inquiry(number)?.isCompleted === false);
  });

  test('a retried reply reaches the idle mall within 2 s', async () => {
    const { call, rakutenId, number } = await connectedShop();
    // the first attempt is refused for good: the mall does not know the inquiry number it is sent to
    await server.db.updateTable('inquiries').set({ mall_inquiry_id: `${RAKUTEN_SHOP}-20200101-00000000x` }).where('id', '=', rakutenId).execute();
    const body = `再送のテストです。(${kind})`;
    const res = await call(`/inquiries/${rakutenId}/replies`, { method: 'POST', body: replyForm(body) });
    const { message } = (await res.json()) as { message: MessageView };
    await within(WAKE_BUDGET_MS, 'the refusal', async () => {
      const detail = (await (await call(`/inquiries/${rakutenId}`)).json()) as InquiryDetail;
      return detail.messages.find((m) => m.id === message.id)?.delivery === 'failed';
    });
    await server.db.updateTable('inquiries').set({ mall_inquiry_id: number }).where('id', '=', rakutenId).execute();
    await sleep(100);
    assert.equal((await call(`/inquiries/${rakutenId}/replies/${message.id}/retry`, { method: 'POST' })).status, 202);
    await within(WAKE_BUDGET_MS, 'the retried reply', () =>
      rakuten.control.inquiry(number)?.replies.some((r) => r.replyFrom === 'merchant' && r.message === body),
    );
  });
});
