/**
 * Two server processes (the production build) on one PostgreSQL database and one pair of simulated
 * malls with faults on, as a shop that outgrew one machine runs them:
 * - 200 replies posted across both instances arrive at the malls exactly once;
 * - the simulators' call logs show no account called more than once per second (with the simulators'
 *   10% grace: two calls less than 900 ms apart are a violation);
 * - a page's event stream on one instance gets a write made on the other within 1.5 s;
 * - kill -9 of the instance holding an account's lease: the other delivers the rest within 30 s;
 * - SIGTERM: the instance finishes or hands back its work (no claimed row, no lease left behind) and a
 *   new instance delivers what it handed back;
 * - every log line is JSON, requests carry a request id, and no line holds a secret, a token, a
 *   credential or a reply body.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { signToken } from '../../server/auth/jwt.ts';
import { upsertAccount } from '../../server/malls/accounts/mall-accounts.repository.ts';
import { sealCredentials } from '../../server/malls/credentials-crypto.ts';
import { createTestDatabase, TEST_PG_URL, type TestDatabase } from '../server/support/context.ts';
import { exactlyOnce, rakutenArrivals, yahooArrivals } from '../malls/outbox/delivery-check.ts';
import { startSimulatedMalls, type SimulatedMalls } from './simulated-malls.ts';
import { ensureServerBuild, startInstance, startInstances, waitFor, type Instance } from './support.ts';

const SHOPS = 10;
const PER_STORE = 5;
const JWT_SECRET = `cluster-${randomBytes(12).toString('hex')}`;
const SECRET_KEY = randomBytes(32);

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const token = (shop: string) => signToken({ shop, staff: '担当 花子' }, JWT_SECRET, { expiresInSeconds: 3600 });

async function postReply(instance: Instance, shop: string, inquiryId: string, body: string): Promise<void> {
  const form = new FormData();
  form.set('body', body);
  const response = await fetch(`${instance.url}/api/v1/inquiries/${inquiryId}/replies`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token(shop)}` },
    body: form,
  });
  assert.equal(response.status, 202, `${instance.name}: ${await response.text()}`);
}

/**
 * Calls the simulators' own rate limiters refused: each counts one call a second per account, forgiving
 * 10% of the window (two calls arriving less than 900 ms apart are one too many).
 */
function rateLimited(malls: SimulatedMalls): string[] {
  const problems: string[] = [];
  for (const s of malls.shops) {
    const calls = malls.rakuten.control.calls({ shopId: s.rakuten.shopId });
    calls.forEach((c, i) => {
      if (c.fault !== 'rate limiter') return;
      const before = calls[i - 1];
      problems.push(`rakuten ${s.rakuten.shopId}: ${c.fn} refused by the rate limiter, ${before ? `${c.at.getTime() - before.at.getTime()} ms after ${before.fn} (${before.fault ?? before.status})` : 'first call'}`);
    });
    const y = malls.yahoo.control.requests(s.yahoo.sellerId).filter((q) => q.status === 403);
    if (y.length > 0) problems.push(`yahoo ${s.yahoo.sellerId}: ${y.length} calls refused by the rate limiter`);
  }
  return problems;
}

