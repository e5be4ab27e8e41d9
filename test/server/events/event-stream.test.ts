import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_QUEUED_BYTES } from '../../../server/events/events.routes.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';

describe('GET /events in-process: what an open stream keeps', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => {
    await ctx.close();
  });

  test('a client that stops reading is let go once MAX_QUEUED_BYTES wait for it: unsubscribed, its stream ended', async () => {
    const shop = newShopId();
    const res = await ctx.request(shop, '/api/v1/events');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(ctx.hub.listenerCount(shop), 1);
    // nobody reads the body
    const wire = 'event: counts.updated\ndata: {"needsReply":1,"replied":2,"completed":3}\n\n';
    const event = { name: 'counts.updated', data: { needsReply: 1, replied: 2, completed: 3 } } as const;
    let published = 0;
    try {
      while (ctx.hub.listenerCount(shop) > 0 && published < 10_000) {
        ctx.hub.publish(shop, event);
        published++;
      }
      assert.equal(ctx.hub.listenerCount(shop), 0, 'the stream let go of the shop');
    } catch (error) {
      await res.body!.cancel();
      throw error;
    }
    // the one that would have gone past the limit closed it
    assert.equal(published - 1, Math.floor((MAX_QUEUED_BYTES - ': connected\n\n'.length) / wire.length), `${published} events`);
    // what was queued is still delivered, then the stream ends (the page reconnects)
    const text = await res.text();
    assert.ok(text.startsWith(': connected\n\n'));
    assert.equal(text.split(wire).length - 1, published - 1);
  });

  test('a cancelled stream unsubscribes at once', async () => {
    const shop = newShopId();
    const res = await ctx.request(shop, '/api/v1/events');
    assert.equal(ctx.hub.listenerCount(shop), 1);
    await res.body!.cancel();
    assert.equal(ctx.hub.listenerCount(shop), 0);
  });
});
