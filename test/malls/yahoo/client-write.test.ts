/** Contract tests of the Yahoo! client's writes against the simulator: reply, upload, read, complete, reopen. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import { YAHOO_ATTACHMENT_RULES_ASSUMED } from '../../../shared/mall-rules.ts';
import { PNG_1X1, addQuestion, setup } from './helpers.ts';

const isKind = (kind: string) => (e: unknown) => e instanceof MallError && e.kind === kind;

describe('Yahoo! client: postReply', () => {
  test('posts a shop message and returns the mall\'s message id; the topic becomes answered', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const { mallMessageId } = await s.client.postReply(topicId, 'お問い合わせありがとうございます。\r\n明日発送いたします。', []);
    assert.equal(mallMessageId, '2');
    const topic = s.sim.control.topic(s.sellerId, topicId)!;
    assert.equal(topic.status, 'answered');
    assert.equal(topic.messages.length, 2);
    assert.equal(topic.messages[1].postUserType, 'seller');
    assert.equal(topic.messages[1].body, 'お問い合わせありがとうございます。\n明日発送いたします。');
    const inquiry = await s.client.get(topicId);
    assert.equal(inquiry!.messages[1].mallMessageId, mallMessageId);
    assert.equal(inquiry!.messages[1].sender, 'shop');
  });

  test('2,000 characters are accepted and 2,001 refused as rejected, with nothing posted', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    // code points, not UTF-16 units: 2,000 emoji are 4,000 units
    await s.client.postReply(topicId, '😀'.repeat(2000), []);
    await assert.rejects(s.client.postReply(topicId, 'あ'.repeat(2001), []), (e: unknown) => {
      assert.ok(e instanceof MallError);
      assert.equal(e.kind, 'rejected');
      assert.equal(e.details.status, 400);
      assert.match(e.message, /2000/);
      return true;
    });
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.messages.length, 2);
  });

  test('an empty body is refused', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    await assert.rejects(s.client.postReply(topicId, '  \n', []), isKind('rejected'));
  });

  test('a reply to an unknown topic is not_found', async () => {
    const s = setup();
    await assert.rejects(s.client.postReply('0'.repeat(64), 'こんにちは', []), isKind('not_found'));
  });
});

describe('Yahoo! client: attachments', () => {
  test('uploads a file, posts it with a reply, and the mall serves the same bytes', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const pdf = new TextEncoder().encode('%PDF-1.4\n% receipt\n');
    const image = await s.client.uploadAttachment(topicId, { name: '交換手順.png', contentType: 'image/png', bytes: PNG_1X1 });
    const doc = await s.client.uploadAttachment(topicId, { name: 'receipt.pdf', contentType: 'application/pdf', bytes: pdf });
    assert.match(image.mallKey, /_SELLER\.png$/);
    assert.equal(image.size, PNG_1X1.byteLength);
    // uploaded, not yet posted
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.messages.length, 1);
    await s.client.postReply(topicId, '手順書と領収書をお送りします。', [image, doc]);

    const upload = s.sim.control.requests(s.sellerId).find((r) => r.endpoint === 'externalTalkFileAdd');
    assert.equal(upload?.method, 'POST');
    const inquiry = await s.client.get(topicId);
    const files = inquiry!.messages[1].attachments;
    assert.deepEqual(
      files.map((f) => [f.name, f.contentType, f.size]),
      [
        ['交換手順.png', 'image/png', PNG_1X1.byteLength],
        ['receipt.pdf', 'application/pdf', pdf.byteLength],
      ],
    );
    assert.deepEqual(Buffer.from(await s.client.downloadAttachment(files[1])), Buffer.from(pdf));
  });

  test('a file breaking the assumed rules is refused before any request', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    s.sim.control.clearRequests(s.sellerId);
    const big = new Uint8Array(YAHOO_ATTACHMENT_RULES_ASSUMED.maxBytes + 1);
    await assert.rejects(s.client.uploadAttachment(topicId, { name: 'big.png', contentType: 'image/png', bytes: big }), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'rejected');
      assert.equal(e.details.mallCode, 'attachment_too_large');
      return true;
    });
    await assert.rejects(
      s.client.uploadAttachment(topicId, { name: 'setup.exe', contentType: 'application/octet-stream', bytes: PNG_1X1 }),
      isKind('rejected'),
    );
    await assert.rejects(
      s.client.uploadAttachment(topicId, { name: 'empty.png', contentType: 'image/png', bytes: new Uint8Array(0) }),
      isKind('rejected'),
    );
    assert.equal(s.sim.control.requests(s.sellerId).length, 0);
  });

  test('the simulator enforces the same rules when a client does not', async () => {
    const lax = { ...YAHOO_ATTACHMENT_RULES_ASSUMED, extensions: [...YAHOO_ATTACHMENT_RULES_ASSUMED.extensions, 'exe'], maxFiles: 9 };
    const s = setup({ client: { settings: { yahooAttachmentRules: lax } } });
    const topicId = addQuestion(s);
    await assert.rejects(
      s.client.uploadAttachment(topicId, { name: 'setup.exe', contentType: 'application/octet-stream', bytes: PNG_1X1 }),
      (e: unknown) => e instanceof MallError && e.kind === 'rejected' && e.details.status === 400,
    );
    const files = [];
    for (let i = 0; i < YAHOO_ATTACHMENT_RULES_ASSUMED.maxFiles + 1; i++) {
      files.push(await s.client.uploadAttachment(topicId, { name: `p${i}.png`, contentType: 'image/png', bytes: PNG_1X1 }));
    }
    await assert.rejects(s.client.postReply(topicId, '写真です', files), isKind('rejected'));
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.messages.length, 1);
  });

  test('an uploaded file is posted once: reusing its key is refused', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const file = await s.client.uploadAttachment(topicId, { name: 'a.png', contentType: 'image/png', bytes: PNG_1X1 });
    await s.client.postReply(topicId, '一通目', [file]);
    await assert.rejects(s.client.postReply(topicId, '二通目', [file]), isKind('rejected'));
  });
});

describe('Yahoo! client: markRead, complete, reopen', () => {
  test('markRead clears the store-side unread flag with a PUT per topic', async () => {
    const s = setup();
    const a = addQuestion(s);
    const b = addQuestion(s);
    assert.equal(s.sim.control.topic(s.sellerId, a)!.isSellerUnRead, true);
    s.sim.control.clearRequests(s.sellerId);
    await s.client.markRead([a, b]);
    assert.equal(s.sim.control.topic(s.sellerId, a)!.isSellerUnRead, false);
    assert.equal(s.sim.control.topic(s.sellerId, b)!.isSellerUnRead, false);
    const reads = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkRead');
    assert.deepEqual(reads.map((r) => [r.method, r.topicId, r.status]), [
      ['PUT', a, 200],
      ['PUT', b, 200],
    ]);
  });

  test('complete with 通常完了 is refused until the shop has posted, then completes', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    await assert.rejects(s.client.complete(topicId), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'rejected');
      assert.match(e.message, /completeConditionId=1/);
      return true;
    });
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.isComplete, false);
    await s.client.postReply(topicId, '対応いたしました。', []);
    await s.client.complete(topicId);
    const topic = s.sim.control.topic(s.sellerId, topicId)!;
    assert.equal(topic.isComplete, true);
    assert.equal(topic.completeConditionId, 1);
    assert.equal((await s.client.get(topicId))!.completed, true);
  });

  test('the completion condition is a setting (5 = 回答不要 needs no shop post), sent as a string if asked', async () => {
    const s = setup({ client: { settings: { yahooCompleteConditionId: 5, yahooCompleteConditionIdAsString: true } } });
    const topicId = addQuestion(s);
    await s.client.complete(topicId);
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.completeConditionId, 5);
  });

  test('completing twice is accepted (assumed idempotent)', async () => {
    const s = setup();
    const topicId = addQuestion(s, { answered: true });
    await s.client.complete(topicId);
    await s.client.complete(topicId);
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.isComplete, true);
  });

  test('reopen is refused without calling the mall, and the mall has no such endpoint', async () => {
    const s = setup();
    const topicId = addQuestion(s, { answered: true });
    await s.client.complete(topicId);
    s.sim.control.clearRequests(s.sellerId);
    await assert.rejects(s.client.reopen(topicId), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'rejected' && !e.retryable);
      assert.equal(e.details.mallCode, 'reopen_not_allowed');
      return true;
    });
    assert.equal(s.sim.control.requests(s.sellerId).length, 0);
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.isComplete, true);
  });

  test('a customer writing on a completed topic leaves it completed (assumed), needing an answer again', async () => {
    const s = setup();
    const topicId = addQuestion(s, { answered: true });
    await s.client.complete(topicId);
    s.clock.advance(10 * 60_000);
    s.sim.control.addCustomerMessage(s.sellerId, topicId, { body: 'ありがとうございました。' });
    const topic = s.sim.control.topic(s.sellerId, topicId)!;
    assert.equal(topic.isComplete, true);
    assert.equal(topic.isNoAnswer, true);
    const inquiry = (await s.client.get(topicId))!;
    assert.equal(inquiry.completed, true);
    assert.equal(inquiry.messages.at(-1)!.sender, 'customer');
  });
});
