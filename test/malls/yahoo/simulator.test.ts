/**
 * The Yahoo! simulator on the wire: the quirks a faithful copy must show (key casing, Unix seconds,
 * upper-case filter echo, page cap, error shapes), its control API over /_sim/, the generator, the demo
 * store, and a client talking to it over a real socket.
 */
import { serve } from '@hono/node-server';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { createYahooClient } from '../../../server/malls/yahoo/client.ts';
import { RequestGate } from '../../../server/malls/request-gate.ts';
import { swsSignature } from '../../../server/malls/yahoo/signature.ts';
import {
  DEMO_YAHOO_ORDERS,
  DEMO_YAHOO_ORDER_WITHOUT_INQUIRY,
  DEMO_YAHOO_SELLER_ID,
  loadYahooDemoStore,
} from '../../../simulators/yahoo/demo-store.ts';
import { createYahooSimulator, simulatorFetch } from '../../../simulators/yahoo/simulator.ts';
import { PATHS } from '../../../server/malls/yahoo/wire.ts';
import { BASE, PNG_1X1, addQuestion, credentialsFrom, setup, type Setup } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

/** A raw, correctly signed request as a client of the real API would make it. */
async function raw(s: Setup, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  const tokenAnswer = await s.sim.app.request('/yconnect/v2/token', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${s.store.clientId}:${s.store.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(s.store.refreshToken)}`,
  });
  const { access_token } = (await tokenAnswer.json()) as { access_token: string };
  return s.sim.app.request(pathAndQuery, {
    method,
    headers: {
      Authorization: `Bearer ${access_token}`,
      'X-sws-signature': swsSignature(s.store.publicKey!.pem, s.sellerId, Math.floor(s.clock.now().getTime() / 1000)),
      'X-sws-signature-version': s.store.publicKey!.version,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('Yahoo! simulator: wire format', () => {
  test('the list: topicId/orderId/itemCode/isCompleted, numbers for times, upper-case filter, at most 20 a page', async () => {
    const s = setup();
    for (let i = 0; i < 25; i++) addQuestion(s, { at: new Date(s.clock.now().getTime() - i * 60_000), answered: i < 5 });
    const res = await raw(s, 'GET', `${PATHS.list}?sellerId=${s.sellerId}&result=50&requestFilter=unanswered`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('X-SWS-Authorize-Status'), 'authorized');
    const body = (await res.json()) as { summary: Record<string, unknown> & { topic: Record<string, number> }; headlines: Record<string, unknown>[] };
    assert.equal(body.summary.filter, 'UNANSWERED');
    assert.equal(body.summary.unansweredCount, 20);
    assert.deepEqual(body.summary.topic, { start: 1, end: 20, count: 20 });
    assert.equal(body.headlines.length, 20);
    const h = body.headlines[0];
    assert.equal(typeof h.topicId, 'string');
    assert.match(String(h.topicId), /^[0-9a-f]{64}$/);
    assert.equal(typeof h.userPostTime, 'number');
    assert.equal(h.sellerPostTime, null);
    assert.equal(h.isCompleted, false);
    assert.equal(h.isNoAnswer, true);
    assert.ok('orderId' in h && !('orderid' in h));
    assert.match(String(h.userMaskedId), /^[a-z]{2}\*\*\*$/);

    const page2 = (await (await raw(s, 'GET', `${PATHS.list}?sellerId=${s.sellerId}&start=21&result=20`)).json()) as {
      summary: { filter: string; topic: Record<string, number> };
      headlines: unknown[];
    };
    assert.equal(page2.summary.filter, 'ALL');
    assert.deepEqual(page2.summary.topic, { start: 21, end: 25, count: 25 });
    assert.equal(page2.headlines.length, 5);
  });

  test('the list orders by the customer\'s last post, newest first; filters answered and completed apart', async () => {
    const s = setup();
    const old = addQuestion(s, { at: new Date(s.clock.now().getTime() - 2 * DAY), answered: true });
    const recent = addQuestion(s, { at: new Date(s.clock.now().getTime() - DAY), answered: true });
    const done = addQuestion(s, { at: new Date(s.clock.now().getTime() - 3 * DAY), answered: true });
    s.sim.control.addTopic(s.sellerId, { title: 'x', messages: [{ from: 'customer', body: 'y' }], completedWith: 5 });
    await s.client.complete(done);
    const ids = async (query: string) =>
      ((await (await raw(s, 'GET', `${PATHS.list}?sellerId=${s.sellerId}${query}`)).json()) as { headlines: Array<{ topicId: string }> }).headlines.map(
        (h) => h.topicId,
      );
    assert.deepEqual(await ids('&requestFilter=answered'), [recent, old]);
    // a follow-up moves a topic to the top
    s.sim.control.addCustomerMessage(s.sellerId, old, { body: 'もう一つ質問です。' });
    const all = await ids('');
    assert.equal(all[0], old);
    assert.equal((await ids('&requestFilter=completed')).length, 2);
    assert.deepEqual(await ids('&requestFilter=answered'), [recent]);
    assert.equal((await ids('&requestFilter=unanswered,answered')).length, 2);
    assert.equal((await raw(s, 'GET', `${PATHS.list}?sellerId=${s.sellerId}&requestFilter=closed`)).status, 400);
    assert.equal((await raw(s, 'GET', `${PATHS.list}?sellerId=${s.sellerId}&dateType=userPostTime`)).status, 400);
  });

  test('detail: orderid/itemcode/isComplete/messageId, Unix seconds as strings, masked id only', async () => {
    const s = setup();
    const topicId = s.sim.control.addTopic(s.sellerId, {
      title: '在庫',
      orderId: 'goq-test-10000001',
      itemCode: 'i-1',
      messages: [{ from: 'customer', body: '在庫はありますか', files: [{ name: 'a.png', bytes: PNG_1X1 }] }],
    });
    const body = (await (await raw(s, 'GET', `${PATHS.detail}?sellerId=${s.sellerId}&topicId=${topicId}`)).json()) as {
      topic: Record<string, unknown>;
      messages: Array<Record<string, unknown> & { fileList: Array<Record<string, unknown>> }>;
    };
    assert.equal(body.topic.orderid, 'goq-test-10000001');
    assert.equal(body.topic.itemcode, 'i-1');
    assert.equal(body.topic.isComplete, false);
    assert.ok(!('isCompleted' in body.topic) && !('orderId' in body.topic));
    assert.equal(body.topic.accessUserType, 'seller');
    assert.equal(typeof body.messages[0].messageId, 'number');
    assert.match(String(body.messages[0].postdate), /^\d{10}$/);
    assert.equal(typeof body.messages[0].postdate, 'string');
    assert.equal(body.messages[0].postUserType, 'user');
    assert.deepEqual(Object.keys(body.messages[0].fileList[0]).sort(), ['fileExt', 'fileName', 'fileSize', 'objectKey']);
    const text = JSON.stringify(body);
    assert.match(String(body.topic.userMaskedIdx), /^[a-z]{2}\*\*\*$/);
    for (const key of ['userName', 'customerName', 'mailAddress', 'email']) assert.ok(!text.includes(key));
  });

  test('add answers topicid/messageid in lower case; the PUTs answer status ok', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const add = (await (await raw(s, 'POST', `${PATHS.add}?topicId=${topicId}`, { sellerId: s.sellerId, body: '回答します' })).json()) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(add).sort(), ['messageid', 'postdate', 'topicid']);
    assert.equal(add.topicid, topicId);
    assert.equal(add.messageid, 2);
    for (const path of [PATHS.read, PATHS.complete, PATHS.private]) {
      const res = await raw(s, 'PUT', `${path}?topicId=${topicId}`, { sellerId: s.sellerId });
      assert.deepEqual(await res.json(), { status: 'ok' });
    }
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.isPrivate, true);
    // sellerId travels in the PUT body: without it the call is refused
    assert.equal((await raw(s, 'PUT', `${PATHS.read}?topicId=${topicId}`, {})).status, 400);
  });

  test('no token, a bad token: 401 XML with a Bearer challenge', async () => {
    const s = setup();
    const none = await s.sim.app.request(`${PATHS.list}?sellerId=${s.sellerId}`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('WWW-Authenticate') ?? '', /^Bearer realm="yahooapis.jp"/);
    const bad = await s.sim.app.request(`${PATHS.list}?sellerId=${s.sellerId}`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('WWW-Authenticate') ?? '', /error="invalid_token"/);
    assert.match(await bad.text(), /^<\?xml[^>]*\?>\s*<Error><Message>Please provide valid credentials\./);
  });

  test('there is no reopen endpoint: an unknown URL is 404 px-04400', async () => {
    const s = setup();
    const res = await raw(s, 'PUT', `/ShoppingWebService/V1/externalTalkReopen?topicId=x`, { sellerId: s.sellerId });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /<Code>px-04400<\/Code>/);
  });

  test('business errors are JSON {"error":{"reason"}}', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const res = await raw(s, 'PUT', `${PATHS.complete}?topicId=${topicId}`, { sellerId: s.sellerId, completeConditionId: '1' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { reason: string } };
    assert.match(body.error.reason, /completeConditionId=1/);
    assert.equal((await raw(s, 'PUT', `${PATHS.complete}?topicId=${topicId}`, { sellerId: s.sellerId, completeConditionId: 9 })).status, 400);
  });

  test('file delete removes an upload that was never posted', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    const file = await s.client.uploadAttachment(topicId, { name: 'a.png', contentType: 'image/png', bytes: PNG_1X1 });
    const res = await raw(s, 'DELETE', `${PATHS.fileDelete}?sellerId=${s.sellerId}&key=${encodeURIComponent(file.mallKey)}`);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal(s.sim.control.fileBytes(s.sellerId, file.mallKey), null);
  });
});

describe('Yahoo! simulator: control API over /_sim/', () => {
  test('adds a store and a topic, plays the customer, injects faults, reads what arrived', async () => {
    const { app } = createYahooSimulator({ seed: 3 });
    const post = (path: string, body: unknown, method = 'POST') =>
      app.request(`/_sim${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const store = (await (await post('/stores', { sellerId: 'http-store' })).json()) as { refreshToken: string; publicKey: { pem: string } };
    assert.match(store.publicKey.pem, /BEGIN PUBLIC KEY/);
    const { topicId } = (await (
      await post('/stores/http-store/topics', {
        title: '写真について',
        orderId: 'http-store-10000001',
        messages: [{ from: 'customer', body: '写真を送ります', files: [{ name: 'p.png', base64: Buffer.from(PNG_1X1).toString('base64') }] }],
      })
    ).json()) as { topicId: string };
    const { messageId } = (await (await post(`/stores/http-store/topics/${topicId}/messages`, { body: '追加です' })).json()) as { messageId: number };
    assert.equal(messageId, 2);
    const topic = (await (await app.request(`/_sim/stores/http-store/topics/${topicId}`)).json()) as { messages: Array<{ files: unknown[] }> };
    assert.equal(topic.messages.length, 2);
    assert.equal(topic.messages[0].files.length, 1);
    const faults = (await (await post('/faults', { errorRate: 0.3, seed: 9 }, 'PUT')).json()) as { errorRate: number };
    assert.equal(faults.errorRate, 0.3);
    const cleared = (await (await app.request('/_sim/faults', { method: 'DELETE' })).json()) as { errorRate: number };
    assert.equal(cleared.errorRate, 0);
    const generated = (await (await post('/generate', { sellerId: 'http-store', newTopics: 2 })).json()) as { created: string[] };
    assert.equal(generated.created.length, 2);
    const credentials = (await (await app.request('/_sim/stores/http-store/credentials')).json()) as { refreshToken: string };
    assert.equal(credentials.refreshToken, store.refreshToken);
    const requests = (await (await app.request('/_sim/stores/http-store/requests')).json()) as { requests: unknown[] };
    assert.deepEqual(requests.requests, []);
    const before = Date.parse(((await (await app.request('/_sim/clock')).json()) as { now: string }).now);
    const after = Date.parse(((await (await post('/clock', { advanceMs: 13 * 60 * 60 * 1000 }, 'PUT')).json()) as { now: string }).now);
    assert.ok(after - before >= 13 * 60 * 60 * 1000);
    assert.equal((await post('/stores/http-store', { signatureRequired: false }, 'PATCH')).status, 200);
  });
});

