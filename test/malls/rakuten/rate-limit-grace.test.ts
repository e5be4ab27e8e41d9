/**
 * The simulator's per-key rate limiter at a real client's spacing: calls 1.1 s apart, and calls a client
 * spaced by 1 s that arrive a little closer (network jitter), are accepted; a burst is still refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { harness } from './support.ts';

const q = '/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T00:00:00';

describe('Rakuten simulator: rate limiter grace', () => {
  it('accepts calls spaced 1.1 s apart at 1 call/s', async () => {
    const h = harness({ rateLimit: { requestsPerSecond: 1 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await sleep(1100);
      statuses.push((await h.raw(q)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200]);
  });

  it('forgives calls arriving up to 10% early, and refuses a burst', async () => {
    const h = harness({ rateLimit: { requestsPerSecond: 1 } });
    assert.equal((await h.raw(q)).status, 200);
    await sleep(950);
    assert.equal((await h.raw(q)).status, 200);
    const burst = await h.raw(q);
    assert.equal(burst.status, 429);
    assert.deepEqual(await burst.json(), { errors: [{ code: 'TooManyRequests', message: 'Too Many Requests' }] });
  });

  it('answers the rate limit with the body set by the named behaviour', async () => {
    const h = harness({ rateLimit: { requestsPerSecond: 1 }, behaviour: { rateLimitBody: { errors: [{ code: 'X', message: 'y' }] } } });
    await h.raw(q);
    const refused = await h.raw(q);
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), { errors: [{ code: 'X', message: 'y' }] });
  });
});
