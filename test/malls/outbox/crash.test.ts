/**
 * The outbox survives its server being killed: the simulators run in one child process (30% of calls
 * failing, some hanging), the outbox worker in another, which is killed with SIGKILL twice in the
 * middle of delivering 200 replies and started again. In the end every reply is at the mall exactly
 * once, with its attachments, and nothing is lost.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { DbKind } from '../../../server/db/database.ts';
import { submitReply } from '../../../server/inquiries/inquiries.service.ts';
import { upsertAccount } from '../../../server/malls/accounts/mall-accounts.repository.ts';
import { sealCredentials } from '../../../server/malls/credentials-crypto.ts';
import { countUndelivered } from '../../../server/malls/outbox/outbox.repository.ts';
import type { RmsInquiry } from '../../../server/malls/rakuten/wire.ts';
import { startMallSide } from '../../../server/malls/mall-side.ts';
import type { SimTopicView } from '../../../simulators/yahoo/simulator.ts';
import { PNG_1x1 } from '../rakuten/support.ts';
import { createTestDatabase, forEachDatabase, newShopId, type TestDatabase } from '../sync/support.ts';
import { exactlyOnce, rakutenArrivals, yahooArrivals } from './delivery-check.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface SimInfo {
  rakuten: { shopId: number; serviceSecret: string; licenseKey: string };
  rakutenOrigin: string;
  rakutenPaths: { inquiry: string; license: string };
  yahooOrigin: string;
  yahoo: { sellerId: string; clientId: string; clientSecret: string; refreshToken: string; publicKey: { pem: string; version: string } };
}

function start(file: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', here(file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
  return { child, firstLine };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

forEachDatabase('outbox after a crash', (kind: DbKind) => {
  let sim: ChildProcess;
  let info: SimInfo;
  let database: TestDatabase;
  before(async () => {
    const started = start('./sim-process.ts');
    sim = started.child;
    info = JSON.parse(await started.firstLine) as SimInfo;
    database = await createTestDatabase(kind);
  });
  after(async () => {
    sim.kill('SIGTERM');
    await exited(sim);
    await database.close();
  });

  test('killing the worker process twice while it delivers 200 replies loses nothing and doubles nothing', { timeout: 300_000 }, async () => {
    const db = database.db;
    const secretKey = randomBytes(32);
    const endpoints = {
      rakutenBaseUrl: `${info.rakutenOrigin}${info.rakutenPaths.inquiry}`,
      rakutenLicenseBaseUrl: `${info.rakutenOrigin}${info.rakutenPaths.license}`,
      yahooBaseUrl: info.yahooOrigin,
      yahooAuthBaseUrl: info.yahooOrigin,
      timeoutMs: 2000,
    };
    // This process only syncs (to have the inquiries) and checks; the worker runs in the child.
    const side = startMallSide({ db, config: { secretKey, minIntervalMs: 0, schedule: false, outboxWorker: false, endpoints } });
    const shop = newShopId('crash');
    await upsertAccount(db, shop, 'rakuten', {
      credentials: sealCredentials(secretKey, { ...info.rakuten, shopId: String(info.rakuten.shopId) }),
      health: 'ok',
    });
    await upsertAccount(db, shop, 'yahoo', {
      credentials: sealCredentials(secretKey, {
        sellerId: info.yahoo.sellerId,
        clientId: info.yahoo.clientId,
        clientSecret: info.yahoo.clientSecret,
        refreshToken: info.yahoo.refreshToken,
        publicKeyPem: info.yahoo.publicKey.pem,
        publicKeyVersion: info.yahoo.publicKey.version,
      }),
      health: 'ok',
    });
    assert.equal((await side.syncNow(shop, 'rakuten'))?.ok, true);
    assert.equal((await side.syncNow(shop, 'yahoo'))?.ok, true);
    const inquiries = await db.selectFrom('inquiries').select(['id', 'mall']).where('shop_id', '=', shop).orderBy('id').execute();
    const byMall = { rakuten: inquiries.filter((i) => i.mall === 'rakuten'), yahoo: inquiries.filter((i) => i.mall === 'yahoo') };
    assert.equal(byMall.rakuten.length, 10);
    assert.equal(byMall.yahoo.length, 10);

    const expected: { mall: 'rakuten' | 'yahoo'; body: string; files: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const mall = i % 2 === 0 ? 'rakuten' : 'yahoo';
      const inquiry = byMall[mall][Math.floor(i / 2) % 10]!;
      const body = `ご連絡ありがとうございます。再起動テスト ${kind} #${i}`;
      const files = i % 8 === 5 ? [{ name: `receipt-${i}.png`, bytes: PNG_1x1 }] : [];
      await submitReply({ db, shopId: shop, staff: '担当 花子' }, inquiry.id, body, files);
      expected.push({ mall, body, files: files.length });
    }

    const faults = { errorRate: 0.25, timeoutRate: 0.05, hangMs: 600 };
    await getJson(`${info.rakutenOrigin}/_sim/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...faults, afterEffectShare: 0.5 }) });
    await getJson(`${info.yahooOrigin}/_sim/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...faults, afterWriteShare: 0.5 }) });

    const workerEnv = {
      GOQ_DB_URL: database.url,
      GOQ_SECRET_KEY: secretKey.toString('hex'),
      CRASH_RAKUTEN_BASE_URL: endpoints.rakutenBaseUrl,
      CRASH_RAKUTEN_LICENSE_BASE_URL: endpoints.rakutenLicenseBaseUrl,
      CRASH_YAHOO_BASE_URL: endpoints.yahooBaseUrl,
    };
    const delivered = async () => 200 - (await countUndelivered(db, shop));
    const kills: number[] = [];
    for (const killAt of [40, 110]) {
      const worker = start('./worker-process.ts', workerEnv);
      assert.equal(await worker.firstLine, 'ready');
      const deadline = Date.now() + 120_000;
      while ((await delivered()) < killAt && Date.now() < deadline) await sleep(10);
      worker.child.kill('SIGKILL');
      await exited(worker.child);
      kills.push(await delivered());
    }
    assert.ok(kills.every((n) => n < 200), `each kill struck in the middle of the run (${kills.join(', ')} delivered)`);

    const last = start('./worker-process.ts', workerEnv);
    assert.equal(await last.firstLine, 'ready');
    const deadline = Date.now() + 200_000;
    while ((await countUndelivered(db, shop)) > 0 && Date.now() < deadline) await sleep(50);
    last.child.kill('SIGTERM');
    await exited(last.child);
    assert.equal(await countUndelivered(db, shop), 0, 'every row delivered after the restarts');

    await fetch(`${info.rakutenOrigin}/_sim/faults`, { method: 'DELETE' });
    await fetch(`${info.yahooOrigin}/_sim/faults`, { method: 'DELETE' });
    const rakutenThreads = await getJson<RmsInquiry[]>(`${info.rakutenOrigin}/_sim/stores/${info.rakuten.shopId}/inquiries`);
    const yahooTopics = (await getJson<{ topics: SimTopicView[] }>(`${info.yahooOrigin}/_sim/stores/${info.yahoo.sellerId}/topics`)).topics;
    const problems = [
      ...exactlyOnce(expected.filter((e) => e.mall === 'rakuten'), rakutenArrivals(rakutenThreads)),
      ...exactlyOnce(expected.filter((e) => e.mall === 'yahoo'), yahooArrivals(yahooTopics)),
    ];
    assert.deepEqual(problems, []);

    const states = await db.selectFrom('outbox').select('state').where('shop_id', '=', shop).execute();
    assert.deepEqual([...new Set(states.map((s) => s.state))], ['sent']);
    await side.syncNow(shop, 'rakuten');
    await side.syncNow(shop, 'yahoo');
    const shopMessages = await db.selectFrom('messages').select(['delivery']).where('shop_id', '=', shop).where('sender', '=', 'shop').execute();
    assert.equal(shopMessages.length, 200, 'the next sync stores none of them a second time');
    assert.ok(shopMessages.every((m) => m.delivery === 'sent'));
    await side.stop();
  });
});
