/**
 * Text a database cannot hold, cleaned at the client edge: a customer message with U+0000 (refused by
 * PostgreSQL) or a lone surrogate is stored without them, everything else kept exactly, and the
 * account's later messages still arrive (both malls, SQLite and PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { storableText } from '../../../server/malls/storable-text.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_SHOP, SELLER_ID, type MallHarness } from './support.ts';

function daysAgo(days: number): Date {
  return new Date(Math.floor((Date.now() - days * DAY) / 1000) * 1000);
}

async function bodiesOf(h: MallHarness, shop: string, mallInquiryId: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom('messages')
    .innerJoin('inquiries', 'inquiries.id', 'messages.inquiry_id')
    .select('messages.body')
    .where('inquiries.shop_id', '=', shop)
    .where('inquiries.mall_inquiry_id', '=', mallInquiryId)
    .orderBy('messages.sent_at')
    .execute();
  return rows.map((r) => r.body);
}

test('storableText removes NUL and lone surrogates only', () => {
  assert.equal(storableText('a\u0000b'), 'ab');
  assert.equal(storableText('x\uD800y\uDC00z'), 'xyz');
  const kept = '絵文字😀 tab\t改行\n\u200B\uFEFF\u0001 end';
  assert.equal(storableText(kept), kept);
});

forEachDatabase('text from a mall that a database cannot hold', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  test('a Rakuten customer message with U+0000 is stored without it; later messages still arrive', async () => {
    const shop = newShopId();
    const inquiry = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '山田\u0000 花子',
      message: '商品が\u0000届きません\uD800。',
      regDate: daysAgo(1),
    });
    assert.equal((await h.connect(shop, 'rakuten')).status, 200);
    const first = await h.side.syncNow(shop, 'rakuten');
    assert.equal(first?.ok, true, JSON.stringify(first?.error));
    assert.deepEqual(await bodiesOf(h, shop, inquiry.inquiryNumber), ['商品が届きません。']);

    h.rakuten.control.addCustomerMessage(inquiry.inquiryNumber, { message: 'まだですか？\u0000', notify: false });
    const second = await h.side.syncNow(shop, 'rakuten');
    assert.equal(second?.ok, true, JSON.stringify(second?.error));
    assert.deepEqual(await bodiesOf(h, shop, inquiry.inquiryNumber), ['商品が届きません。', 'まだですか？']);
    const health = (await (await h.request(shop, '/api/v1/malls')).json()) as { items: { mall: string; health: string }[] };
    assert.equal(health.items.find((a) => a.mall === 'rakuten')?.health, 'ok');
  });

  test('a Yahoo! customer message with U+0000 is stored without it; later messages still arrive', async () => {
    const shop = newShopId();
    const topicId = h.yahoo.control.addTopic(SELLER_ID, {
      title: '配送\u0000について',
      messages: [{ from: 'customer', body: 'いつ\u0000届きますか？', at: daysAgo(1) }],
    });
    assert.equal((await h.connect(shop, 'yahoo')).status, 200);
    const first = await h.side.syncNow(shop, 'yahoo');
    assert.equal(first?.ok, true, JSON.stringify(first?.error));
    assert.deepEqual(await bodiesOf(h, shop, topicId), ['いつ届きますか？']);
    const stored = await h.db.selectFrom('inquiries').select('subject').where('shop_id', '=', shop).where('mall_inquiry_id', '=', topicId).executeTakeFirstOrThrow();
    assert.equal(stored.subject, '配送について');

    h.yahoo.control.addCustomerMessage(SELLER_ID, topicId, { body: '\u0000追伸です。' });
    const second = await h.side.syncNow(shop, 'yahoo');
    assert.equal(second?.ok, true, JSON.stringify(second?.error));
    assert.deepEqual(await bodiesOf(h, shop, topicId), ['いつ届きますか？', '追伸です。']);
  });
});
