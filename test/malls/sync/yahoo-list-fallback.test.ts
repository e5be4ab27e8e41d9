/**
 * Yahoo!'s list filters (requestFilter, dateType, startDate, endDate) refused by the mall: the client
 * falls back to start/result paging newest first, the sync still brings every topic (more than one page),
 * later customer posts still arrive, and the account's health records the fallback.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MallAccountList } from '../../../shared/api.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, SELLER_ID, type MallHarness } from './support.ts';

const MINUTE = 60 * 1000;

async function yahooAccount(h: MallHarness, shop: string) {
  const list = (await (await h.request(shop, '/api/v1/malls')).json()) as MallAccountList;
  return list.items.find((a) => a.mall === 'yahoo')!;
}

forEachDatabase('Yahoo! list filters refused', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  test('with the switch on, a sync still brings every topic and the health records the fallback', async () => {
    const shop = newShopId();
    const now = Date.now();
    for (let i = 0; i < 25; i++) {
      h.yahoo.control.addTopic(SELLER_ID, {
        title: `在庫について ${i + 1}`,
        messages: [{ from: 'customer', body: `${i + 1}番目の問い合わせです。`, at: new Date(now - (i + 1) * 37 * MINUTE) }],
      });
    }
    const switched = await h.yahoo.fetch('http://yahoo.sim.test/_sim/list-filters', { method: 'PUT', body: JSON.stringify({ refused: true }) });
    assert.deepEqual(await switched.json(), { refused: true });

    assert.equal((await h.connect(shop, 'yahoo')).status, 200);
    h.yahoo.control.clearRequests(SELLER_ID);
    const run = await h.side.syncNow(shop, 'yahoo');
    assert.equal(run?.ok, true, JSON.stringify(run?.error));

    const expected = h.yahoo.control.topics(SELLER_ID).map((t) => t.topicId).sort();
    assert.ok(expected.length > 20);
    const stored = await h.db.selectFrom('inquiries').select('mall_inquiry_id').where('shop_id', '=', shop).where('mall', '=', 'yahoo').execute();
    assert.deepEqual(stored.map((r) => r.mall_inquiry_id).sort(), expected);

    // the refused call, then pages of the plain form only
    const lists = h.yahoo.control.requests(SELLER_ID).filter((r) => r.endpoint === 'externalTalkList');
    assert.equal(lists[0]?.status, 400);
    assert.ok(lists.slice(1).length >= 2, 'more than one page');
    assert.ok(lists.slice(1).every((r) => r.status === 200));

    const account = await yahooAccount(h, shop);
    assert.equal(account.health, 'ok');
    assert.deepEqual(account.notes?.map((n) => n.code), ['yahoo_list_filters_refused']);

    // later customer posts still arrive
    const topicId = expected[0]!;
    h.yahoo.control.addCustomerMessage(SELLER_ID, topicId, { body: '追加の質問です。' });
    const again = await h.side.syncNow(shop, 'yahoo');
    assert.equal(again?.ok, true, JSON.stringify(again?.error));
    assert.ok((again?.newMessages ?? 0) >= 1);
    const thread = await h.db
      .selectFrom('messages')
      .innerJoin('inquiries', 'inquiries.id', 'messages.inquiry_id')
      .select('messages.body')
      .where('inquiries.shop_id', '=', shop)
      .where('inquiries.mall_inquiry_id', '=', topicId)
      .execute();
    assert.ok(thread.some((m) => m.body === '追加の質問です。'));
  });

  test('with the filters accepted the account has no note', async () => {
    const shop = newShopId();
    h.yahoo.control.setListFiltersRefused(false);
    h.yahoo.control.addTopic(SELLER_ID, { title: '配送について', messages: [{ from: 'customer', body: '届きますか？', at: new Date(Date.now() - DAY) }] });
    assert.equal((await h.connect(shop, 'yahoo')).status, 200);
    const run = await h.side.syncNow(shop, 'yahoo');
    assert.equal(run?.ok, true, JSON.stringify(run?.error));
    assert.deepEqual((await yahooAccount(h, shop)).notes, []);
  });
});
