/**
 * 送信して完了 against both simulators: the inquiry completes only once the mall has the reply, and
 * the completion follows it to the mall; with the mall refusing the reply, nothing is completed and
 * the reply is 送信失敗. A 社内メモ never reaches a mall: the simulators' call logs show no call at all.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { submitReply } from '../../../server/inquiries/inquiries.service.ts';
import { memberToken, requestAs } from '../../server/support/context.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_SHOP, SELLER_ID, type MallHarness } from '../sync/support.ts';
import { rakutenArrivals, yahooArrivals } from './delivery-check.ts';

async function shopWithOne(h: MallHarness) {
  const shop = newShopId();
  const at = new Date(Math.floor((Date.now() - DAY) / 1000) * 1000);
  const number = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '山田 花子', message: '届きません', regDate: at }).inquiryNumber;
  const topic = h.yahoo.control.addTopic(SELLER_ID, { title: '配送', messages: [{ from: 'customer', body: '届きません', at }] });
  await h.connect(shop, 'rakuten');
  await h.connect(shop, 'yahoo');
  await h.side.syncNow(shop, 'rakuten');
  await h.side.syncNow(shop, 'yahoo');
  const rows = await h.db.selectFrom('inquiries').select(['id', 'mall', 'mall_inquiry_id']).where('shop_id', '=', shop).execute();
  return {
    shop,
    rakuten: rows.find((r) => r.mall === 'rakuten' && r.mall_inquiry_id === number)!.id,
    yahoo: rows.find((r) => r.mall === 'yahoo' && r.mall_inquiry_id === topic)!.id,
    number,
    topic,
  };
}

async function runUntilIdle(h: MallHarness) {
  for (let i = 0; i < 10 && (await h.side.worker.runOnce()) > 0; i++) {
    /* the reply, then the completion that waits for it */
  }
}

forEachDatabase('送信して完了 and notes at the malls', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind, { config: { outbox: { pollMs: 10, backoffBaseMs: 5, backoffMaxMs: 50, maxAttempts: 3 } } });
  });
  after(async () => h.close());

  test('the reply is delivered first, then the inquiry completes here and at the mall, on both malls', async () => {
    const { shop, rakuten, yahoo, number, topic } = await shopWithOne(h);
    for (const id of [rakuten, yahoo]) {
      await submitReply({ db: h.db, hub: h.hub, shopId: shop, staff: '担当' }, id, 'ご連絡ありがとうございました。', [], { complete: true });
      const before = await h.db.selectFrom('inquiries').select(['completed', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(before.completed, 0, 'not completed before the mall has the reply');
    }
    await runUntilIdle(h);
    for (const id of [rakuten, yahoo]) {
      const row = await h.db.selectFrom('inquiries').select(['completed', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { completed: 1, status: 'completed' });
    }
    assert.equal(h.rakuten.control.inquiry(number)?.isCompleted, true);
    assert.equal(h.yahoo.control.topic(SELLER_ID, topic)?.isComplete, true);
    assert.equal(rakutenArrivals([h.rakuten.control.inquiry(number)!]).get('ご連絡ありがとうございました。')?.count, 1);
    assert.equal(yahooArrivals([h.yahoo.control.topic(SELLER_ID, topic)!]).get('ご連絡ありがとうございました。')?.count, 1);
  });

  test('with the mall refusing the reply, the inquiry stays open, the reply is 送信失敗, and no completion reaches the mall', async () => {
    const { shop, rakuten, number } = await shopWithOne(h);
    // the mall no longer knows the number: it refuses the reply for good
    await h.db.updateTable('inquiries').set({ mall_inquiry_id: `${RAKUTEN_SHOP}-20200101-0000000x` }).where('id', '=', rakuten).execute();
    const view = await submitReply({ db: h.db, hub: h.hub, shopId: shop, staff: '担当' }, rakuten, '送れない返信', [], { complete: true });
    h.rakuten.control.clearCalls();
    await runUntilIdle(h);
    const message = await h.db.selectFrom('messages').select(['delivery']).where('id', '=', view.id).executeTakeFirstOrThrow();
    assert.equal(message.delivery, 'failed');
    const row = await h.db.selectFrom('inquiries').select(['completed', 'status']).where('id', '=', rakuten).executeTakeFirstOrThrow();
    assert.deepEqual(row, { completed: 0, status: 'needs-reply' });
    const outbox = await h.db.selectFrom('outbox').select(['kind', 'state']).where('inquiry_id', '=', rakuten).orderBy('kind').execute();
    assert.deepEqual(outbox, [
      { kind: 'complete', state: 'failed' },
      { kind: 'reply', state: 'failed' },
    ]);
    assert.ok(!h.rakuten.control.calls().some((c) => c.fn !== null && /complete/i.test(c.fn)), 'no completion call');
    assert.equal(h.rakuten.control.inquiry(number)?.isCompleted, false);
  });

  test('a note never reaches a mall: no outbox row, no call in either simulator\'s log', async () => {
    const { shop, rakuten, yahoo, number, topic } = await shopWithOne(h);
    h.rakuten.control.clearCalls();
    h.yahoo.control.clearRequests(SELLER_ID);
    const token = memberToken(shop, { sub: 'sato', staff: '佐藤 一郎' });
    for (const id of [rakuten, yahoo]) {
      const res = await requestAs(h.app, token, `/api/v1/inquiries/${id}/notes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: '社内メモ：返金は店長確認後' }),
      });
      assert.equal(res.status, 201);
    }
    await runUntilIdle(h);
    assert.equal((await h.db.selectFrom('outbox').select('id').where('shop_id', '=', shop).execute()).length, 0);
    assert.deepEqual(h.rakuten.control.calls(), []);
    assert.deepEqual(h.yahoo.control.requests(SELLER_ID), []);
    assert.equal(rakutenArrivals([h.rakuten.control.inquiry(number)!]).has('社内メモ：返金は店長確認後'), false);
    assert.equal(yahooArrivals([h.yahoo.control.topic(SELLER_ID, topic)!]).has('社内メモ：返金は店長確認後'), false);
  });
});
