import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryDetail } from '../../../shared/api.ts';
import { markMessageFailed, markMessageSent } from '../../../server/inquiries/delivery.ts';
import { recordMallInquiries, recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm } from '../support/fixtures.ts';

const t0 = new Date('2026-11-10T00:00:00Z');
const h = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

describe('recordMallInquiry: storing what a mall holds', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  async function detail(shop: string, id: string): Promise<InquiryDetail> {
    const res = await ctx.request(shop, `/api/v1/inquiries/${id}`);
    assert.equal(res.status, 200);
    return (await res.json()) as InquiryDetail;
  }

  test('a batch is stored in one transaction: all of it, or nothing when one item fails', async () => {
    const shop = newShopId();
    const a = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問A', h(0), 'first')] });
    const b = mallInquiry('yahoo', { messages: [mallMessage('customer', '質問B', h(1), '1'), mallMessage('shop', '回答B', h(2), '2')] });
    const broken = mallInquiry('rakuten', { messages: [{ ...mallMessage('customer', 'x', h(0)), body: undefined as unknown as string }] });
    const none = new Map<string, Uint8Array>();
    await assert.rejects(
      recordMallInquiries(ctx.db, shop, null, [a, broken, b].map((inquiry) => ({ inquiry, files: none }))),
    );
    const count = async () => (await ctx.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).execute()).length;
    assert.equal(await count(), 0, 'the failed batch left nothing behind');

    // the same inquiry twice in one batch, as overlapping list passes may hand it over, is stored once
    const results = await recordMallInquiries(ctx.db, shop, null, [a, b, a].map((inquiry) => ({ inquiry, files: none })));
    assert.deepEqual(results.map((r) => [r.created, r.newMessages]), [[true, 1], [true, 2], [false, 0]]);
    assert.equal(results[0]!.inquiryId, results[2]!.inquiryId);
    assert.equal(await count(), 2);
    assert.equal((await detail(shop, results[1]!.inquiryId)).status, 'replied');
    const again = await recordMallInquiries(ctx.db, shop, null, [a, b].map((inquiry) => ({ inquiry, files: none })));
    assert.deepEqual(again.map((r) => [r.created, r.newMessages]), [[false, 0], [false, 0]]);
  });

  test('the same inquiry twice is stored once', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', {
      messages: [mallMessage('customer', '質問です', h(0), 'first'), mallMessage('shop', '回答です', h(1), 'r1')],
    });
    const first = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const second = await recordMallInquiry(ctx.db, shop, null, inquiry);
    assert.deepEqual([first.created, first.newMessages], [true, 2]);
    assert.deepEqual([second.created, second.newMessages, second.statusChanged], [false, 0, false]);
    assert.equal(second.inquiryId, first.inquiryId);
    const stored = await detail(shop, first.inquiryId);
    assert.equal(stored.messages.length, 2);
    assert.equal(stored.messageCount, 2);
    assert.equal(stored.status, 'replied');
    const rows = await ctx.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop).execute();
    assert.equal(rows.length, 1);
  });

  test('a customer follow-up on a replied inquiry makes it need a reply', async () => {
    const shop = newShopId();
    const messages = [mallMessage('customer', '質問です', h(0), 'first'), mallMessage('shop', '回答です', h(1), 'r1')];
    const inquiry = mallInquiry('rakuten', { messages });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    assert.equal((await detail(shop, inquiryId)).status, 'replied');
    const followUp = { ...inquiry, messages: [...messages, mallMessage('customer', '追加の質問です', h(5), 'r2')] };
    const result = await recordMallInquiry(ctx.db, shop, null, followUp);
    assert.deepEqual([result.created, result.newMessages, result.statusChanged], [false, 1, true]);
    const stored = await detail(shop, inquiryId);
    assert.equal(stored.status, 'needs-reply');
    assert.equal(stored.lastSender, 'customer');
    assert.equal(stored.preview, '追加の質問です');
    assert.equal(stored.lastActivityAt, h(5).toISOString());
    assert.equal(stored.messageCount, 3);
  });

  test('a customer follow-up reopens a completed Rakuten inquiry', async () => {
    const shop = newShopId();
    const messages = [mallMessage('customer', '質問', h(0), 'first'), mallMessage('shop', '回答', h(1), 'r1')];
    const inquiry = mallInquiry('rakuten', { messages, completed: true });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    assert.equal((await detail(shop, inquiryId)).status, 'completed');
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, messages: [...messages, mallMessage('customer', 'まだ届きません', h(9), 'r2')] });
    const stored = await detail(shop, inquiryId);
    assert.equal(stored.status, 'needs-reply');
    assert.equal(stored.completed, false);
  });

  test('a completed Yahoo! inquiry stays completed after a customer follow-up', async () => {
    const shop = newShopId();
    const messages = [mallMessage('customer', '質問', h(0), 'y1'), mallMessage('shop', '回答', h(1), 'y2')];
    const inquiry = mallInquiry('yahoo', { messages, completed: true });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const result = await recordMallInquiry(ctx.db, shop, null, {
      ...inquiry,
      completed: false,
      messages: [...messages, mallMessage('customer', '追加です', h(3), 'y3')],
    });
    assert.equal(result.newMessages, 1);
    const stored = await detail(shop, inquiryId);
    assert.equal(stored.status, 'completed');
    assert.equal(stored.lastSender, 'customer');
    assert.equal(stored.canReopen, false);
    assert.equal(stored.customerName, null);
  });

  test('a completion at the mall is taken over, and only when it changes there', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0), 'first')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    assert.equal((await detail(shop, inquiryId)).status, 'needs-reply');
    const completedThere = await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: true });
    assert.equal(completedThere.statusChanged, true);
    assert.equal((await detail(shop, inquiryId)).status, 'completed');
    // reopened here; the mall still says completed (unchanged there): the local decision stands
    await ctx.db.deleteFrom('outbox').execute();
    const reopen = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/reopen`, { method: 'POST' });
    assert.equal(reopen.status, 200);
    await ctx.db.updateTable('outbox').set({ state: 'sent' }).where('shop_id', '=', shop).execute();
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: true });
    assert.equal((await detail(shop, inquiryId)).status, 'needs-reply');
  });

  test('a complete still on its way to the mall is not undone by a sync', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0), 'first')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: true });
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: false });
    assert.equal((await detail(shop, inquiryId)).status, 'needs-reply');
    const complete = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/complete`, { method: 'POST' });
    assert.equal(complete.status, 200);
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: true });
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, completed: false });
    assert.equal((await detail(shop, inquiryId)).status, 'completed');
  });

  test('attachments are stored with their bytes from the files map', async () => {
    const shop = newShopId();
    const message = mallMessage('customer', '写真を送ります', h(0), 'first');
    message.attachments = [
      { mallKey: 'k1', name: '破損.jpg', contentType: 'image/jpeg', size: 3 },
      { mallKey: 'gone', name: '古い.pdf', contentType: 'application/pdf', size: 10 },
    ];
    const inquiry = mallInquiry('rakuten', { messages: [message] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry, new Map([['k1', new Uint8Array([1, 2, 3])]]));
    const stored = await detail(shop, inquiryId);
    const [present, missing] = stored.messages[0]!.attachments;
    assert.equal(present!.name, '破損.jpg');
    const file = await ctx.request(shop, present!.url);
    assert.equal(file.status, 200);
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), new Uint8Array([1, 2, 3]));
    const gone = await ctx.request(shop, missing!.url);
    assert.equal(gone.status, 404);
  });

  test('markMessageSent stores the mall id, so the next sync does not store the reply twice', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0), 'first')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const res = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: replyForm('回答します') });
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as { message: { id: string; sentAt: string } };
    await markMessageSent(ctx.db, shop, message.id, 'reply-77');
    await recordMallInquiry(ctx.db, shop, null, {
      ...inquiry,
      messages: [...inquiry.messages, mallMessage('shop', '回答します', new Date(message.sentAt), 'reply-77')],
    });
    const stored = await detail(shop, inquiryId);
    assert.equal(stored.messages.length, 2);
    assert.equal(stored.messages[1]!.delivery, 'sent');
    assert.equal(stored.status, 'replied');
  });

  test('markMessageFailed marks the reply failed and the customer still waits for an answer', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0), 'first')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const res = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: replyForm('回答') });
    const { message } = (await res.json()) as { message: { id: string } };
    assert.equal((await detail(shop, inquiryId)).status, 'replied');
    await markMessageFailed(ctx.db, shop, message.id, '本文に使用できない文字が含まれています');
    const stored = await detail(shop, inquiryId);
    assert.equal(stored.messages[1]!.delivery, 'failed');
    assert.equal(stored.messages[1]!.failureReason, '本文に使用できない文字が含まれています');
    assert.equal(stored.status, 'needs-reply');
  });
});