describe('two server instances on one PostgreSQL', async () => {
  if (!(await postgresAnswers())) {
    if (process.env.GOQ_REQUIRE_PG === '1') throw new Error(`PostgreSQL does not answer at ${TEST_PG_URL}`);
    console.log(`NOTICE: PostgreSQL does not answer at ${TEST_PG_URL}: the two-instance test is skipped`);
    return;
  }
  let database: TestDatabase;
  let malls: SimulatedMalls;
  const instances: Instance[] = [];
  /** stopped or killed: their log lines are still checked */
  const retired: Instance[] = [];
  let env: NodeJS.ProcessEnv;
  const replyBodies: string[] = [];
  /** the shop's inquiries by mall */
  const inquiries = new Map<string, { rakuten: string[]; yahoo: string[] }>();
  let accountIds: Map<string, { shop: string; mall: 'rakuten' | 'yahoo' }>;

  before(async () => {
    ensureServerBuild();
    database = await createTestDatabase('postgres');
    malls = await startSimulatedMalls({ shops: SHOPS, perStore: PER_STORE, label: `cluster-${randomBytes(3).toString('hex')}` });
    // the malls' own limits, one call a second per account, on from the first call
    malls.rakuten.control.setRateLimit({ requestsPerSecond: 1 });
    malls.yahoo.control.setRateLimit(1000);
    accountIds = new Map();
    for (const s of malls.shops) {
      const r = await upsertAccount(database.db, s.shop, 'rakuten', {
        credentials: sealCredentials(SECRET_KEY, { ...s.rakuten, shopId: String(s.rakuten.shopId) }),
        health: 'ok',
      });
      const y = await upsertAccount(database.db, s.shop, 'yahoo', { credentials: sealCredentials(SECRET_KEY, s.yahoo), health: 'ok' });
      accountIds.set(r.id, { shop: s.shop, mall: 'rakuten' });
      accountIds.set(y.id, { shop: s.shop, mall: 'yahoo' });
    }
    env = {
      ...malls.env,
      GOQ_DEMO: '0',
      GOQ_DB_URL: database.url,
      GOQ_JWT_SECRET: JWT_SECRET,
      GOQ_SECRET_KEY: SECRET_KEY.toString('hex'),
      GOQ_MALL_TIMEOUT_MS: '3000',
    };
    // both at once: the migrations take turns under the advisory lock
    instances.push(...(await startInstances(['instance-1', 'instance-2'], env)));
  });

  after(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    malls?.close();
    await database?.close();
  });

  test('the first sync brings every store in, each account synced by one instance', { timeout: 180_000 }, async () => {
    const expected = SHOPS * 2 * PER_STORE;
    const stored = await waitFor(async () => {
      const row = await database.db.selectFrom('inquiries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n) === expected ? expected : 0;
    }, 150_000, 250);
    assert.equal(stored, expected);
    for (const s of malls.shops) {
      const rows = await database.db.selectFrom('inquiries').select(['id', 'mall']).where('shop_id', '=', s.shop).orderBy('id').execute();
      inquiries.set(s.shop, { rakuten: rows.filter((r) => r.mall === 'rakuten').map((r) => r.id), yahoo: rows.filter((r) => r.mall === 'yahoo').map((r) => r.id) });
    }
  });

  test("a page's event stream on instance 1 gets a write made on instance 2 within 1.5 s", { timeout: 60_000 }, async () => {
    const [one, two] = instances as [Instance, Instance];
    const shop = malls.shops[0]!.shop;
    const inquiryId = inquiries.get(shop)!.yahoo[0]!;
    const controller = new AbortController();
    const stream = await fetch(`${one.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token(shop)}` }, signal: controller.signal });
    assert.equal(stream.status, 200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': connected')) text += (await reader.read()).value ?? '';
    const started = Date.now();
    const body = `ご連絡ありがとうございます。イベント確認 ${randomBytes(3).toString('hex')}`;
    replyBodies.push(body);
    const arrived = (async () => {
      while (!text.includes(inquiryId)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += value;
      }
      return Date.now() - started;
    })();
    await postReply(two, shop, inquiryId, body);
    const ms = await Promise.race([arrived, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000))]);
    controller.abort();
    assert.ok(ms <= 1500, `the event arrived after ${ms} ms`);
  });

  test('200 replies posted across both arrive exactly once, no account called more than once a second', { timeout: 420_000 }, async () => {
    const faults = { errorRate: 0.1, timeoutRate: 0.02, hangMs: 1500 };
    malls.rakuten.control.setFaults({ ...faults, afterEffectShare: 0.5, seed: 3 });
    malls.yahoo.control.setFaults({ ...faults, afterWriteShare: 0.5, seed: 3 });
    const expected: { mall: 'rakuten' | 'yahoo'; body: string; files: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const s = malls.shops[i % SHOPS]!;
      const mall = Math.floor(i / SHOPS) % 2 === 0 ? 'rakuten' : 'yahoo';
      const ids = inquiries.get(s.shop)![mall];
      const body = `ご連絡ありがとうございます。二台構成 #${i} ${randomBytes(3).toString('hex')}`;
      await postReply(instances[i % 2]!, s.shop, ids[i % ids.length]!, body);
      expected.push({ mall, body, files: 0 });
      replyBodies.push(body);
    }
    const undelivered = async () => {
      const row = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    await waitFor(async () => (await undelivered()) === 0, 360_000, 500);
    malls.rakuten.control.clearFaults();
    malls.yahoo.control.clearFaults();
    assert.equal(await undelivered(), 0, 'every reply delivered');
    const failed = await database.db.selectFrom('outbox').select(['state', 'last_error']).where('state', '=', 'failed').execute();
    assert.deepEqual(failed, []);

    const rakutenThreads = malls.shops.flatMap((s) => malls.rakuten.control.inquiries(s.rakuten.shopId));
    const yahooTopics = malls.shops.flatMap((s) => malls.yahoo.control.topics(s.yahoo.sellerId));
    assert.deepEqual(
      [
        ...exactlyOnce(expected.filter((e) => e.mall === 'rakuten'), rakutenArrivals(rakutenThreads)),
        ...exactlyOnce(expected.filter((e) => e.mall === 'yahoo'), yahooArrivals(yahooTopics)),
      ],
      [],
    );
    const faultsStruck = malls.rakuten.control.calls().filter((c) => c.fault !== null).length;
    assert.ok(faultsStruck > 5, `faults were injected (${faultsStruck} Rakuten calls)`);
    assert.deepEqual(rateLimited(malls), []);
  });

  test('kill -9 of the instance holding an account: the other delivers the rest within 30 s', { timeout: 120_000 }, async () => {
    const s = malls.shops[3]!;
    const ids = inquiries.get(s.shop)!.yahoo;
    const account = [...accountIds].find(([, a]) => a.shop === s.shop && a.mall === 'yahoo')![0];
    const bodies: string[] = [];
    // six replies to one account: at one call a second, the holder is still at it when killed
    for (let i = 0; i < 6; i++) {
      const body = `ご連絡ありがとうございます。停止テスト #${i} ${randomBytes(3).toString('hex')}`;
      bodies.push(body);
      replyBodies.push(body);
      await postReply(instances[i % 2]!, s.shop, ids[i % ids.length]!, body);
    }
    const sellerReplies = () => {
      const arrivals = yahooArrivals(malls.yahoo.control.topics(s.yahoo.sellerId));
      return bodies.filter((b) => arrivals.has(b)).length;
    };
    await waitFor(async () => sellerReplies() >= 1, 60_000, 20);
    const lease = await database.db.selectFrom('mall_account_leases').selectAll().where('account_id', '=', account).executeTakeFirstOrThrow();
    const holder = instances.find((i) => i.holder === lease.holder);
    assert.ok(holder, 'one of the instances holds the account');
    assert.ok(sellerReplies() < bodies.length, 'the holder was still delivering');
    holder.child.kill('SIGKILL');
    await holder.exited;
    const killedAt = Date.now();
    instances.splice(instances.indexOf(holder), 1);
    retired.push(holder);

    await waitFor(async () => sellerReplies() === bodies.length, 30_000, 100);
    const took = Date.now() - killedAt;
    assert.equal(sellerReplies(), bodies.length, `the rest arrived (${took} ms after the kill)`);
    assert.ok(took <= 30_000, `the survivor delivered the rest ${took} ms after the kill`);
    assert.deepEqual(exactlyOnce(bodies.map((body) => ({ body, files: 0 })), yahooArrivals(malls.yahoo.control.topics(s.yahoo.sellerId))), []);
    const lease2 = await database.db.selectFrom('mall_account_leases').selectAll().where('account_id', '=', account).executeTakeFirstOrThrow();
    assert.notEqual(lease2.holder, holder.holder);
  });

  test('SIGTERM finishes or hands back what the instance holds; a new instance delivers the rest', { timeout: 120_000 }, async () => {
    const survivor = instances[0]!;
    const s = malls.shops[5]!;
    const ids = inquiries.get(s.shop)!.rakuten;
    const bodies: string[] = [];
    for (let i = 0; i < 8; i++) {
      const body = `ご連絡ありがとうございます。終了テスト #${i} ${randomBytes(3).toString('hex')}`;
      bodies.push(body);
      replyBodies.push(body);
      await postReply(survivor, s.shop, ids[i % ids.length]!, body);
    }
    const arrived = () => {
      const arrivals = rakutenArrivals(malls.rakuten.control.inquiries(s.rakuten.shopId));
      return bodies.filter((b) => arrivals.has(b)).length;
    };
    await waitFor(async () => arrived() >= 1, 60_000, 20);
    survivor.child.kill('SIGTERM');
    const exit = await Promise.race([survivor.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))]);
    assert.deepEqual(exit, { code: 0, signal: null }, 'it stopped by itself, cleanly');
    instances.splice(instances.indexOf(survivor), 1);
    retired.push(survivor);
    const held = await database.db.selectFrom('mall_account_leases').selectAll().where('holder', '=', survivor.holder).execute();
    assert.deepEqual(held, [], 'every lease handed back');
    const claimed = await database.db.selectFrom('outbox').select(['id', 'state']).where('state', '=', 'sending').execute();
    assert.deepEqual(claimed, [], 'no claimed row left behind');
    const stopped = survivor.lines.filter((l) => l.includes('"event":"stopped"'));
    assert.equal(stopped.length, 1);

    const next = await startInstance('instance-3', env);
    instances.push(next);
    await waitFor(async () => arrived() === bodies.length, 60_000, 100);
    assert.deepEqual(exactlyOnce(bodies.map((body) => ({ body, files: 0 })), rakutenArrivals(malls.rakuten.control.inquiries(s.rakuten.shopId))), []);
  });

  test('the log: JSON lines, a request id on each request line, no secret, token, credential or reply body', () => {
    const lines = [...instances, ...retired].flatMap((i) => i.lines);
    assert.ok(lines.length > 200);
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request');
    assert.ok(requests.length >= 200);
    for (const entry of requests) assert.match(String(entry.reqId), /^[\w-]{8,}$/);
    assert.ok(lines.some((l) => l.includes('"event":"sync"')), 'sync runs are logged');
    assert.ok(lines.some((l) => l.includes('"event":"outbox"')), 'deliveries are logged');
    // eyJ: the start of any JWT
    const secrets = [JWT_SECRET, SECRET_KEY.toString('hex'), 'eyJ', 'Bearer'];
    for (const s of malls.shops) secrets.push(s.rakuten.serviceSecret, s.rakuten.licenseKey, s.yahoo.clientSecret, s.yahoo.refreshToken);
    for (const line of lines) {
      for (const secret of secrets) assert.ok(!line.includes(secret), 'a secret in the log');
      for (const body of replyBodies) assert.ok(!line.includes(body.slice(-20)), 'a reply body in the log');
    }
  });
});
