/**
 * The outbox worker against both simulators in-process: 200 replies (some with attachments) through
 * 30% random failures and timeouts arrive exactly once; a permanent refusal fails the message with
 * the mall's reason and the retry route sends it again; completions reach the mall; a Yahoo! reopen is
 * refused; a delivered reply is not stored a second time by the next sync.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { submitReply } from '../../../server/inquiries/inquiries.service.ts';
import { countUndelivered } from '../../../server/malls/outbox/outbox.repository.ts';
import { startMallSide } from '../../../server/malls/mall-side.ts';
import { simulatorFetch } from '../../../simulators/yahoo/simulator.ts';
import { PNG_1x1 } from '../rakuten/support.ts';
import {
  createMallHarness,
  DAY,
  forEachDatabase,
  newShopId,
  RAKUTEN_ORIGIN,
  RAKUTEN_SHOP,
  SELLER_ID,
  YAHOO_ORIGIN,
  type MallHarness,
} from '../sync/support.ts';
import { exactlyOnce, rakutenArrivals, yahooArrivals } from './delivery-check.ts';

const FAST_OUTBOX = { leaseMs: 3000, pollMs: 10, backoffBaseMs: 5, backoffMaxMs: 100, maxAttempts: 10_000, batchSize: 20 };

async function waitUntilDelivered(h: MallHarness, shop: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await countUndelivered(h.db, shop)) > 0) {
    if (Date.now() > deadline) throw new Error(`${await countUndelivered(h.db, shop)} outbox rows still undelivered`);
    await sleep(50);
  }
}

/** A shop with `perMall` open inquiries on each mall, synced in. Returns local ids per mall. */
async function shopWithInquiries(h: MallHarness, perMall: number) {
  const shop = newShopId();
  const at = new Date(Math.floor((Date.now() - DAY) / 1000) * 1000);
  const rakutenNumbers = new Set<string>();
  const yahooTopics = new Set<string>();
  for (let i = 0; i < perMall; i++) {
    rakutenNumbers.add(h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '山田 花子', message: `商品について質問 ${i}`, regDate: at }).inquiryNumber);
    yahooTopics.add(h.yahoo.control.addTopic(SELLER_ID, { title: `質問 ${i}`, messages: [{ from: 'customer', body: `配送について ${i}`, at }] }));
  }
  await h.connect(shop, 'rakuten');
  await h.connect(shop, 'yahoo');
  await h.side.syncNow(shop, 'rakuten');
  await h.side.syncNow(shop, 'yahoo');
  const rows = await h.db.selectFrom('inquiries').select(['id', 'mall', 'mall_inquiry_id']).where('shop_id', '=', shop).execute();
  return {
    shop,
    rakuten: rows.filter((r) => r.mall === 'rakuten' && rakutenNumbers.has(r.mall_inquiry_id)).map((r) => r.id),
    yahoo: rows.filter((r) => r.mall === 'yahoo' && yahooTopics.has(r.mall_inquiry_id)).map((r) => r.id),
  };
}

