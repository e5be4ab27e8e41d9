/**
 * The production build under load (DESIGN.md §7), started as `npm run start:prod` starts it
 * (`node <its V8 flags> dist/server/main.js`: no TypeScript loader, JSON logs on) on the
 * 1,000,000-inquiry SQLite dataset of the inbox part.
 * - RSS while serving the inbox tabs under autocannon (budget ≤ 100 MB);
 * - another shop's `/inquiries/counts` p99 while one client sends 100,000-part uploads over and over and
 *   holds 1,000 event streams (budget ≤ 50 ms), and RSS once the abuse stops (budget < 150 MB).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { signToken } from '../../server/auth/jwt.ts';
import { openDatabase } from '../../server/db/database.ts';
import { ensureServerBuild, productionNodeFlags, startInstance } from '../../test/cluster/support.ts';
import { BENCH_SHOP, SHOP_IDS, type DatasetSize } from '../inbox/dataset.ts';
import { prepareSqlite } from '../inbox/inbox.ts';
import type { Figure } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

export async function runProduction(ctx: { size: DatasetSize; log: (line: string) => void }): Promise<Figure[]> {
  ensureServerBuild();
  const { url: dbUrl, note } = await prepareSqlite({ size: ctx.size, pgServerUrl: '', pgDatabase: '', loadSeconds: 8, connections: 10, log: ctx.log });
  const secret = randomBytes(32).toString('base64url');
  const instance = await startInstance('bench-production', { GOQ_DEMO: '0', GOQ_DB_URL: dbUrl, GOQ_JWT_SECRET: secret, GOQ_SECRET_KEY: randomBytes(32).toString('hex') }, 120_000);
  const pid = instance.child.pid!;
  const figures: Figure[] = [];
  const now = new Date().toISOString();
  try {
    const token = signToken({ shop: BENCH_SHOP, staff: 'ベンチ' }, secret, { expiresInSeconds: 3600 });
    const headers = { authorization: `Bearer ${token}` };
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssMb(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
    const paths = ['needs-reply', 'replied', 'completed'].map((s) => `/api/v1/inquiries?status=${s}&limit=50`);
    const served = await autocannon({ url: instance.url, connections: 10, duration: 8, headers, requests: paths.map((path) => ({ method: 'GET', path })) });
    clearInterval(sampler);
    instance.lines.length = 0;
    ctx.log(`production: ${served.requests.average.toFixed(0)} req/s, RSS idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
    figures.push({
      part: 'production',
      name: 'production build: server RSS while serving 1,000,000 inquiries (peak)',
      value: peak,
      unit: 'MB',
      detail: `${['node', ...productionNodeFlags(), 'dist/server/main.js'].join(' ')}, JSON request log on; inbox tabs under autocannon, 10 connections, 8 s, ${served.requests.average.toFixed(0)} req/s; ${note}`,
      budget: { op: '<=', value: 100 },
      baseline: `same process idle after start: ${idle.toFixed(0)} MB`,
      measuredAt: now,
    });

    // abuse by one client (shop 2), measured on another shop (shop 1)
    const abuserToken = signToken({ shop: SHOP_IDS[1]!, staff: '攻撃' }, secret, { expiresInSeconds: 3600 });
    const opened = openDatabase(dbUrl);
    const target = await opened.db.selectFrom('inquiries').select('id').where('shop_id', '=', SHOP_IDS[1]!).limit(1).executeTakeFirstOrThrow();
    await opened.close();
    const streams: ClientRequest[] = [];
    for (let i = 0; i < 1000; i++) {
      const req = httpRequest(`${instance.url}/api/v1/events`, { headers: { Authorization: `Bearer ${abuserToken}` }, agent: false });
      req.on('response', (res) => res.resume());
      req.on('error', () => undefined);
      req.end();
      streams.push(req);
    }
    // the uploads come from a process of their own (the measuring process stays idle between requests)
    const abuser = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./abuser.ts', import.meta.url))], {
      env: { ...process.env, ABUSE_URL: `${instance.url}/api/v1/inquiries/${target.id}/replies`, ABUSE_TOKEN: abuserToken, ABUSE_SECONDS: '8' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let abuseOut = '';
    abuser.stdout!.on('data', (d: Buffer) => (abuseOut += d.toString()));
    const abuseDone = new Promise<void>((resolve) => abuser.once('exit', () => resolve()));
    let abusePeak = rssMb(pid);
    const sampler2 = setInterval(() => (abusePeak = Math.max(abusePeak, rssMb(pid))), 100);
    await new Promise((r) => setTimeout(r, 1500));
    const latencies: number[] = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      const t = performance.now();
      const res = await fetch(`${instance.url}/api/v1/inquiries/counts`, { headers });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
    }
    await abuseDone;
    const { uploads, statuses } = JSON.parse(abuseOut || '{"uploads":0,"statuses":[]}') as { uploads: number; statuses: number[] };
    for (const s of streams) s.destroy();
    clearInterval(sampler2);
    await new Promise((r) => setTimeout(r, 3000));
    const after = rssMb(pid);
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    ctx.log(`production: counts under abuse p99 ${p99.toFixed(1)} ms (n=${latencies.length}), ${uploads} uploads (${statuses.join('/')}), RSS peak ${abusePeak.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    figures.push(
      {
        part: 'production',
        name: "another shop's /inquiries/counts while one client sends 100,000-part uploads and holds 1,000 event streams, p99",
        value: p99,
        unit: 'ms',
        detail: `p50 ${percentile(latencies, 50).toFixed(1)} / p95 ${percentile(latencies, 95).toFixed(1)} / p99 ${p99.toFixed(1)} ms, n=${latencies.length} in 6 s; ${uploads} uploads answered ${statuses.join('/')}; production build`,
        budget: { op: '<=', value: 50 },
        baseline: 'counts, p95 in-process on the same dataset: inbox-sqlite rows',
        measuredAt: now,
      },
      {
        part: 'production',
        name: 'server RSS after the abuse stops',
        value: after,
        unit: 'MB',
        detail: `peak ${abusePeak.toFixed(0)} MB during the abuse; measured 3 s after the streams closed and the uploads stopped`,
        budget: { op: '<=', value: 150 },
        baseline: `before the abuse: ${idle.toFixed(0)} MB idle`,
        measuredAt: now,
      },
    );
    return figures;
  } finally {
    instance.child.kill('SIGTERM');
    await instance.exited;
  }
}
