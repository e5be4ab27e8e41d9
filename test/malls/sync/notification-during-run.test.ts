/**
 * A Rakuten notification that arrives while the account's run is under way is served at the run's
 * next step, between two of its mall calls, not after its last one: a run lists a year in 12 windows
 * (once a day) and refreshes up to 20 old open threads, one call each at the account's spacing, and
 * the shop is waiting for what the notification named.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { userActionNotificationXml } from '../../../simulators/rakuten/notifier.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_AUTH_KEY, RAKUTEN_SHOP, type MallHarness } from './support.ts';

/** The account's spacing between two calls in this test (1 s at the malls). */
const SPACING_MS = 150;
const OLD_OPEN_THREADS = 8;

function daysAgo(days: number): Date {
  return new Date(Math.floor((Date.now() - days * DAY) / 1000) * 1000);
}

function notify(h: MallHarness, inquiryNumber: string): Promise<Response> {
  const xml = userActionNotificationXml(
    { contractId: 'C00373343', shopUrl: 'goq-sync', notification: { url: null, authKey: RAKUTEN_AUTH_KEY, serviceId: '6000' } },
    `req-${inquiryNumber}`,
    { inquiryNumber, actionType: 'userReply', actionDate: new Date() },
  );
  return Promise.resolve(h.app.request('/webhooks/rakuten/notification', { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: xml }));
}

async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

forEachDatabase('a notification during a sync run', (kind) => {
  let h: MallHarness;
  const shop = newShopId();
  before(async () => {
    // every run the deep one (a year in ≤ 31-day windows: a dozen list calls)
    h = await createMallHarness(kind, { config: { minIntervalMs: SPACING_MS, sync: { rakutenDeepRescanIntervalMs: 0 } } });
    // old open threads (hidden from the list by the 30-day rule), brought in by their notifications:
    // every later run refreshes each of them with a call of its own
    const old = Array.from({ length: OLD_OPEN_THREADS }, (_, i) =>
      h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: `古い 客${i}`, message: `以前の問い合わせ ${i}`, regDate: daysAgo(45) }).inquiryNumber,
    );
    assert.equal((await h.connect(shop, 'rakuten')).status, 200);
    for (const number of old) assert.equal((await notify(h, number)).status, 200);
    await h.side.syncNow(shop, 'rakuten');
    const stored = await h.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).execute();
    assert.equal(stored.length, OLD_OPEN_THREADS);
  });
  after(async () => h.close());

  const calls = () => h.rakuten.control.calls({ shopId: RAKUTEN_SHOP });
  const lists = () => calls().filter((c) => c.fn === 'inquirymngapi.inquiries.get');

  test('during the listing: the inquiry it names is fetched before the next page', async () => {
    const named = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '今井 通知', message: '注文を変更できますか', regDate: daysAgo(40) }).inquiryNumber;
    const listsBefore = lists().length;
    const run = h.side.syncNow(shop, 'rakuten');
    assert.ok(await waitFor(async () => lists().length >= listsBefore + 3, 5000), 'the run is listing');
    // inside the account's spacing before the next page: the run has already asked itself whether
    // anything is wanted, and must ask again when the call is due
    await new Promise((resolve) => setTimeout(resolve, SPACING_MS / 3));
    assert.equal((await notify(h, named)).status, 200);
    const notifiedAt = calls().length;
    const result = await run;
    assert.equal(result?.ok, true, JSON.stringify(result?.error));
    const log = calls();
    const fetched = log.findIndex((c) => c.fn === 'inquirymngapi.inquiry.get' && c.path.includes(named));
    const lastList = log.map((c) => c.fn).lastIndexOf('inquirymngapi.inquiries.get');
    assert.ok(fetched >= 0, 'fetched by number');
    assert.ok(fetched < lastList, `fetched between two pages of the listing (call ${fetched}, last page call ${lastList})`);
    assert.deepEqual(log.slice(notifiedAt, fetched).map((c) => c.fn), [], 'the next call the run made was the fetch');
    assert.ok(await h.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).where('mall_inquiry_id', '=', named).executeTakeFirst());
  });

  test('during the refresh of old threads: the inquiry it names is stored before the run ends', async () => {
    const named = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '新井 通知', message: '至急確認をお願いします', regDate: daysAgo(40) }).inquiryNumber;
    const callsBefore = calls().length;
    const listsBefore = lists().length;
    let runEnded = false;
    const run = h.side.syncNow(shop, 'rakuten').finally(() => (runEnded = true));
    // the listing is over (no list call for SPACING_MS × 2) and the old threads are being refreshed
    assert.ok(
      await waitFor(async () => {
        const log = calls().slice(callsBefore);
        const last = log.at(-1);
        return lists().length > listsBefore && last?.fn === 'inquirymngapi.inquiry.get' && log.filter((c) => c.fn === 'inquirymngapi.inquiry.get').length >= 2;
      }, 10_000),
      'the run is refreshing old threads',
    );
    const notifiedAt = Date.now();
    assert.equal((await notify(h, named)).status, 200);
    const stored = await waitFor(
      async () => h.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).where('mall_inquiry_id', '=', named).executeTakeFirst(),
      10_000,
    );
    const waited = Date.now() - notifiedAt;
    assert.ok(stored, 'stored');
    assert.equal(runEnded, false, `stored while the run still had old threads to refresh (after ${waited} ms)`);
    const result = await run;
    assert.equal(result?.ok, true, JSON.stringify(result?.error));
    // and the run went on: every old thread refreshed, the queue empty
    assert.ok(calls().filter((c, i) => i >= callsBefore && c.fn === 'inquirymngapi.inquiry.get').length >= OLD_OPEN_THREADS + 1);
    const account = await h.db.selectFrom('mall_accounts').select('sync_state').where('shop_id', '=', shop).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(account.sync_state).queued, []);
  });
});
