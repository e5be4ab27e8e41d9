/** The schedule: every account synced on its interval; requests during a run fold into one more run. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMallHarness, forEachDatabase, newShopId, RAKUTEN_SHOP, SELLER_ID, type MallHarness } from './support.ts';

forEachDatabase('sync schedule', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind, { config: { schedule: true, sync: { intervalMs: 100 } } });
  });
  after(async () => {
    await h.close();
  });

  test('new inquiries arrive on the schedule, on both malls, without being asked', { timeout: 60_000 }, async () => {
    const shop = newShopId();
    await h.connect(shop, 'rakuten');
    await h.connect(shop, 'yahoo');
    const number = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '岡田 翼', message: 'スケジュール同期の確認です。' }).inquiryNumber;
    const topicId = h.yahoo.control.addTopic(SELLER_ID, { title: '定期同期', messages: [{ from: 'customer', body: 'スケジュール同期の確認です。' }] });
    const deadline = Date.now() + 30_000;
    const arrived = async () =>
      (await h.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).where('mall_inquiry_id', 'in', [number, topicId]).execute()).length;
    while ((await arrived()) < 2 && Date.now() < deadline) await sleep(50);
    assert.equal(await arrived(), 2);
  });

  test('requests during a run join one queued run', async () => {
    const shop = newShopId();
    await h.connect(shop, 'rakuten');
    const account = await h.db.selectFrom('mall_accounts').select('id').where('shop_id', '=', shop).executeTakeFirstOrThrow();
    const first = h.side.scheduler.request(account.id);
    const more = [1, 2, 3, 4].map(() => h.side.scheduler.request(account.id));
    // whether or not a run was already going (the schedule ticks too), five requests make at most one
    // running and one queued run
    assert.equal(new Set(more).size, 1, 'one queued run for every request made while one runs');
    assert.ok(new Set([first, ...more]).size <= 2);
    const results = await Promise.all([first, ...more]);
    assert.ok(results.every((r) => r?.ok));
  });
});
