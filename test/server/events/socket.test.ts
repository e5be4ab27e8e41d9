import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import type { InquiryCounts, InquiryPage, InquiryUpdatedEvent } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { startServer, type RunningServer } from '../../../server/compose.ts';
import { TEST_SECRET, createTestDatabase, newShopId, type TestDatabase } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm } from '../support/fixtures.ts';

interface ReceivedEvent {
  event: string;
  data: string;
}

/** Reads server-sent events from a fetch body, as the widgets do. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        if (lines.every((l) => l.startsWith(':'))) comments.push(...lines);
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (event) events.push({ event, data });
      }
    }
  })();
  return { events, comments, done, cancel: () => reader.cancel().catch(() => undefined) };
}

async function waitFor(check: () => boolean, ms = 10_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('over a real socket: startServer, healthz, the demo seed and server-sent events', () => {
  let database: TestDatabase;
  let server: RunningServer;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({ dbUrl: database.url, port: 0, jwtSecret: TEST_SECRET, corsOrigins: [], sseHeartbeatMs: 100, demo: { malls: false } });
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  test('GET /healthz and the seeded demo shop through the printed demo token', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { ok: true });
    const headers = { Authorization: `Bearer ${server.demoToken}` };
    const counts = (await (await fetch(`${server.url}/api/v1/inquiries/counts`, { headers })).json()) as InquiryCounts;
    assert.ok(counts.needsReply > 0 && counts.replied > 0 && counts.completed > 0, JSON.stringify(counts));
    const page = (await (await fetch(`${server.url}/api/v1/inquiries?limit=100`, { headers })).json()) as InquiryPage;
    assert.deepEqual(new Set(page.items.map((i) => i.mall)), new Set(['rakuten', 'yahoo']));
    assert.ok(page.items.filter((i) => i.mall === 'yahoo').every((i) => i.customerName === null));
    const demo = await fetch(`${server.url}/demo/`);
    assert.equal(demo.status, 200);
    assert.match(await demo.text(), /<html/);
  });

  test('a reply posted over the socket is announced to the shop as inquiry.updated and counts.updated, not to another shop', async () => {
    const shop = newShopId();
    const other = newShopId();
    const orderId = 'order-sse-1';
    const { inquiryId } = await recordMallInquiry(server.db, shop, null, mallInquiry('rakuten', { orderId, messages: [mallMessage('customer', '質問', new Date())] }));
    const open = (s: string) =>
      fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${signToken({ shop: s, staff: 'x' }, TEST_SECRET)}` } });
    const mine = await open(shop);
    const theirs = await open(other);
    assert.equal(mine.status, 200);
    assert.match(mine.headers.get('content-type') ?? '', /text\/event-stream/);
    const a = readEvents(mine.body!);
    const b = readEvents(theirs.body!);
    await waitFor(() => server.hub.listenerCount(shop) === 1 && server.hub.listenerCount(other) === 1);

    const token = signToken({ shop, staff: '担当' }, TEST_SECRET);
    const res = await fetch(`${server.url}/api/v1/inquiries/${inquiryId}/replies`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: replyForm('回答します'),
    });
    assert.equal(res.status, 202);
    await waitFor(() => a.events.length >= 2);
    const updated = a.events.find((e) => e.event === 'inquiry.updated')!;
    assert.deepEqual(JSON.parse(updated.data) as InquiryUpdatedEvent, { id: inquiryId, orderId });
    const counts = a.events.find((e) => e.event === 'counts.updated')!;
    assert.deepEqual(JSON.parse(counts.data), { needsReply: 0, replied: 1, completed: 0 });
    await waitFor(() => a.comments.some((c) => c.includes('heartbeat')));
    assert.equal(b.events.length, 0);
    await a.cancel();
    await b.cancel();
    await waitFor(() => server.hub.listenerCount(shop) === 0 && server.hub.listenerCount(other) === 0);
  });

  test('the sync path announces what it stored', async () => {
    const shop = newShopId();
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${signToken({ shop, staff: 'x' }, TEST_SECRET)}` } });
    const stream = readEvents(res.body!);
    await waitFor(() => server.hub.listenerCount(shop) === 1);
    const result = await recordMallInquiry(server.db, shop, null, mallInquiry('yahoo'), new Map(), { hub: server.hub });
    await waitFor(() => stream.events.length >= 2);
    assert.deepEqual(JSON.parse(stream.events[0]!.data), { id: result.inquiryId, orderId: null });
    assert.deepEqual(JSON.parse(stream.events[1]!.data), { needsReply: 1, replied: 0, completed: 0 });
    await stream.cancel();
  });

  test('open streams share one heartbeat timer: 20 streams start one interval, each gets the comment, the last to close stops it', async () => {
    const shop = newShopId();
    const token = signToken({ shop, staff: 'x' }, TEST_SECRET);
    // only the streams opened here: the other tests' streams are closed
    await waitFor(() => server.hub.totalListeners() === 0);
    const intervals = mock.method(globalThis, 'setInterval');
    const cleared = mock.method(globalThis, 'clearInterval');
    try {
      const streams: ReturnType<typeof readEvents>[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200);
        streams.push(readEvents(res.body!));
      }
      await waitFor(() => server.hub.listenerCount(shop) === 20);
      const heartbeatTimers = () => intervals.mock.calls.filter((call) => call.arguments[1] === 100).length;
      assert.equal(heartbeatTimers(), 1, 'one timer for all the streams, not one per stream');
      // every stream is beaten by it, more than once
      await waitFor(() => streams.every((s) => s.comments.filter((c) => c.includes('heartbeat')).length >= 2));
      for (const s of streams) await s.cancel();
      await waitFor(() => server.hub.listenerCount(shop) === 0);
      await waitFor(() => cleared.mock.calls.length > 0);
      assert.equal(heartbeatTimers(), 1);
    } finally {
      intervals.mock.restore();
      cleared.mock.restore();
    }
  });

  test('the events stream needs a token', async () => {
    const res = await fetch(`${server.url}/api/v1/events`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });
});
