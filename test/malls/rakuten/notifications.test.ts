/**
 * The simulator's 問い合わせユーザアクション通知 sender against a tiny receiver on a real socket:
 * raw `<notifyModel>` XML with authModel and notifyInfoModel, answered by `<responseModel><resultCode>`.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { RAKUTEN_DEFAULT_SETTINGS } from '../../../server/malls/rakuten/settings.ts';
import { readResultCode, userActionNotificationXml } from '../../../simulators/rakuten/notifier.ts';
import { SHOP_ID, T0, harness } from './support.ts';

interface Received {
  contentType: string | undefined;
  body: string;
}

describe('Rakuten simulator: user-action notifications', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answerCode = 'N-000-000';

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><responseModel><resultCode>${answerCode}</resultCode></responseModel>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/rakuten/notification`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs a notifyModel with authModel and the inquiry, and reads the result code', async () => {
    received.length = 0;
    answerCode = 'N-000-000';
    const h = harness();
    h.sim.control.setNotificationTarget(SHOP_ID, { url, authKey: 'k3y-373343' });
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    const delivery = await h.sim.control.sendUserActionNotification(SHOP_ID, { inquiryNumber: n, actionType: 'userReply', actionDate: T0 });
    assert.equal(delivery.httpStatus, 200);
    assert.equal(delivery.resultCode, 'N-000-000');
    assert.equal(received.length, 1);
    assert.match(received[0]!.contentType ?? '', /^text\/xml/);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(received[0]!.body) as {
      notifyModel: {
        authModel: { contractId: string; shopUrl: string; authKey: string };
        notifyInfoModel: Record<string, unknown>;
      };
    };
    const model = parsed.notifyModel;
    assert.equal(model.authModel.authKey, 'k3y-373343');
    assert.equal(model.authModel.shopUrl, 'goq-demo');
    assert.ok(model.authModel.contractId);
    const info = model.notifyInfoModel;
    assert.equal(info.serviceId, RAKUTEN_DEFAULT_SETTINGS.rakutenUserActionNotificationServiceId);
    assert.equal(info.functionId, '1100');
    assert.ok(typeof info.requestId === 'string' && info.requestId.length > 0);
    assert.deepEqual(info.value1, { '#text': n, '@name': 'inquiryNumber' });
    assert.deepEqual(info.value2, { '#text': 'userReply', '@name': 'actionType' });
    assert.deepEqual(info.value3, { '#text': '2026/11/20 12:00:00', '@name': 'actionDate' });
  });

  it('a customer message notifies only when the store approved the notification', async () => {
    received.length = 0;
    answerCode = 'N-000-000';
    const h = harness();
    h.sim.control.setNotificationTarget(SHOP_ID, { url });
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    h.sim.control.addCustomerMessage(n, { message: 'まだですか' });
    await h.sim.control.settle();
    assert.equal(received.length, 0);
    h.sim.control.setUserActionNotificationApproved(SHOP_ID, true);
    h.sim.control.addCustomerMessage(n, { message: 'まだですか？' });
    h.sim.control.generateInquiry(SHOP_ID);
    await h.sim.control.settle();
    assert.equal(received.length, 2);
    assert.ok(received[0]!.body.includes(`<value1 name="inquiryNumber">${n}</value1>`));
    assert.ok(received[1]!.body.includes('<value2 name="actionType">newInquiry</value2>'));
    assert.deepEqual(h.sim.control.notifications(SHOP_ID).map((d) => d.resultCode), ['N-000-000', 'N-000-000']);
  });

  it('records the receiver refusing (E-400-101) and an unreachable receiver', async () => {
    answerCode = 'E-400-101';
    const h = harness({ notifyTimeoutMs: 1000 });
    h.sim.control.setNotificationTarget(SHOP_ID, { url });
    const refused = await h.sim.control.sendUserActionNotification(SHOP_ID, { inquiryNumber: `${SHOP_ID}-20261120-1a`, actionType: 'userReply' });
    assert.equal(refused.resultCode, 'E-400-101');
    const unreachable = await h.sim.control.sendUserActionNotification(
      SHOP_ID,
      { inquiryNumber: `${SHOP_ID}-20261120-1a`, actionType: 'userReply' },
      'http://127.0.0.1:1/none',
    );
    assert.equal(unreachable.httpStatus, null);
    assert.ok(unreachable.error);
  });

  it('escapes XML in values and reads result codes', () => {
    const xml = userActionNotificationXml(
      { contractId: 'C1', shopUrl: 'a&b<c>', notification: { url: null, authKey: '"k\'', serviceId: '6000' } },
      'r1',
      { inquiryNumber: '1-2-3', actionType: 'userReply', actionDate: T0 },
    );
    assert.ok(xml.includes('<shopUrl>a&amp;b&lt;c&gt;</shopUrl>'));
    assert.ok(xml.includes('<authKey>&quot;k&apos;</authKey>'));
    assert.equal(readResultCode('<responseModel>\n <resultCode> E-400-100 </resultCode></responseModel>'), 'E-400-100');
    assert.equal(readResultCode('<html>nope</html>'), null);
  });
});
