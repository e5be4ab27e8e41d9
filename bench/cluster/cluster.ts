/**
 * Several instances on one PostgreSQL (DESIGN.md §7): two processes of the production build on one
 * database and one pair of simulated malls (their rate limiters on).
 * - the highest number of mall calls in any one second for any one account, from the simulators' call
 *   logs, over the first sync of every account and replies posted to both instances (budget ≤ 1);
 * - a Rakuten notification (posted by the simulator to instance 2's webhook) → the event on a page's
 *   stream on instance 1, p95 (budget ≤ 1.5 s).
 */
import { randomBytes } from 'node:crypto';
import { signToken } from '../../server/auth/jwt.ts';
import { upsertAccount } from '../../server/malls/accounts/mall-accounts.repository.ts';
import { sealCredentials } from '../../server/malls/credentials-crypto.ts';
import { ensureServerBuild, startInstances, waitFor, type Instance } from '../../test/cluster/support.ts';
import { startSimulatedMalls } from '../../test/cluster/simulated-malls.ts';
import { createTestDatabase } from '../../test/server/support/context.ts';
import type { Figure } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';

const NOTIFICATIONS = 10;

export async function runCluster(ctx: { log: (line: string) => void }): Promise<Figure[]> {
  ensureServerBuild();
  const database = await createTestDatabase('postgres');
  const malls = await startSimulatedMalls({ shops: 2, perStore: 3, label: `bench-${randomBytes(3).toString('hex')}` });
  malls.rakuten.control.setRateLimit({ requestsPerSecond: 1 });
  malls.yahoo.control.setRateLimit(1000);
  const secret = `bench-${randomBytes(8).toString('hex')}`;
  const key = randomBytes(32);
  const instances: Instance[] = [];
  try {
    for (const [i, s] of malls.shops.entries()) {
      const authKey = `bench-notify-${i}-${randomBytes(6).toString('hex')}`;
      s.rakuten = { ...s.rakuten, authKey } as typeof s.rakuten;
      await upsertAccount(database.db, s.shop, 'rakuten', { credentials: sealCredentials(key, { ...s.rakuten, shopId: String(s.rakuten.shopId), authKey }), health: 'ok' });
      await upsertAccount(database.db, s.shop, 'yahoo', { credentials: sealCredentials(key, s.yahoo), health: 'ok' });
    }
    const env = { ...malls.env, GOQ_DEMO: '0', GOQ_DB_URL: database.url, GOQ_JWT_SECRET: secret, GOQ_SECRET_KEY: key.toString('hex') };
    instances.push(...(await startInstances(['bench-1', 'bench-2'], env)));
    const [one, two] = instances as [Instance, Instance];
    for (const [i, s] of malls.shops.entries()) {
      malls.rakuten.control.setNotificationTarget(s.rakuten.shopId, { url: `${two.url}/webhooks/rakuten/notification`, authKey: (s.rakuten as { authKey?: string }).authKey! });
      // the shop approved 問い合わせユーザアクション通知: the mall sends them
      malls.rakuten.control.setUserActionNotificationApproved(s.rakuten.shopId, true);
      void i;
    }
    const expected = malls.shops.length * 2 * 3;
    await waitFor(async () => {
      const row = await database.db.selectFrom('inquiries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n) >= expected;
    }, 120_000, 250);

    // replies to one shop's accounts, half through each instance
    const shop = malls.shops[0]!;
    const token = signToken({ shop: shop.shop, staff: '担当' }, secret, { expiresInSeconds: 3600 });
    const ids = await database.db.selectFrom('inquiries').select(['id']).where('shop_id', '=', shop.shop).execute();
    for (let i = 0; i < 20; i++) {
      const form = new FormData();
      form.set('body', `ベンチマーク返信 ${i}`);
      await fetch(`${instances[i % 2]!.url}/api/v1/inquiries/${ids[i % ids.length]!.id}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    }

    // the replies delivered first: a notification is measured on an idle account, as the budget says
    await waitFor(async () => {
      const row = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
      return Number(row.n) === 0;
    }, 180_000, 500);

    // notifications → events on the other instance
    const stream = await fetch(`${one.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}` } });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string, timeoutMs: number): Promise<boolean> => {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(needle)) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (chunk === null) return false;
        if (chunk.done) return false;
        text += chunk.value;
      }
      return true;
    };
    await readUntil(': connected', 5000);
    const latencies: number[] = [];
    let missed = 0;
    for (let n = 0; n < NOTIFICATIONS; n++) {
      // apart by more than a sync run (a few calls at one a second), so each finds the account idle
      await new Promise((r) => setTimeout(r, 7000));
      text = '';
      const started = Date.now();
      const followUp = malls.rakuten.control.generateFollowUp(shop.rakuten.shopId, { notify: true });
      if (!followUp) throw new Error('no open inquiry to follow up');
      const local = await waitFor(
        async () => (await database.db.selectFrom('inquiries').select('id').where('shop_id', '=', shop.shop).where('mall_inquiry_id', '=', followUp.inquiryNumber).executeTakeFirst())?.id,
        10_000,
        20,
      );
      if (local && (await readUntil(local, 10_000 - (Date.now() - started)))) latencies.push(Date.now() - started);
      else missed++;
    }
    await reader.cancel().catch(() => undefined);

    // the most calls any one account received within one second (sliding window over arrivals)
    let worst = 0;
    let worstAccount = '';
    const windowMax = (times: number[]) => {
      const t = [...times].sort((a, b) => a - b);
      let best = 0;
      for (let i = 0, j = 0; i < t.length; i++) {
        while (t[i]! - t[j]! >= 1000) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    };
    let calls = 0;
    for (const s of malls.shops) {
      const r = malls.rakuten.control.calls({ shopId: s.rakuten.shopId }).filter((c) => c.fault !== 'rate limiter').map((c) => c.at.getTime());
      const y = malls.yahoo.control.requests(s.yahoo.sellerId).filter((q) => q.status !== 403).map((q) => q.at);
      calls += r.length + y.length;
      for (const [label, times] of [[`rakuten ${s.rakuten.shopId}`, r], [`yahoo ${s.yahoo.sellerId}`, y]] as const) {
        const m = windowMax(times);
        if (m > worst) [worst, worstAccount] = [m, label];
      }
    }
    latencies.sort((a, b) => a - b);
    const p95 = latencies.length > 0 ? percentile(latencies, 95) : null;
    ctx.log(`cluster: at most ${worst} call(s) in one second (${worstAccount}) over ${calls} calls; notification → event on the other instance p95 ${p95} ms (n=${latencies.length}, missed ${missed})`);
    return [
      {
        part: 'cluster',
        name: 'several instances: the most mall calls to one account within one second',
        value: worst,
        unit: 'calls',
        detail: `two production-build instances on one PostgreSQL, ${malls.shops.length * 2} accounts, ${calls} calls (first syncs, 20 replies through both, ${NOTIFICATIONS} notifications); worst: ${worstAccount}`,
        budget: { op: '<=', value: 1 },
        baseline: 'the simulators\' limiters: 1 call/s with 10% grace',
      },
      {
        part: 'cluster',
        name: 'a Rakuten notification → the event on another instance, p95',
        value: p95 === null ? null : p95 / 1000,
        unit: 's',
        detail: `n=${latencies.length}, missed ${missed}; notification posted to instance 2, page's stream on instance 1; p50 ${latencies.length ? (percentile(latencies, 50) / 1000).toFixed(2) : '–'} s`,
        budget: { op: '<=', value: 1.5 },
        baseline: 'the account\'s call spacing: 1 s between calls',
      },
    ];
  } finally {
    for (const i of instances) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exited));
    malls.close();
    await database.close();
  }
}
