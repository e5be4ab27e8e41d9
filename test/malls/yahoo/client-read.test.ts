/** Contract tests of the Yahoo! client's reads against the simulator: list, get, download, mapping. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toInquiry } from '../../../server/malls/yahoo/mapping.ts';
import type { TalkDetailResponse } from '../../../server/malls/yahoo/wire.ts';
import { PNG_1X1, addQuestion, setup } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('Yahoo! client: list', () => {
  test('pages through every topic of the period, 20 a page, each with its full thread', async () => {
    const s = setup({ client: { settings: { yahooListDateTypes: ['userPostTime'] } } });
    const base = s.clock.now().getTime() - 10 * DAY;
    const ids = new Set<string>();
    for (let i = 0; i < 45; i++) ids.add(addQuestion(s, { at: new Date(base + i * 60_000), answered: i % 2 === 0 }));
    // outside the period
    addQuestion(s, { at: new Date(base - 5 * DAY) });
    s.sim.control.clearRequests(s.sellerId);

    const seen: string[] = [];
    for await (const inquiry of s.client.list({ from: new Date(base - 1000), to: s.clock.now() })) {
      seen.push(inquiry.mallInquiryId);
      assert.equal(inquiry.mall, 'yahoo');
      assert.ok(inquiry.messages.length >= 1);
    }
    assert.deepEqual(new Set(seen), ids);
    assert.equal(seen.length, 45, 'no topic twice');
    const lists = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkList');
    assert.equal(lists.length, 3, '45 topics = pages of 20, 20, 5');
    const details = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkDetail');
    assert.equal(details.length, 45);
  });

  test('matches the period on the customer\'s and the shop\'s post times, fetching a topic seen twice once', async () => {
    const s = setup();
    const old = new Date(s.clock.now().getTime() - 20 * DAY);
    // asked long ago, answered by the shop only now: only the sellerPostTime pass finds it
    const answeredNow = s.sim.control.addTopic(s.sellerId, {
      title: '在庫について',
      itemCode: 'tumbler-350-wh',
      messages: [
        { from: 'customer', body: '在庫はありますか。', at: old },
        { from: 'shop', body: 'ございます。', at: s.clock.now() },
      ],
    });
    const askedNow = addQuestion(s, { answered: true });
    s.sim.control.clearRequests(s.sellerId);
    const seen: string[] = [];
    for await (const inquiry of s.client.list({ from: new Date(s.clock.now().getTime() - DAY), to: s.clock.now() })) {
      seen.push(inquiry.mallInquiryId);
    }
    assert.deepEqual(seen.sort(), [answeredNow, askedNow].sort());
    const details = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkDetail');
    assert.equal(details.length, 2, 'a topic found by both passes is fetched once');
  });

  test('an empty period lists nothing after one page', async () => {
    const s = setup({ client: { settings: { yahooListDateTypes: ['userPostTime'] } } });
    addQuestion(s);
    const seen = [];
    for await (const inquiry of s.client.list({ from: new Date('2020-01-01'), to: new Date('2020-02-01') })) seen.push(inquiry);
    assert.equal(seen.length, 0);
    assert.equal(s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkList').length, 1);
  });
});

describe('Yahoo! client: get', () => {
  test('maps a thread into the product model, with no customer name', async () => {
    const s = setup();
    const t0 = s.clock.now();
    const topicId = s.sim.control.addTopic(s.sellerId, {
      title: '商品の破損について',
      orderId: 'goq-test-10000021',
      itemCode: 'mug-hasami-navy',
      userMaskedId: 'ab***',
      messages: [
        { from: 'customer', body: '縁が欠けていました。\n交換できますか。', at: t0, files: [{ name: 'photo.png', bytes: PNG_1X1 }] },
        { from: 'shop', body: '申し訳ございません。交換品をお送りします。', at: new Date(t0.getTime() + 3_600_000) },
      ],
    });
    const inquiry = await s.client.get(topicId);
    assert.ok(inquiry);
    assert.equal(inquiry.mallInquiryId, topicId);
    assert.equal(inquiry.subject, '商品の破損について');
    assert.equal(inquiry.orderId, 'goq-test-10000021');
    assert.equal(inquiry.itemName, 'mug-hasami-navy');
    assert.equal(inquiry.customerName, null);
    assert.equal(inquiry.completed, false);
    assert.equal(inquiry.createdAt.toISOString(), t0.toISOString());
    assert.equal(inquiry.updatedAt.getTime(), t0.getTime() + 3_600_000);
    assert.deepEqual(
      inquiry.messages.map((m) => [m.mallMessageId, m.sender, m.sentAt.getTime()]),
      [
        ['1', 'customer', t0.getTime()],
        ['2', 'shop', t0.getTime() + 3_600_000],
      ],
    );
    assert.equal(inquiry.messages[0].body, '縁が欠けていました。\n交換できますか。');
    const [attachment] = inquiry.messages[0].attachments;
    assert.equal(attachment.name, 'photo.png');
    assert.equal(attachment.contentType, 'image/png');
    assert.equal(attachment.size, PNG_1X1.byteLength);
    assert.match(attachment.mallKey, /_USER\.png$/);
    // the masked id is the only customer identity the mall gives, and it does not leave the client
    assert.ok(!JSON.stringify(inquiry).includes('ab***'));
  });

  test('an unknown topic is null', async () => {
    const s = setup();
    assert.equal(await s.client.get('f'.repeat(64)), null);
  });

  test('downloads an attachment byte for byte', async () => {
    const s = setup();
    const topicId = s.sim.control.addTopic(s.sellerId, {
      title: '写真',
      messages: [{ from: 'customer', body: '写真です', files: [{ name: 'a.png', bytes: PNG_1X1 }] }],
    });
    const inquiry = await s.client.get(topicId);
    const bytes = await s.client.downloadAttachment(inquiry!.messages[0].attachments[0]);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(PNG_1X1));
  });

  test('downloading an unknown key is not_found', async () => {
    const s = setup();
    await assert.rejects(
      s.client.downloadAttachment({ mallKey: 'nope/none.png', name: 'none.png', contentType: 'image/png', size: null }),
      (e: Error & { kind?: string }) => e.kind === 'not_found',
    );
  });
});

describe('Yahoo! mapping: key casing and timestamps', () => {
  const detail = (topic: Record<string, unknown>, message: Record<string, unknown>) =>
    ({ topic, messages: [message] }) as unknown as TalkDetailResponse;

  test('reads orderid/orderId, itemcode/itemCode, messageId/messageid, isComplete/isCompleted', () => {
    const lower = toInquiry(
      't1',
      detail(
        { orderid: 's-1', itemcode: 'i-1', isComplete: true, title: 'x' },
        { messageId: 3, postUserType: 'seller', postdate: '1795143600', body: 'b', fileList: [] },
      ),
    );
    const upper = toInquiry(
      't1',
      detail(
        { orderId: 's-1', itemCode: 'i-1', isCompleted: true, title: 'x' },
        { messageid: 3, postUserType: 'seller', postdate: 1795143600, body: 'b', fileList: [] },
      ),
    );
    for (const inquiry of [lower, upper]) {
      assert.equal(inquiry.orderId, 's-1');
      assert.equal(inquiry.itemName, 'i-1');
      assert.equal(inquiry.completed, true);
      assert.equal(inquiry.messages[0].mallMessageId, '3');
      assert.equal(inquiry.messages[0].sender, 'shop');
      assert.equal(inquiry.messages[0].sentAt.toISOString(), '2026-11-20T03:00:00.000Z');
    }
  });

  test('Unix seconds as strings or numbers; user is the customer; CRLF becomes LF', () => {
    const inquiry = toInquiry(
      't2',
      detail({ title: 'y' }, { messageId: 1, postUserType: 'user', postdate: ' 1513776685 ', body: 'a\r\nb', fileList: [] }),
    );
    assert.equal(inquiry.messages[0].sentAt.getTime(), 1513776685 * 1000);
    assert.equal(inquiry.messages[0].sender, 'customer');
    assert.equal(inquiry.messages[0].body, 'a\nb');
    assert.equal(inquiry.customerName, null);
    assert.equal(inquiry.orderId, null);
  });
});