forEachDatabase('outbox worker', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind, { config: { outbox: FAST_OUTBOX }, timeoutMs: 150 });
  });
  after(async () => {
    await h.close();
  });

  test('200 replies, some with attachments, arrive exactly once through 30% failures and timeouts', { timeout: 240_000 }, async () => {
    const { shop, rakuten, yahoo } = await shopWithInquiries(h, 10);
    assert.equal(rakuten.length, 10);
    assert.equal(yahoo.length, 10);
    const expected: { mall: 'rakuten' | 'yahoo'; body: string; files: number }[] = [];
    const ctx = { db: h.db, hub: h.hub, shopId: shop, staff: '担当 花子' };
    for (let i = 0; i < 200; i++) {
      const mall = i % 2 === 0 ? 'rakuten' : 'yahoo';
      const inquiryId = (mall === 'rakuten' ? rakuten : yahoo)[Math.floor(i / 2) % 10]!;
      const body = `お問い合わせありがとうございます。返信 ${kind} #${i}\nよろしくお願いいたします。`;
      const files = i % 10 === 3 ? [{ name: `photo-${i}.png`, bytes: PNG_1x1 }] : [];
      await submitReply(ctx, inquiryId, body, files);
      expected.push({ mall, body, files: files.length });
    }

    // Faults on every call, writes included; half of the failed writes took effect before failing.
    h.rakuten.control.setFaults({ errorRate: 0.25, timeoutRate: 0.05, hangMs: 400, afterEffectShare: 0.5, seed: 42 });
    h.yahoo.control.setFaults({ errorRate: 0.25, timeoutRate: 0.05, hangMs: 400, afterWriteShare: 0.5, seed: 42 });
    h.rakuten.control.clearCalls();
    h.side.worker.start();
    try {
      await waitUntilDelivered(h, shop, 200_000);
    } finally {
      await h.side.worker.stop();
      h.rakuten.control.clearFaults();
      h.yahoo.control.clearFaults();
    }
    const failedCalls = h.rakuten.control.calls().filter((c) => c.fault !== null).length;
    assert.ok(failedCalls > 20, `faults were injected (${failedCalls} Rakuten calls failed)`);

    const rows = await h.db.selectFrom('outbox').select(['state', 'mall_reason']).where('shop_id', '=', shop).execute();
    assert.deepEqual([...new Set(rows.map((r) => r.state))], ['sent'], JSON.stringify(rows.filter((r) => r.state !== 'sent').slice(0, 3)));
    const problems = [
      ...exactlyOnce(expected.filter((e) => e.mall === 'rakuten'), rakutenArrivals(h.rakuten.control.inquiries(RAKUTEN_SHOP))),
      ...exactlyOnce(expected.filter((e) => e.mall === 'yahoo'), yahooArrivals(h.yahoo.control.topics(SELLER_ID))),
    ];
    assert.deepEqual(problems, []);

    const shopMessages = await h.db.selectFrom('messages').select(['delivery', 'mall_message_id']).where('shop_id', '=', shop).where('sender', '=', 'shop').execute();
    assert.equal(shopMessages.length, 200);
    assert.ok(shopMessages.every((m) => m.delivery === 'sent'));
    // the next sync recognises every delivered reply: nothing is stored twice
    await h.side.syncNow(shop, 'rakuten');
    await h.side.syncNow(shop, 'yahoo');
    const afterSync = await h.db.selectFrom('messages').select(['id', 'mall_message_id']).where('shop_id', '=', shop).where('sender', '=', 'shop').execute();
    assert.equal(afterSync.length, 200);
    assert.ok(afterSync.every((m) => m.mall_message_id !== null), 'every delivered reply carries its mall id');
  });

  test('a permanent refusal fails the message with the mall\'s reason; the retry route sends it again', async () => {
    const { shop, rakuten } = await shopWithInquiries(h, 1);
    const inquiry = await h.db.selectFrom('inquiries').select(['mall_inquiry_id']).where('id', '=', rakuten[0]!).executeTakeFirstOrThrow();
    // The mall no longer knows the inquiry number: Rakuten answers 404 to the reply.
    await h.db.updateTable('inquiries').set({ mall_inquiry_id: `${RAKUTEN_SHOP}-20200101-0000000x` }).where('id', '=', rakuten[0]!).execute();
    const view = await submitReply({ db: h.db, hub: h.hub, shopId: shop, staff: '担当' }, rakuten[0]!, '返信テスト（失敗）', []);
    await h.side.worker.runOnce();
    const failed = await h.db.selectFrom('messages').select(['delivery', 'failure_reason']).where('id', '=', view.id).executeTakeFirstOrThrow();
    assert.equal(failed.delivery, 'failed');
    assert.ok(failed.failure_reason && failed.failure_reason.length > 0);
    const row = await h.db.selectFrom('outbox').select(['state', 'mall_reason']).where('message_id', '=', view.id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'failed');
    assert.equal(row.mall_reason, failed.failure_reason);

    // fixed (the inquiry number is right again): the staff presses 再送信
    await h.db.updateTable('inquiries').set({ mall_inquiry_id: inquiry.mall_inquiry_id }).where('id', '=', rakuten[0]!).execute();
    const retry = await h.request(shop, `/api/v1/inquiries/${rakuten[0]}/replies/${view.id}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202);
    await h.side.worker.runOnce();
    const sent = await h.db.selectFrom('messages').select(['delivery', 'mall_message_id']).where('id', '=', view.id).executeTakeFirstOrThrow();
    assert.equal(sent.delivery, 'sent');
    assert.ok(sent.mall_message_id);
    assert.equal(rakutenArrivals([h.rakuten.control.inquiry(inquiry.mall_inquiry_id)!]).get('返信テスト（失敗）')?.count, 1);
  });

  test('completions reach the mall; a Yahoo! reopen is refused', async () => {
    const { shop, rakuten, yahoo } = await shopWithInquiries(h, 1);
    // Yahoo! completes only a topic the store has answered
    await submitReply({ db: h.db, hub: h.hub, shopId: shop, staff: '担当' }, yahoo[0]!, 'ご確認ありがとうございました。', []);
    await h.side.worker.runOnce();
    for (const id of [rakuten[0]!, yahoo[0]!]) {
      const response = await h.request(shop, `/api/v1/inquiries/${id}/complete`, { method: 'POST' });
      assert.equal(response.status, 200);
    }
    await h.side.worker.runOnce();
    const numbers = await h.db.selectFrom('inquiries').select(['id', 'mall', 'mall_inquiry_id']).where('id', 'in', [rakuten[0]!, yahoo[0]!]).execute();
    const rakutenNumber = numbers.find((n) => n.mall === 'rakuten')!.mall_inquiry_id;
    const topicId = numbers.find((n) => n.mall === 'yahoo')!.mall_inquiry_id;
    assert.equal(h.rakuten.control.inquiry(rakutenNumber)?.isCompleted, true);
    assert.equal(h.yahoo.control.topic(SELLER_ID, topicId)?.isComplete, true);
    const rows = await h.db.selectFrom('outbox').select(['kind', 'state']).where('shop_id', '=', shop).where('kind', '=', 'complete').execute();
    assert.deepEqual(rows.map((r) => r.state), ['sent', 'sent']);

    const reopen = await h.request(shop, `/api/v1/inquiries/${yahoo[0]}/reopen`, { method: 'POST' });
    assert.equal(reopen.status, 409);
    assert.equal(((await reopen.json()) as { code: string }).code, 'reopen_not_allowed');
    // a Rakuten reopen goes through to the mall
    assert.equal((await h.request(shop, `/api/v1/inquiries/${rakuten[0]}/reopen`, { method: 'POST' })).status, 200);
    await h.side.worker.runOnce();
    assert.equal(h.rakuten.control.inquiry(rakutenNumber)?.isCompleted, false);
  });

  test('a Yahoo! question the shop never answered completes as 回答不要, since 通常完了 needs a store post', async () => {
    const { shop, yahoo } = await shopWithInquiries(h, 1);
    const response = await h.request(shop, `/api/v1/inquiries/${yahoo[0]}/complete`, { method: 'POST' });
    assert.equal(response.status, 200);
    await h.side.worker.runOnce();
    const { mall_inquiry_id: topicId } = await h.db.selectFrom('inquiries').select('mall_inquiry_id').where('id', '=', yahoo[0]!).executeTakeFirstOrThrow();
    const topic = h.yahoo.control.topic(SELLER_ID, topicId);
    assert.equal(topic?.isComplete, true);
    assert.equal(topic?.completeConditionId, 5);
    const local = await h.db.selectFrom('inquiries').select(['status', 'completed']).where('id', '=', yahoo[0]!).executeTakeFirstOrThrow();
    assert.deepEqual(local, { status: 'completed', completed: 1 });
  });

  test('a completion the mall refuses for good is undone here, so 対応完了 never shows for an open inquiry', async () => {
    const { shop, rakuten } = await shopWithInquiries(h, 1);
    const inquiry = await h.db.selectFrom('inquiries').select('mall_inquiry_id').where('id', '=', rakuten[0]!).executeTakeFirstOrThrow();
    // the mall no longer knows the number: its refusal is permanent
    await h.db.updateTable('inquiries').set({ mall_inquiry_id: `${RAKUTEN_SHOP}-20200101-00000000x` }).where('id', '=', rakuten[0]!).execute();
    assert.equal((await h.request(shop, `/api/v1/inquiries/${rakuten[0]}/complete`, { method: 'POST' })).status, 200);
    await h.side.worker.runOnce();
    const row = await h.db.selectFrom('outbox').select(['state', 'mall_reason']).where('inquiry_id', '=', rakuten[0]!).where('kind', '=', 'complete').executeTakeFirstOrThrow();
    assert.equal(row.state, 'failed');
    assert.ok(row.mall_reason);
    const local = await h.db.selectFrom('inquiries').select(['status', 'completed']).where('id', '=', rakuten[0]!).executeTakeFirstOrThrow();
    assert.deepEqual(local, { status: 'needs-reply', completed: 0 });
    assert.equal(h.rakuten.control.inquiry(inquiry.mall_inquiry_id)?.isCompleted, false);
  });

  test('two workers on one database never deliver the same row twice', { timeout: 120_000 }, async () => {
    const { shop, rakuten, yahoo } = await shopWithInquiries(h, 5);
    const expected: { mall: 'rakuten' | 'yahoo'; body: string; files: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const mall = i % 2 === 0 ? 'rakuten' : 'yahoo';
      const body = `二重送信テスト ${kind} #${i}`;
      await submitReply({ db: h.db, shopId: shop, staff: '担当' }, (mall === 'rakuten' ? rakuten : yahoo)[i % 5]!, body, []);
      expected.push({ mall, body, files: 0 });
    }
    // a second server process on the same database: its own clients, gates and locks
    const second = startMallSide({
      db: h.db,
      config: {
        secretKey: h.secretKey,
        minIntervalMs: 0,
        schedule: false,
        outbox: FAST_OUTBOX,
        endpoints: {
          rakutenBaseUrl: `${RAKUTEN_ORIGIN}${h.rakuten.paths.inquiry}`,
          rakutenLicenseBaseUrl: `${RAKUTEN_ORIGIN}${h.rakuten.paths.license}`,
          rakutenFetch: h.rakuten.fetch,
          yahooBaseUrl: YAHOO_ORIGIN,
          yahooAuthBaseUrl: YAHOO_ORIGIN,
          yahooFetch: simulatorFetch(h.yahoo.app),
          timeoutMs: 150,
        },
      },
    });
    h.rakuten.control.setFaults({ errorRate: 0.2, afterEffectShare: 0.5, seed: 7 });
    h.yahoo.control.setFaults({ errorRate: 0.2, afterWriteShare: 0.5, seed: 7 });
    h.side.worker.start();
    try {
      await waitUntilDelivered(h, shop, 100_000);
    } finally {
      await Promise.all([h.side.worker.stop(), second.stop()]);
      h.rakuten.control.clearFaults();
      h.yahoo.control.clearFaults();
    }
    const problems = [
      ...exactlyOnce(expected.filter((e) => e.mall === 'rakuten'), rakutenArrivals(h.rakuten.control.inquiries(RAKUTEN_SHOP))),
      ...exactlyOnce(expected.filter((e) => e.mall === 'yahoo'), yahooArrivals(h.yahoo.control.topics(SELLER_ID))),
    ];
    assert.deepEqual(problems, []);
  });
});
