/**
 * POST /webhooks/rakuten/notification: a valid notification queues a fetch of the inquiry it names
 * (and the fetch brings it in); a wrong authKey (E-400-101), malformed XML, entity declarations,
 * missing values (E-400-100) and an oversized body (refused before it is read whole) change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { userActionNotificationXml } from '../../../simulators/rakuten/notifier.ts';
import { NOTIFICATION_BODY_LIMIT } from '../../../server/malls/webhook/rakuten-notification.routes.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_AUTH_KEY, RAKUTEN_SHOP, snapshot, type MallHarness } from '../sync/support.ts';

const PATH = '/webhooks/rakuten/notification';

function notification(inquiryNumber: string, authKey = RAKUTEN_AUTH_KEY): string {
  return userActionNotificationXml(
    { contractId: 'C00373343', shopUrl: 'goq-sync', notification: { url: null, authKey, serviceId: '6000' } },
    'req-1',
    { inquiryNumber, actionType: 'userReply', actionDate: new Date() },
  );
}

function post(h: MallHarness, body: BodyInit, headers: Record<string, string> = {}) {
  return h.app.request(PATH, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8', ...headers }, body });
}

async function resultCode(response: Response): Promise<string | null> {
  assert.match(response.headers.get('content-type') ?? '', /^text\/xml/);
  return /<responseModel><resultCode>([^<]+)<\/resultCode><\/responseModel>/.exec(await response.text())?.[1] ?? null;
}

forEachDatabase('Rakuten notification webhook', (kind) => {
  let h: MallHarness;
  let shop: string;
  let oldNumber: string;
  before(async () => {
    h = await createMallHarness(kind);
    shop = newShopId();
    oldNumber = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
      userName: '伊藤 誠',
      message: '以前購入した商品の部品だけ購入できますか？',
      regDate: new Date(Math.floor((Date.now() - 50 * DAY) / 1000) * 1000),
    }).inquiryNumber;
    await h.connect(shop, 'rakuten');
    await h.side.syncNow(shop, 'rakuten');
  });
  after(async () => {
    await h.close();
  });

  async function state() {
    const account = await h.db.selectFrom('mall_accounts').select('sync_state').where('shop_id', '=', shop).executeTakeFirstOrThrow();
    return { data: await snapshot(h.db, shop), queued: JSON.parse(account.sync_state).queued ?? [] };
  }

  test('a wrong authKey is refused with E-400-101 and nothing happens', async () => {
    const before = await state();
    const calls = h.rakuten.control.calls().length;
    const response = await post(h, notification(oldNumber, 'not-the-key'));
    assert.equal(response.status, 401);
    assert.equal(await resultCode(response), 'E-400-101');
    await h.side.syncNow(shop, 'rakuten');
    assert.deepEqual((await state()).queued, []);
    assert.equal(
      h.rakuten.control.calls().slice(calls).filter((c) => c.fn === 'inquirymngapi.inquiry.get').length,
      0,
      'no fetch by number was queued',
    );
    assert.deepEqual((await state()).data.inquiries.map((i) => i.mall_inquiry_id), before.data.inquiries.map((i) => i.mall_inquiry_id));
  });

  test('malformed XML, entity declarations and missing values are refused with E-400-100', async () => {
    const before = await state();
    const bodies = [
      '<notifyModel><authModel><authKey>x</authKey></authModel>',
      'not xml at all',
      `<?xml version="1.0"?><!DOCTYPE notifyModel [<!ENTITY key "${RAKUTEN_AUTH_KEY}">]><notifyModel><authModel><authKey>&key;</authKey></authModel><notifyInfoModel><serviceId>6000</serviceId><value1 name="inquiryNumber">${oldNumber}</value1></notifyInfoModel></notifyModel>`,
      `<notifyModel><authModel><authKey>${RAKUTEN_AUTH_KEY}</authKey></authModel></notifyModel>`,
      notification('').replace('<value1 name="inquiryNumber"></value1>', ''),
      notification('bad number with spaces'),
      '',
    ];
    for (const body of bodies) {
      const response = await post(h, body);
      assert.equal(response.status, 400, body.slice(0, 60));
      assert.equal(await resultCode(response), 'E-400-100', body.slice(0, 60));
    }
    assert.deepEqual(await state(), before);
  });

  test('an oversized body is refused before it is read whole (declared or streamed)', async () => {
    const before = await state();
    const huge = notification(oldNumber).replace('</notifyModel>', `<pad>${'x'.repeat(NOTIFICATION_BODY_LIMIT)}</pad></notifyModel>`);
    const declared = await post(h, huge);
    assert.equal(declared.status, 413);
    assert.equal(await resultCode(declared), 'E-400-100');

    // no Content-Length: a stream that would go on far past the limit is cut off
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 50 * NOTIFICATION_BODY_LIMIT) return controller.close();
        const chunk = new TextEncoder().encode(sent === 0 ? `<notifyModel><authModel><authKey>${RAKUTEN_AUTH_KEY}</authKey></authModel><pad>` : 'x'.repeat(8192));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await h.app.request(PATH, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(await resultCode(streamed), 'E-400-100');
    assert.ok(sent < 4 * NOTIFICATION_BODY_LIMIT, `stopped reading early (${sent} bytes pulled)`);
    assert.deepEqual(await state(), before);
  });

  test('a valid notification answers N-000-000 and brings the inquiry it names in', async () => {
    assert.equal((await state()).data.inquiries.some((i) => i.mall_inquiry_id === oldNumber), false, 'hidden by the 30-day rule so far');
    const response = await post(h, notification(oldNumber));
    assert.equal(response.status, 200);
    assert.equal(await resultCode(response), 'N-000-000');
    await h.side.syncNow(shop, 'rakuten');
    const after = await state();
    assert.ok(after.data.inquiries.some((i) => i.mall_inquiry_id === oldNumber));
    assert.deepEqual(after.queued, []);
  });

  test('a notification of another service is acknowledged and ignored', async () => {
    const before = await state();
    const response = await post(h, notification(oldNumber).replace('<serviceId>6000</serviceId>', '<serviceId>4200</serviceId>'));
    assert.equal(response.status, 200);
    assert.equal(await resultCode(response), 'N-000-000');
    assert.deepEqual((await state()).queued, before.queued);
  });
});
