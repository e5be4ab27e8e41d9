/**
 * The sync engine against both simulators: idempotent runs, follow-ups and the status rules, the
 * Rakuten 30-day visibility rule with its notification path and the old-thread refresh, the Yahoo!
 * name rule.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InquiryDetail, InquiryPage } from '../../../shared/api.ts';
import { PNG_1x1 } from '../rakuten/support.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_SHOP, SELLER_ID, snapshot, type MallHarness } from './support.ts';

/** Whole seconds, as the malls keep them (a window boundary falls on a whole second). */
function daysAgo(days: number): Date {
  return new Date(Math.floor((Date.now() - days * DAY) / 1000) * 1000);
}

async function inquiryByMallId(h: MallHarness, shop: string, mallInquiryId: string) {
  return h.db.selectFrom('inquiries').selectAll().where('shop_id', '=', shop).where('mall_inquiry_id', '=', mallInquiryId).executeTakeFirst();
}

forEachDatabase('sync engine', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  test('a sync run twice stores every inquiry, message and attachment once (both malls)', async () => {
    const shop = newShopId();
    const file = h.rakuten.control.addFile(RAKUTEN_SHOP, { label: 'photo.png', contentType: 'image/png', bytes: PNG_1x1 });
    const withFile = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '山田 花子',
      message: '届いた商品に傷がありました。写真を添付します。',
      regDate: daysAgo(3),
      orderNumber: `${RAKUTEN_SHOP}-20261120-0000123`,
      attachments: [file],
      replies: [{ message: 'ご迷惑をおかけしております。確認いたします。', from: 'merchant', at: daysAgo(2) }],
    });
    h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '佐藤 一郎', message: '在庫はありますか？', regDate: daysAgo(1) });
    h.yahoo.control.addTopic(SELLER_ID, {
      title: '配送日について',
      orderId: `${SELLER_ID}-10000021`,
      messages: [
        { from: 'customer', body: '配送日を指定できますか？', at: daysAgo(2), files: [{ name: 'memo.png', bytes: PNG_1x1 }] },
        { from: 'shop', body: '指定できます。', at: daysAgo(1) },
      ],
    });

    assert.equal((await h.connect(shop, 'rakuten')).status, 200);
    assert.equal((await h.connect(shop, 'yahoo')).status, 200);
    const first = [await h.side.syncNow(shop, 'rakuten'), await h.side.syncNow(shop, 'yahoo')];
    for (const run of first) assert.equal(run?.ok, true, JSON.stringify(run?.error));
    const once = await snapshot(h.db, shop);
    const rakutenCount = h.rakuten.control.inquiries(RAKUTEN_SHOP).length;
    const yahooCount = h.yahoo.control.topics(SELLER_ID).length;
    assert.equal(once.inquiries.length, rakutenCount + yahooCount);
    assert.equal(once.attachments.length, 2);

    const stored = await inquiryByMallId(h, shop, withFile.inquiryNumber);
    assert.equal(stored?.status, 'replied');
    assert.equal(stored?.message_count, 2);
    const bytes = await h.db.selectFrom('attachments').select('data').where('shop_id', '=', shop).where('name', '=', 'photo.png').executeTakeFirstOrThrow();
    assert.deepEqual(new Uint8Array(bytes.data!), PNG_1x1);

    const downloadsBefore = h.rakuten.control.calls({ fn: 'inquirymngapi.attachment.get' as never }).length;
    const second = [await h.side.syncNow(shop, 'rakuten'), await h.side.syncNow(shop, 'yahoo')];
    for (const run of second) {
      assert.equal(run?.ok, true);
      assert.equal(run?.created, 0);
      assert.equal(run?.newMessages, 0);
    }
    const twice = await snapshot(h.db, shop);
    assert.deepEqual(twice.messages.map((m) => m.id), once.messages.map((m) => m.id));
    assert.deepEqual(twice.attachments, once.attachments);
    assert.deepEqual(
      twice.inquiries.map((i) => [i.id, i.status, i.message_count]),
      once.inquiries.map((i) => [i.id, i.status, i.message_count]),
    );
    // attachments of stored messages are not downloaded again
    assert.equal(h.rakuten.control.calls({ fn: 'inquirymngapi.attachment.get' as never }).length, downloadsBefore);

    const accounts = (await (await h.request(shop, '/api/v1/malls')).json()) as { items: { mall: string; health: string; lastSyncAt: string | null }[] };
    for (const account of accounts.items) {
      assert.equal(account.health, 'ok');
      assert.ok(account.lastSyncAt);
    }
  });

  test('a customer follow-up on a replied inquiry makes it need a reply; a completed Yahoo! one stays completed', async () => {
    const shop = newShopId();
    const replied = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '田中 美咲',
      message: 'ラッピングは可能ですか？',
      regDate: daysAgo(2),
      replies: [{ message: '可能です。', from: 'merchant', at: daysAgo(1) }],
    });
    const answered = h.yahoo.control.addTopic(SELLER_ID, {
      title: 'サイズについて',
      messages: [
        { from: 'customer', body: 'Mサイズの着丈を教えてください。', at: daysAgo(2) },
        { from: 'shop', body: '68cmです。', at: daysAgo(1) },
      ],
    });
    const completed = h.yahoo.control.addTopic(SELLER_ID, {
      title: '領収書について',
      messages: [
        { from: 'customer', body: '領収書は発行できますか？', at: daysAgo(3) },
        { from: 'shop', body: '発行できます。', at: daysAgo(2) },
      ],
      completedWith: 1,
    });
    await h.connect(shop, 'rakuten');
    await h.connect(shop, 'yahoo');
    await h.side.syncNow(shop, 'rakuten');
    await h.side.syncNow(shop, 'yahoo');
    assert.equal((await inquiryByMallId(h, shop, replied.inquiryNumber))?.status, 'replied');
    assert.equal((await inquiryByMallId(h, shop, answered))?.status, 'replied');
    assert.equal((await inquiryByMallId(h, shop, completed))?.status, 'completed');

    h.rakuten.control.addCustomerMessage(replied.inquiryNumber, { message: '追加でもう1点お願いできますか？', notify: false });
    h.yahoo.control.addCustomerMessage(SELLER_ID, answered, { body: 'Lサイズはどうですか？' });
    h.yahoo.control.addCustomerMessage(SELLER_ID, completed, { body: 'ありがとうございました。' });
    const rakutenRun = await h.side.syncNow(shop, 'rakuten');
    const yahooRun = await h.side.syncNow(shop, 'yahoo');
    assert.equal(rakutenRun?.statusChanged, 1);
    assert.ok((yahooRun?.newMessages ?? 0) >= 2);

    const flipped = await inquiryByMallId(h, shop, replied.inquiryNumber);
    assert.equal(flipped?.status, 'needs-reply');
    assert.equal(flipped?.message_count, 3);
    assert.equal((await inquiryByMallId(h, shop, answered))?.status, 'needs-reply');
    const stays = await inquiryByMallId(h, shop, completed);
    assert.equal(stays?.status, 'completed');
    assert.equal(stays?.message_count, 3);
  });

  test('the Rakuten 30-day rule hides an old inquiry from the list; its notification brings it in', async () => {
    const shop = newShopId();
    const old = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '鈴木 健',
      message: '先月購入した商品の保証について教えてください。',
      regDate: daysAgo(45),
      replies: [{ message: '1年保証です。', from: 'merchant', at: daysAgo(44) }],
    });
    await h.connect(shop, 'rakuten');
    const run = await h.side.syncNow(shop, 'rakuten');
    assert.equal(run?.ok, true);
    assert.equal(await inquiryByMallId(h, shop, old.inquiryNumber), undefined, 'the list hides inquiries older than 30 days');

    // the customer writes again; the mall notifies (問い合わせユーザアクション通知) once the shop approved it
    h.rakuten.control.setUserActionNotificationApproved(RAKUTEN_SHOP, true);
    h.rakuten.control.addCustomerMessage(old.inquiryNumber, { message: '保証書を紛失した場合はどうなりますか？', notify: false });
    h.rakuten.control.setUserActionNotificationApproved(RAKUTEN_SHOP, false);
    const delivery = await h.rakuten.control.sendUserActionNotification(RAKUTEN_SHOP, { inquiryNumber: old.inquiryNumber, actionType: 'userReply' });
    assert.equal(delivery.httpStatus, 200);
    assert.equal(delivery.resultCode, 'N-000-000');
    // the webhook asked for a run; another request joins the queue behind it
    await h.side.syncNow(shop, 'rakuten');
    const stored = await inquiryByMallId(h, shop, old.inquiryNumber);
    assert.ok(stored, 'fetched by number after the notification');
    assert.equal(stored.status, 'needs-reply');
    assert.equal(stored.message_count, 3);
    const account = await h.db.selectFrom('mall_accounts').select('sync_state').where('shop_id', '=', shop).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(account.sync_state).queued, [], 'the queue is emptied once fetched');
  });

  test('once approved, the first (deep) run lists old inquiries; a follow-up on an old open thread is caught by the per-run refresh', async () => {
    const shop = newShopId();
    h.rakuten.control.setUserActionNotificationApproved(RAKUTEN_SHOP, true);
    const old = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '高橋 直子',
      message: '2か月前の注文の返品はできますか？',
      regDate: daysAgo(60),
      replies: [{ message: '返品は到着後8日以内です。', from: 'merchant', at: daysAgo(59) }],
    });
    try {
      await h.connect(shop, 'rakuten');
      await h.side.syncNow(shop, 'rakuten');
      assert.equal((await inquiryByMallId(h, shop, old.inquiryNumber))?.status, 'replied');
    } finally {
      h.rakuten.control.setUserActionNotificationApproved(RAKUTEN_SHOP, false);
    }
    // no notification reaches us, and the list no longer shows it: the old-open refresh must catch it
    h.rakuten.control.addCustomerMessage(old.inquiryNumber, { message: '承知しました。ありがとうございます。', notify: false });
    const run = await h.side.syncNow(shop, 'rakuten');
    assert.equal(run?.ok, true);
    assert.equal((await inquiryByMallId(h, shop, old.inquiryNumber))?.status, 'needs-reply');
  });

  test('a Yahoo! inquiry never shows a customer name', async () => {
    const shop = newShopId();
    const topicId = h.yahoo.control.addTopic(SELLER_ID, {
      title: '商品の色について',
      userMaskedId: 'yo***',
      messages: [{ from: 'customer', body: '実物の色は写真と同じですか？' }],
    });
    await h.connect(shop, 'yahoo');
    await h.side.syncNow(shop, 'yahoo');
    const page = (await (await h.request(shop, '/api/v1/inquiries?mall=yahoo')).json()) as InquiryPage;
    assert.ok(page.items.length > 0);
    for (const item of page.items) assert.equal(item.customerName, null);
    const row = await inquiryByMallId(h, shop, topicId);
    assert.ok(row);
    assert.equal(row.customer_name, null);
    const detailResponse = await h.request(shop, `/api/v1/inquiries/${row.id}`);
    const text = await detailResponse.text();
    const detail = JSON.parse(text) as InquiryDetail;
    assert.equal(detail.customerName, null);
    assert.ok(!text.includes('yo***'), 'not even the masked id is shown as a name');
  });
});
