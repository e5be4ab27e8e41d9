/**
 * Contract tests: every RakutenClient call against the simulator, and the mapping into mall-model.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import { esaAuthorization } from '../../../server/malls/rakuten/client.ts';
import { DAY, LICENSE_KEY, PNG_1x1, SHOP_ID, T0, collect, harness } from './support.ts';

describe('Rakuten client: auth header', () => {
  it('encodes serviceSecret:licenseKey as the documented ESA example', () => {
    assert.equal(esaAuthorization('aaa', 'bbb'), 'ESA YWFhOmJiYg==');
  });

  it('refuses keys longer than 50 characters before calling', async () => {
    const h = harness();
    const client = h.makeClient({ licenseKey: 'x'.repeat(51) });
    await assert.rejects(() => client.get(`${SHOP_ID}-20261120-00000001a`), (e: unknown) => e instanceof MallError && e.kind === 'auth');
    assert.equal(h.sim.control.calls().length, 0);
  });
});

describe('Rakuten client: list', () => {
  it('maps each inquiry with its full thread into the product model', async () => {
    const h = harness();
    const file = h.sim.control.addFile(SHOP_ID, { label: '破損写真.png', contentType: 'image/png', bytes: PNG_1x1 });
    const added = h.sim.control.addInquiry(SHOP_ID, {
      userName: '山田 花子',
      message: '箱が潰れて届きました。',
      regDate: new Date(T0.getTime() - 2 * DAY),
      type: '受注問い合わせ',
      category: '返品交換・キャンセル',
      orderNumber: `${SHOP_ID}-20261118-0000123`,
      itemName: '今治タオル',
      attachments: [file],
      replies: [
        { message: 'ご迷惑をおかけしております。', from: 'merchant', at: new Date(T0.getTime() - DAY) },
        { message: '交換をお願いします。', from: 'user', at: new Date(T0.getTime() - 3600_000) },
      ],
    });
    const inquiries = await collect(h.client.list({ from: new Date(T0.getTime() - 10 * DAY), to: T0 }));
    assert.equal(inquiries.length, 1);
    const inquiry = inquiries[0]!;
    assert.equal(inquiry.mall, 'rakuten');
    assert.equal(inquiry.mallInquiryId, added.inquiryNumber);
    assert.equal(inquiry.orderId, `${SHOP_ID}-20261118-0000123`);
    assert.equal(inquiry.customerName, '山田 花子');
    assert.equal(inquiry.itemName, '今治タオル');
    assert.equal(inquiry.subject, '【受注問い合わせ】返品交換・キャンセル 今治タオル');
    assert.equal(inquiry.createdAt.getTime(), T0.getTime() - 2 * DAY);
    assert.equal(inquiry.updatedAt.getTime(), T0.getTime() - 3600_000);
    assert.equal(inquiry.completed, false);
    assert.deepEqual(
      inquiry.messages.map((m) => [m.mallMessageId, m.sender, m.body]),
      [
        ['first', 'customer', '箱が潰れて届きました。'],
        ['0', 'shop', 'ご迷惑をおかけしております。'],
        ['1', 'customer', '交換をお願いします。'],
      ],
    );
    assert.equal(inquiry.messages[0]!.attachments.length, 1);
    assert.equal(inquiry.messages[0]!.attachments[0]!.name, '破損写真.png');
    assert.equal(inquiry.messages[0]!.attachments[0]!.contentType, 'image/png');
  });

  it('asks in JST windows without offset, each within 31 days, with limit 100', async () => {
    const h = harness();
    await collect(h.client.list({ from: new Date(T0.getTime() - 75 * DAY), to: T0 }));
    const listCalls = h.sim.control.calls({ fn: 'inquirymngapi.inquiries.get' });
    assert.equal(listCalls.length, 3);
    assert.ok(listCalls.every((c) => c.status === 200));
  });

  it('pages through more than one page and returns every inquiry once', async () => {
    const h = harness();
    for (let i = 0; i < 250; i++) {
      h.sim.control.addInquiry(SHOP_ID, { userName: `客 ${i}`, message: `問い合わせ ${i}`, regDate: new Date(T0.getTime() - i * 60_000) });
    }
    const inquiries = await collect(h.client.list({ from: new Date(T0.getTime() - 5 * DAY), to: T0 }));
    assert.equal(inquiries.length, 250);
    assert.equal(new Set(inquiries.map((i) => i.mallInquiryId)).size, 250);
    assert.equal(h.sim.control.calls({ fn: 'inquirymngapi.inquiries.get' }).length, 3);
  });

  it('slices a window holding more than the 10,000-row depth into smaller ones', async () => {
    const h = harness({}, { settings: { rakutenListPageSize: 100, rakutenListMaxDepth: 10_000 } });
    for (let i = 0; i < 10_050; i++) {
      h.sim.control.addInquiry(SHOP_ID, {
        inquiryNumber: `${SHOP_ID}-20261120-${String(i).padStart(8, '0')}a`,
        userName: '客',
        message: 'x',
        regDate: new Date(T0.getTime() - i * 10_000),
      });
    }
    const inquiries = await collect(h.client.list({ from: new Date(T0.getTime() - 2 * DAY), to: T0 }));
    assert.equal(inquiries.length, 10_050);
    assert.equal(new Set(inquiries.map((i) => i.mallInquiryId)).size, 10_050);
    // no call was refused for going past the depth
    assert.ok(h.sim.control.calls().every((c) => c.status === 200));
  });

  it('listPage answers one page as the API does', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.sim.control.addInquiry(SHOP_ID, { userName: '客', message: `m${i}`, regDate: new Date(T0.getTime() - i * 1000) });
    const page = await h.client.listPage({ from: new Date(T0.getTime() - DAY), to: T0, page: 2, limit: 2 });
    assert.equal(page.totalCount, 5);
    assert.equal(page.totalPageCount, 3);
    assert.equal(page.page, 2);
    assert.deepEqual(page.inquiries.map((i) => i.messages[0]!.body), ['m2', 'm3']);
  });

  it('a deleted message is kept with an empty body and no attachments', async () => {
    const h = harness();
    const file = h.sim.control.addFile(SHOP_ID, { label: 'a.png', contentType: 'image/png', bytes: PNG_1x1 });
    const added = h.sim.control.addInquiry(SHOP_ID, {
      userName: '佐藤 太郎',
      message: '不適切な内容',
      attachments: [file],
      replies: [{ message: 'ご連絡ありがとうございます', from: 'merchant' }],
    });
    h.sim.control.deleteMessage(added.inquiryNumber, 'first');
    const inquiry = await h.client.get(added.inquiryNumber);
    assert.equal(inquiry!.messages.length, 2);
    assert.equal(inquiry!.messages[0]!.body, '');
    assert.deepEqual(inquiry!.messages[0]!.attachments, []);
  });
});

describe('Rakuten client: get and counts', () => {
  it('gets one inquiry; an unknown or malformed number is null', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: '鈴木 一郎', message: '在庫はありますか', itemName: '煎茶' });
    const inquiry = await h.client.get(added.inquiryNumber);
    assert.equal(inquiry!.mallInquiryId, added.inquiryNumber);
    assert.equal(inquiry!.subject, '【商品問い合わせ】煎茶');
    assert.equal(await h.client.get(`${SHOP_ID}-20260101-99999999z`), null);
    assert.equal(await h.client.get('bad/number'), null);
  });

  it('counts over windows, with and without noMerchantReply', async () => {
    const h = harness();
    h.sim.control.addInquiry(SHOP_ID, { userName: 'a', message: '1', regDate: new Date(T0.getTime() - DAY) });
    h.sim.control.addInquiry(SHOP_ID, {
      userName: 'b',
      message: '2',
      regDate: new Date(T0.getTime() - 2 * DAY),
      replies: [{ message: '回答', from: 'merchant' }],
    });
    h.sim.control.setUserActionNotificationApproved(SHOP_ID, true);
    h.sim.control.addInquiry(SHOP_ID, { userName: 'c', message: '3', regDate: new Date(T0.getTime() - 45 * DAY) });
    // 59 days: two 30-day windows per count
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - 59 * DAY), to: T0 }), 3);
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - 59 * DAY), to: T0 }, { noMerchantReply: true }), 2);
    assert.equal(h.sim.control.calls({ fn: 'inquirymngapi.counts.get' }).length, 4);
  });
});

describe('Rakuten client: replies and attachments', () => {
  it('posts a reply with the shopId from the inquiry number, as a string by default', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: '田中 陽子', message: '発送はいつですか' });
    const result = await h.client.postReply(added.inquiryNumber, '本日発送いたしました。\nhttps://www.rakuten.co.jp/ をご覧ください。', []);
    assert.deepEqual(result, { mallMessageId: null });
    const stored = h.sim.control.inquiry(added.inquiryNumber)!;
    assert.equal(stored.replies.length, 1);
    assert.equal(stored.replies[0]!.replyFrom, 'merchant');
    assert.equal(stored.replies[0]!.id, 0);
    const thread = await h.client.get(added.inquiryNumber);
    assert.equal(thread!.messages.at(-1)!.sender, 'shop');
    assert.equal(thread!.messages.at(-1)!.mallMessageId, '0');
  });

  it('sends shopId as a number when rakutenReplyShopIdAsString is false, and the simulator can insist on either form', async () => {
    const h = harness({ behaviour: { replyShopIdForm: 'string' } });
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    const numeric = h.makeClient({ settings: { rakutenReplyShopIdAsString: false } });
    await assert.rejects(
      () => numeric.postReply(added.inquiryNumber, 'お待たせしました', []),
      (e: unknown) => e instanceof MallError && e.kind === 'rejected' && /shopId/.test(e.message),
    );
    h.sim.control.setBehaviour({ replyShopIdForm: 'number' });
    await numeric.postReply(added.inquiryNumber, 'お待たせしました', []);
    assert.equal(h.sim.control.inquiry(added.inquiryNumber)!.replies.length, 1);
  });

  it('uploads with the multipart field `file`, replies with it, and downloads it by path and label', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: '伊藤 誠', message: '領収書をください' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n% 領収書\n%%EOF\n');
    const uploaded = await h.client.uploadAttachment(added.inquiryNumber, { name: '領収書.pdf', contentType: 'application/pdf', bytes: pdf });
    assert.equal(uploaded.name, '領収書.pdf');
    assert.equal(uploaded.contentType, 'application/pdf');
    const key = JSON.parse(uploaded.mallKey) as { path: string; label: string };
    assert.match(key.path, new RegExp(`^2026/11/20/${SHOP_ID}/120000_[0-9a-f]{32}$`));
    await h.client.postReply(added.inquiryNumber, '領収書を添付いたします。', [uploaded]);
    const thread = await h.client.get(added.inquiryNumber);
    const attachment = thread!.messages.at(-1)!.attachments[0]!;
    assert.equal(attachment.name, '領収書.pdf');
    const bytes = await h.client.downloadAttachment(attachment);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(pdf));
  });

  it('a download after the 90-day retention is not_found', async () => {
    let now = new Date(T0);
    const h = harness({ clock: { now: () => new Date(now) } });
    h.sim.control.setLicenceExpiry(LICENSE_KEY, new Date(T0.getTime() + 365 * DAY));
    const file = h.sim.control.addFile(SHOP_ID, { label: 'a.png', contentType: 'image/png', bytes: PNG_1x1 });
    const attachment = { mallKey: JSON.stringify(file), name: 'a.png', contentType: 'image/png', size: null };
    assert.equal((await h.client.downloadAttachment(attachment)).byteLength, PNG_1x1.byteLength);
    now = new Date(T0.getTime() + 91 * DAY);
    await assert.rejects(() => h.client.downloadAttachment(attachment), (e: unknown) => e instanceof MallError && e.kind === 'not_found');
  });

  it('a duplicate reply answers 409 and maps to conflict', async () => {
    const h = harness({ behaviour: { duplicateReplyWindowSeconds: 60 } });
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    await h.client.postReply(added.inquiryNumber, '同じ文面', []);
    await assert.rejects(
      () => h.client.postReply(added.inquiryNumber, '同じ文面', []),
      (e: unknown) => e instanceof MallError && e.kind === 'conflict' && e.details.status === 409,
    );
    assert.equal(h.sim.control.inquiry(added.inquiryNumber)!.replies.length, 1);
  });

  it('a reply to an unknown inquiry is not_found', async () => {
    const h = harness();
    await assert.rejects(
      () => h.client.postReply(`${SHOP_ID}-20261120-00000000a`, 'こんにちは', []),
      (e: unknown) => e instanceof MallError && e.kind === 'not_found',
    );
  });
});

describe('Rakuten client: read, complete, incomplete', () => {
  it('completes and reopens; repeating either is harmless', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    await h.client.complete(added.inquiryNumber);
    let stored = h.sim.control.inquiry(added.inquiryNumber)!;
    assert.equal(stored.isCompleted, true);
    assert.equal(stored.completedDate, '2026-11-20T12:00:00+09:00');
    await h.client.complete(added.inquiryNumber);
    await h.client.reopen(added.inquiryNumber);
    stored = h.sim.control.inquiry(added.inquiryNumber)!;
    assert.equal(stored.isCompleted, false);
    assert.equal(stored.completedDate, null);
    await h.client.reopen(added.inquiryNumber);
    assert.equal((await h.client.get(added.inquiryNumber))!.completed, false);
  });

  it('completing an unknown inquiry is not_found', async () => {
    const h = harness();
    await assert.rejects(() => h.client.complete(`${SHOP_ID}-20261120-00000000a`), (e: unknown) => e instanceof MallError && e.kind === 'not_found');
  });

  it('marks many read in calls of at most 20, reporting ok and error lists', async () => {
    const h = harness();
    const numbers = Array.from({ length: 45 }, (_, i) => h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: `m${i}` }).inquiryNumber);
    await h.client.markRead(numbers.slice(0, 5));
    const result = await h.client.bulk('read', [...numbers, `${SHOP_ID}-20261120-00000000a`]);
    assert.equal(result.ok.length, 40);
    assert.deepEqual(
      result.error.map((e) => e.errorMessage).sort(),
      [...Array(5).fill('already set value as specified'), 'not found.'].sort(),
    );
    const patchCalls = h.sim.control.calls({ fn: 'inquirymngapi.inquiries.patch.read' });
    assert.equal(patchCalls.length, 1 + 3);
    assert.ok(h.sim.control.inquiries(SHOP_ID).every((i) => i.readByMerchant));
    // already read: not an error for markRead
    await h.client.markRead(numbers.slice(0, 3));
    await assert.rejects(() => h.client.markRead([`${SHOP_ID}-20261120-00000000a`]), (e: unknown) => e instanceof MallError && e.kind === 'not_found');
  });
});

describe('Rakuten client: checkCredentials', () => {
  it('reports the licence expiry from the licence-management endpoint', async () => {
    const h = harness();
    const expires = new Date('2027-01-31T14:59:59Z');
    h.sim.control.setLicenceExpiry(LICENSE_KEY, expires);
    const facts = await h.client.checkCredentials();
    assert.equal(facts.credentialExpiresAt!.getTime(), expires.getTime());
  });

  it('an expired licence is auth with GA0001', async () => {
    const h = harness();
    h.sim.control.setLicenceExpiry(LICENSE_KEY, new Date(T0.getTime() - 1000));
    await assert.rejects(
      () => h.client.checkCredentials(),
      (e: unknown) => e instanceof MallError && e.kind === 'auth' && e.details.mallCode === 'GA0001' && e.details.status === 401,
    );
  });

  it('a function switched off in 利用設定 is auth; without the licence function the expiry is unknown', async () => {
    const h = harness();
    h.sim.control.setFunctionEnabled(SHOP_ID, 'license.expiryDate.get', false);
    assert.deepEqual(await h.client.checkCredentials(), { credentialExpiresAt: null });
    h.sim.control.setFunctionEnabled(SHOP_ID, 'inquirymngapi.counts.get', false);
    await assert.rejects(() => h.client.checkCredentials(), (e: unknown) => e instanceof MallError && e.kind === 'auth');
  });

  it('wrong keys are auth', async () => {
    const h = harness();
    const wrong = h.makeClient({ serviceSecret: 'SP_wrong' });
    await assert.rejects(() => wrong.checkCredentials(), (e: unknown) => e instanceof MallError && e.kind === 'auth');
  });
});

describe('Rakuten client: listing while inquiries arrive', () => {
  it('an inquiry created mid-paging inside the window shifts rows down: nothing is missed or repeated', async () => {
    const h = harness();
    for (let i = 0; i < 200; i++) {
      h.sim.control.addInquiry(SHOP_ID, { userName: '客', message: `m${i}`, regDate: new Date(T0.getTime() - 1000 - i * 1000) });
    }
    const originals = h.sim.control.inquiries(SHOP_ID).map((i) => i.inquiryNumber);
    const seen: string[] = [];
    let added = false;
    for await (const inquiry of h.client.list({ from: new Date(T0.getTime() - DAY), to: T0 })) {
      seen.push(inquiry.mallInquiryId);
      if (!added && seen.length === 50) {
        h.sim.control.addInquiry(SHOP_ID, { userName: '新規', message: 'new', regDate: T0 });
        added = true;
      }
    }
    assert.equal(new Set(seen).size, seen.length);
    // every inquiry that existed is there, the oldest pushed onto a third page included; the newcomer sorts
    // first, onto a page already read: the next run's window has it
    assert.deepEqual(originals.filter((n) => !seen.includes(n)), []);
    assert.equal(seen.length, 200);
  });
});