describe('Yahoo! simulator: generator', () => {
  test('writes new Japanese questions and follow-ups on answered threads, the same for the same seed', () => {
    const runs = [1, 2].map(() => {
      const s = setup({ sim: { seed: 99 } });
      const answered = addQuestion(s, { answered: true });
      const { created, followedUp } = s.sim.control.generate({ sellerId: s.sellerId, newTopics: 3, followUps: 1, orders: ['goq-test-10000009'] });
      assert.equal(created.length, 3);
      assert.deepEqual(followedUp, [answered]);
      assert.equal(s.sim.control.topic(s.sellerId, answered)!.status, 'unanswered');
      const topics = created.map((id) => s.sim.control.topic(s.sellerId, id)!);
      for (const t of topics) {
        assert.match(t.messages[0].body, /[ぁ-んァ-ン一-龠]/);
        assert.equal(t.status, 'unanswered');
        if (t.qaType === 'order') assert.equal(t.orderId, 'goq-test-10000009');
        else assert.ok(t.itemCode);
      }
      return topics.map((t) => [t.title, t.messages[0].body]);
    });
    assert.deepEqual(runs[0], runs[1]);
  });
});

describe('Yahoo! demo store', () => {
  test('about twenty threads in every status, on the exported orders, with attachments and old ones; no names', async () => {
    const { app, control } = createYahooSimulator({ seed: 1 });
    const now = new Date();
    const demo = loadYahooDemoStore(control, { now });
    assert.equal(demo.credentials.sellerId, DEMO_YAHOO_SELLER_ID);
    const topics = control.topics(DEMO_YAHOO_SELLER_ID);
    assert.ok(topics.length >= 18 && topics.length <= 24);
    const statuses = new Set(topics.map((t) => t.status));
    assert.deepEqual([...statuses].sort(), ['answered', 'completed', 'unanswered']);
    assert.ok(topics.some((t) => t.qaType === 'item') && topics.some((t) => t.qaType === 'order'));
    assert.ok(topics.some((t) => t.messages.length >= 3));
    assert.ok(topics.some((t) => t.messages.some((m) => m.postUserType === 'user' && m.files.length > 0)));
    assert.ok(topics.some((t) => t.messages.some((m) => m.postUserType === 'seller' && m.files.some((f) => f.contentType === 'application/pdf'))));
    assert.ok(topics.some((t) => now.getTime() - t.messages[0].postdate * 1000 > 30 * DAY));
    assert.ok(topics.some((t) => t.isComplete && t.isNoAnswer), 'a completed thread the customer wrote on again');
    const orders = new Set<string>(DEMO_YAHOO_ORDERS);
    for (const t of topics) if (t.orderId) assert.ok(orders.has(t.orderId), t.orderId);
    for (const order of DEMO_YAHOO_ORDERS) assert.ok(topics.some((t) => t.orderId === order), order);
    assert.ok(!topics.some((t) => t.orderId === DEMO_YAHOO_ORDER_WITHOUT_INQUIRY));

    // everything arrives through the client, without a customer name
    const client = createYahooClient({
      credentials: credentialsFrom(demo.credentials),
      baseUrl: BASE,
      authBaseUrl: BASE,
      gate: new RequestGate({ minIntervalMs: 0 }),
      fetch: simulatorFetch(app),
    });
    const inquiries = [];
    for await (const inquiry of client.list({ from: new Date(now.getTime() - 90 * DAY), to: now })) inquiries.push(inquiry);
    assert.equal(inquiries.length, topics.length);
    assert.ok(inquiries.every((i) => i.customerName === null));
    const withPhoto = inquiries.find((i) => i.messages.some((m) => m.attachments.some((a) => a.contentType === 'image/png')))!;
    const png = await client.downloadAttachment(withPhoto.messages.flatMap((m) => m.attachments)[0]);
    assert.deepEqual([...png.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('Yahoo! simulator over a real socket', () => {
  test('the client works against it with the global fetch, throttled under the mall\'s rate limit', async () => {
    const { app, control } = createYahooSimulator({ rateLimitMs: 200, seed: 2 });
    const store = control.addStore({ sellerId: 'socket-store' });
    const topicId = control.addTopic('socket-store', { title: '配送', messages: [{ from: 'customer', body: 'いつ届きますか' }] });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = createYahooClient({
        credentials: credentialsFrom(store),
        baseUrl: base,
        authBaseUrl: base,
        gate: new RequestGate({ minIntervalMs: 250 }),
        timeoutMs: 5000,
      });
      const file = await client.uploadAttachment(topicId, { name: '伝票.png', contentType: 'image/png', bytes: PNG_1X1 });
      await client.postReply(topicId, '明日お届け予定です。伝票の写真を添付します。', [file]);
      await client.complete(topicId);
      const inquiry = await client.get(topicId);
      assert.equal(inquiry!.completed, true);
      assert.equal(inquiry!.messages.length, 2);
      const [attachment] = inquiry!.messages[1].attachments;
      assert.equal(attachment.name, '伝票.png');
      assert.deepEqual(Buffer.from(await client.downloadAttachment(attachment)), Buffer.from(PNG_1X1));
      assert.ok(control.requests('socket-store').every((r) => r.status === 200));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
