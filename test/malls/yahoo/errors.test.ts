/** How the Yahoo! client reports the mall's failures: error shapes, 5xx, timeouts, 403s and the rate limit. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import { RequestGate } from '../../../server/malls/request-gate.ts';
import { errorFromResponse, parseErrorBody } from '../../../server/malls/yahoo/errors.ts';
import { yahooSettings } from '../../../server/malls/yahoo/settings.ts';
import { addQuestion, setup } from './helpers.ts';

const settings = yahooSettings();

describe('Yahoo! error shapes', () => {
  test('XML <Error><Message/><Code/></Error>', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Message>AccessToken has been expired.</Message><Code>px-04102</Code></Error>';
    assert.deepEqual(parseErrorBody(xml), { message: 'AccessToken has been expired.', code: 'px-04102' });
    const e = errorFromResponse({ status: 401, bodyText: xml, wwwAuthenticate: null, write: false, settings });
    assert.equal(e.kind, 'auth');
    assert.equal(e.details.mallCode, 'px-04102');
  });

  test('JSON {"Error":{"Message"}} and {"error":{"reason"}}', () => {
    assert.deepEqual(parseErrorBody('{"Error":{"Message":"Bad Request"}}'), { message: 'Bad Request', code: null });
    assert.deepEqual(parseErrorBody('{"error":{"reason":"body is too long"}}'), { message: 'body is too long', code: null });
    const e = errorFromResponse({ status: 400, bodyText: '{"error":{"reason":"body is too long"}}', wwwAuthenticate: null, write: true, settings });
    assert.equal(e.kind, 'rejected');
    assert.equal(e.message, 'body is too long');
    assert.equal(e.retryable, false);
  });

  test('the Bearer challenge names the token error when the body does not', () => {
    const e = errorFromResponse({
      status: 401,
      bodyText: '',
      wwwAuthenticate: 'Bearer realm="yahooapis.jp", error="insufficient_scope"',
      write: false,
      settings,
    });
    assert.equal(e.kind, 'auth');
    assert.equal(e.details.mallCode, 'insufficient_scope');
  });

  test('403 with a code is forbidden; "Your Request was Forbidden" without one is a rate limit (a setting)', () => {
    const ip = errorFromResponse({
      status: 403,
      bodyText: '<Error><Message>Forbidden</Message><Code>px-04306</Code></Error>',
      wwwAuthenticate: null,
      write: false,
      settings,
    });
    assert.equal(ip.kind, 'forbidden');
    const cap = '<Error><Message>Your Request was Forbidden</Message></Error>';
    const limited = errorFromResponse({ status: 403, bodyText: cap, wwwAuthenticate: null, write: false, settings });
    assert.equal(limited.kind, 'rate_limited');
    assert.equal(limited.details.retryAfterMs, settings.yahooRateLimitRetryAfterMs);
    const strict = yahooSettings({ yahooForbiddenWithoutCodeIsRateLimit: false });
    assert.equal(errorFromResponse({ status: 403, bodyText: cap, wwwAuthenticate: null, write: false, settings: strict }).kind, 'forbidden');
  });

  test('5xx is unavailable, ambiguous only for writes', () => {
    const read = errorFromResponse({ status: 503, bodyText: 'oops', wwwAuthenticate: null, write: false, settings });
    const write = errorFromResponse({ status: 500, bodyText: '', wwwAuthenticate: null, write: true, settings });
    assert.equal(read.kind, 'unavailable');
    assert.equal(read.details.ambiguous, false);
    assert.equal(write.details.ambiguous, true);
    assert.ok(write.retryable);
  });
});

describe('Yahoo! client against a failing simulator', () => {
  test('a read retries once after a 5xx; a write never retries and is ambiguous', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    s.sim.control.setFaults({ errorRate: 1, seed: 3 });
    s.sim.control.clearRequests(s.sellerId);
    await assert.rejects(s.client.get(topicId), (e: unknown) => e instanceof MallError && e.kind === 'unavailable');
    assert.equal(s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkDetail').length, 2);

    s.sim.control.clearRequests(s.sellerId);
    await assert.rejects(s.client.postReply(topicId, 'お待たせしました。', []), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'unavailable');
      assert.equal(e.details.ambiguous, true);
      return true;
    });
    assert.equal(s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkAdd').length, 1);
  });

  test('a 5xx after the mall acted leaves the reply posted: the ambiguous case the outbox re-reads', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    s.sim.control.setFaults({ errorRate: 1, afterWriteShare: 1, endpoints: ['externalTalkAdd'], seed: 4 });
    await assert.rejects(s.client.postReply(topicId, '発送しました。', []), (e: unknown) => e instanceof MallError && e.details.ambiguous === true);
    s.sim.control.clearFaults();
    const inquiry = await s.client.get(topicId);
    assert.equal(inquiry!.messages.at(-1)!.body, '発送しました。');
  });

  test('a hung answer is a timeout: unavailable, ambiguous for a write', async () => {
    const s = setup({ client: { timeoutMs: 100 } });
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    s.sim.control.setFaults({ timeoutRate: 1, hangMs: 2000, seed: 5 });
    const started = Date.now();
    await assert.rejects(s.client.complete(topicId), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'unavailable');
      assert.equal(e.details.ambiguous, true);
      assert.match(e.message, /100 ms/);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
  });

  test('with a seed, a fault rate picks the same calls every time', async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const s = setup();
      const topicId = addQuestion(s);
      await s.client.get(topicId);
      s.sim.control.setFaults({ errorRate: 0.3, seed: 42 });
      const row: string[] = [];
      for (let i = 0; i < 20; i++) {
        row.push(await s.client.markRead([topicId]).then(() => 'ok', (e: MallError) => e.kind));
      }
      outcomes.push(row);
      assert.ok(row.includes('ok') && row.includes('unavailable'));
    }
    assert.deepEqual(outcomes[0], outcomes[1]);
  });

  test('a slow answer still arrives within the deadline', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    s.sim.control.setFaults({ slowRate: 1, slowMs: 150, seed: 6 });
    const started = Date.now();
    assert.ok(await s.client.get(topicId));
    assert.ok(Date.now() - started >= 150);
  });

  test('a burst over 1 query/second per store gets 403 "Your Request was Forbidden"; a throttled client does not', async () => {
    const s = setup({ sim: { rateLimitMs: 300 } });
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    await assert.rejects(s.client.get(topicId), (e: unknown) => {
      assert.ok(e instanceof MallError && e.kind === 'rate_limited');
      assert.equal(e.details.status, 403);
      assert.equal(e.message, 'Your Request was Forbidden');
      return true;
    });
    await new Promise((r) => setTimeout(r, 350));
    const throttled = s.makeClient({ gate: new RequestGate({ minIntervalMs: 320 }) });
    for (let i = 0; i < 3; i++) assert.ok(await throttled.get(topicId));
  });

  test('an injected rate-limit answer is rate_limited', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    s.sim.control.setFaults({ rateLimitRate: 1, seed: 8 });
    await assert.rejects(s.client.get(topicId), (e: unknown) => e instanceof MallError && e.kind === 'rate_limited');
  });

  test('a network failure is unavailable', async () => {
    const s = setup();
    const client = s.makeClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(client.checkCredentials(), (e: unknown) => e instanceof MallError && e.kind === 'unavailable');
  });

  test('another store\'s sellerId is forbidden (XML with a px- code)', async () => {
    const s = setup();
    const client = s.makeClient({ credentials: { ...s.store, sellerId: 'someone-else', publicKey: s.store.publicKey } });
    // the signature names the wrong store too; a store that does not insist on it shows the sellerId check
    s.sim.control.setSignatureRequired(s.sellerId, false);
    await assert.rejects(client.checkCredentials(), (e: unknown) => {
      assert.ok(e instanceof MallError);
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.details.mallCode, 'px-14304');
      return true;
    });
  });
});
