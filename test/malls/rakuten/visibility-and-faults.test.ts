/**
 * The 30-day visibility switch, injected faults (5xx, hangs, 401, rate limits, slow answers), the
 * per-key rate limiter, time control, and the client's retry rules under them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import { DAY, SHOP_ID, T0, collect, harness } from './support.ts';

describe('Rakuten simulator: 30-day visibility (userActionNotificationApproved)', () => {
  function withOldAndNew() {
    const h = harness();
    const fresh = h.sim.control.addInquiry(SHOP_ID, { userName: '新しい', message: 'a', regDate: new Date(T0.getTime() - 5 * DAY) });
    const old = h.sim.control.addInquiry(SHOP_ID, { userName: '古い', message: 'b', regDate: new Date(T0.getTime() - 40 * DAY) });
    return { h, fresh, old };
  }

  it('by default hides inquiries older than 30 days from list and count, but get-by-number answers', async () => {
    const { h, fresh, old } = withOldAndNew();
    const listed = await collect(h.client.list({ from: new Date(T0.getTime() - 60 * DAY), to: T0 }));
    assert.deepEqual(listed.map((i) => i.mallInquiryId), [fresh.inquiryNumber]);
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - 59 * DAY), to: T0 }), 1);
    assert.equal((await h.client.get(old.inquiryNumber))!.customerName, '古い');
  });

  it('once approved, list and count reach the older ones', async () => {
    const { h, fresh, old } = withOldAndNew();
    h.sim.control.setUserActionNotificationApproved(SHOP_ID, true);
    const listed = await collect(h.client.list({ from: new Date(T0.getTime() - 60 * DAY), to: T0 }));
    assert.deepEqual(listed.map((i) => i.mallInquiryId).sort(), [fresh.inquiryNumber, old.inquiryNumber].sort());
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - 59 * DAY), to: T0 }), 2);
  });

  it('the boundary follows the simulated clock', async () => {
    let now = new Date(T0);
    const h = harness({ clock: { now: () => new Date(now) } });
    h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y', regDate: new Date(T0.getTime() - 29 * DAY) });
    const period = () => ({ from: new Date(now.getTime() - 45 * DAY), to: now });
    assert.equal(await h.client.count(period()), 1);
    now = new Date(T0.getTime() + 2 * DAY);
    h.sim.control.setLicenceExpiry('SL373343_9fKe1TestLicence', new Date(T0.getTime() + 100 * DAY));
    assert.equal(await h.client.count(period()), 0);
    h.sim.control.advanceTime(-2 * DAY);
    assert.equal(h.sim.control.clock.now().getTime(), T0.getTime());
  });
});

describe('Rakuten simulator: faults', () => {
  it('5xx on reads: the client retries once, then gives unavailable', async () => {
    const h = harness({ faults: { errorRate: 1, errorStatus: 503 } });
    const n = `${SHOP_ID}-20261120-00000001a`;
    await assert.rejects(
      () => h.client.get(n),
      (e: unknown) => e instanceof MallError && e.kind === 'unavailable' && e.details.status === 503 && e.retryable,
    );
    assert.equal(h.sim.control.calls({ fn: 'inquirymngapi.inquiry.get' }).length, 2);
    // counted for the store even though the fault struck before auth
    assert.equal(h.sim.control.calls({ shopId: SHOP_ID }).length, 2);
  });

  it('5xx on a reply: no retry, ambiguous; an after-effect fault has stored the reply anyway', async () => {
    const h = harness({ faults: { errorRate: 1, afterEffectShare: 1, functions: ['inquirymngapi.reply.post'] } });
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    await assert.rejects(
      () => h.client.postReply(n, '返信', []),
      (e: unknown) => e instanceof MallError && e.kind === 'unavailable' && e.details.ambiguous === true,
    );
    assert.equal(h.sim.control.calls({ fn: 'inquirymngapi.reply.post' }).length, 1);
    assert.equal(h.sim.control.inquiry(n)!.replies.length, 1);
    h.sim.control.setFaults({ errorRate: 1, afterEffectShare: 0, functions: ['inquirymngapi.reply.post'] });
    await assert.rejects(() => h.client.postReply(n, '返信2', []));
    assert.equal(h.sim.control.inquiry(n)!.replies.length, 1);
  });

  it('a hang is a timeout for the client: ambiguous for a write', async () => {
    const h = harness({ faults: { timeoutRate: 1, hangMs: 5_000, afterEffectShare: 1 } }, { timeoutMs: 100 });
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    const started = Date.now();
    await assert.rejects(
      () => h.client.postReply(n, '返信', []),
      (e: unknown) => e instanceof MallError && e.kind === 'unavailable' && e.details.ambiguous === true && /no answer within 100 ms/.test(e.message),
    );
    assert.ok(Date.now() - started < 1000);
    // applied before the answer hung
    assert.equal(h.sim.control.inquiry(n)!.replies.length, 1);
  });

  it('injected 401 and rate-limit answers', async () => {
    const h = harness({ faults: { authFailureRate: 1 } });
    await assert.rejects(() => h.client.count({ from: new Date(T0.getTime() - DAY), to: T0 }), (e: unknown) => e instanceof MallError && e.kind === 'auth');
    h.sim.control.setFaults({ rateLimitRate: 1 });
    await assert.rejects(
      () => h.client.count({ from: new Date(T0.getTime() - DAY), to: T0 }),
      (e: unknown) => e instanceof MallError && e.kind === 'rate_limited' && e.details.retryAfterMs === 1000,
    );
    h.sim.control.clearFaults();
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - DAY), to: T0 }), 0);
  });

  it('a seed makes the fault sequence reproducible', async () => {
    const statuses = async () => {
      const h = harness({ faults: { errorRate: 0.3, rateLimitRate: 0.2, seed: 42 } });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await h.raw('/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T00:00:00')).status);
      return out;
    };
    const a = await statuses();
    assert.deepEqual(a, await statuses());
    assert.ok(a.includes(200) && a.some((s) => s >= 500) && a.includes(429));
  });

  it('slow answers are delayed but succeed', async () => {
    const h = harness({ faults: { slowRate: 1, slowMs: 150 } });
    const started = Date.now();
    assert.equal(await h.client.count({ from: new Date(T0.getTime() - DAY), to: T0 }), 0);
    assert.ok(Date.now() - started >= 140);
    assert.match(h.sim.control.calls()[0]!.fault!, /^slow/);
  });

  it('the per-key rate limiter answers 429 with Retry-After past its rate', async () => {
    const h = harness({ rateLimit: { requestsPerSecond: 2, retryAfterSeconds: 2 } });
    const q = '/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T00:00:00';
    const answers = [await h.raw(q), await h.raw(q), await h.raw(q)];
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 429]);
    assert.equal(answers[2]!.headers.get('retry-after'), '2');
    h.sim.control.setRateLimit(null);
    assert.equal((await h.raw(q)).status, 200);
  });

  it('faults can be set over /_sim/ as JSON', async () => {
    const h = harness();
    const put = await h.sim.fetch('http://rakuten.test/_sim/faults', { method: 'PUT', body: JSON.stringify({ errorRate: 1, errorStatus: 500 }) });
    assert.deepEqual(await put.json(), { errorRate: 1, errorStatus: 500 });
    assert.equal((await h.raw('/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T00:00:00')).status, 500);
    await h.sim.fetch('http://rakuten.test/_sim/faults', { method: 'DELETE' });
    assert.equal((await h.raw('/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T00:00:00')).status, 200);
  });
});

describe('Rakuten simulator: control over /_sim/', () => {
  it('adds inquiries and customer messages, reads them back, moves the clock', async () => {
    const h = harness();
    const sim = (path: string, init?: RequestInit) => h.sim.fetch(`http://rakuten.test/_sim${path}`, init);
    const created = (await (
      await sim(`/stores/${SHOP_ID}/inquiries`, {
        method: 'POST',
        body: JSON.stringify({ userName: '木村 恵', message: '在庫はありますか', regDate: '2026-11-19T01:00:00Z', itemName: '煎茶' }),
      })
    ).json()) as { inquiryNumber: string; regDate: string; type: string };
    assert.equal(created.regDate, '2026-11-19T10:00:00+09:00');
    assert.equal(created.type, '商品問い合わせ');
    const message = await sim(`/inquiries/${created.inquiryNumber}/messages`, { method: 'POST', body: JSON.stringify({ message: '追加の質問です' }) });
    assert.equal(message.status, 201);
    const inquiry = (await (await sim(`/inquiries/${created.inquiryNumber}`)).json()) as { replies: { replyFrom: string; message: string }[] };
    assert.deepEqual(inquiry.replies.map((r) => [r.replyFrom, r.message]), [['user', '追加の質問です']]);
    const clock = (await (await sim('/clock', { method: 'PUT', body: JSON.stringify({ advanceMs: 3_600_000 }) })).json()) as { now: string };
    assert.equal(clock.now, '2026-11-20T04:00:00.000Z');
    const store = (await (await sim(`/stores/${SHOP_ID}`, { method: 'PATCH', body: JSON.stringify({ userActionNotificationApproved: true, functions: { 'inquirymngapi.reply.post': false } }) })).json()) as {
      userActionNotificationApproved: boolean;
      functions: string[];
    };
    assert.equal(store.userActionNotificationApproved, true);
    assert.ok(!store.functions.includes('inquirymngapi.reply.post'));
    const calls = (await (await sim('/calls')).json()) as unknown[];
    assert.equal(calls.length, 0);
    assert.equal((await sim('/stores/999/inquiries')).status, 400);
  });

  it('the generator adds realistic inquiries and follow-ups', () => {
    const h = harness({ generatorSeed: 7 });
    const inquiry = h.sim.control.generateInquiry(SHOP_ID);
    assert.match(inquiry.inquiryNumber, /^373343-20261120-\d{8}[a-z]$/);
    assert.match(inquiry.userName, /^\S+ \S+$/);
    assert.ok(/[ぁ-んァ-ン一-龥]/.test(inquiry.message));
    const followUp = h.sim.control.generateFollowUp(SHOP_ID);
    assert.equal(followUp!.inquiryNumber, inquiry.inquiryNumber);
    assert.equal(h.sim.control.inquiry(inquiry.inquiryNumber)!.replies[0]!.replyFrom, 'user');
  });
});
