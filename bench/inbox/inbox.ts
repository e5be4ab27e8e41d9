/**
 * Inbox at scale, on SQLite or PostgreSQL:
 * 1. a database with the benchmark dataset (SQLite: cached under bench/data/, keyed by the schema and
 *    the generator; PostgreSQL: database goq_bench, created for the run and dropped after it);
 * 2. in-process latency through `app.request` with a real token: the first and a deep page (90 % down
 *    the tab, reached by a cursor) of each tab, 50 rows, and the counts; baseline: a bare JSON route of
 *    the same app;
 * 3. the server in a child process under autocannon: the inbox route (the three tabs' first pages in
 *    turn) against a bare Hono route answering the same JSON, as a ratio; the child's RSS meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { InquiryCounts, InquiryPage, InquiryStatus } from '../../shared/api.ts';
import { createApp } from '../../server/app.ts';
import { signToken } from '../../server/auth/jwt.ts';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { createEventHub } from '../../server/events/event-hub.ts';
import { encodeCursor } from '../../server/inquiries/inquiries.service.ts';
import { startMallSide } from '../../server/malls/mall-side.ts';
import { sql } from 'kysely';
import type { Figure } from '../lib/report.ts';
import { describeLatency, latencyOf, ms, type Latency } from '../lib/stats.ts';
import { bareRoutes } from './bare-routes.ts';
import { BENCH_SHOP, DATASET_VERSION, STAFF_IDS, type DatasetSize } from './dataset.ts';
import { dropPostgres, ensurePostgres, loadSqlite, sqliteExists } from './load.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const PAGE = 50;
const LATENCY_BUDGET_MS = 20;
const RSS_BUDGET_MB = 200;
const RATIO_BUDGET = 50;
const TABS: InquiryStatus[] = ['needs-reply', 'replied', 'completed'];

export interface InboxContext {
  size: DatasetSize;
  pgServerUrl: string;
  pgDatabase: string;
  /** seconds of each autocannon run */
  loadSeconds: number;
  connections: number;
  log: (line: string) => void;
}

/** The cache key: the migrations (the schema), the dataset's generator, and the size. */
export function schemaKey(size: DatasetSize): string {
  const hash = createHash('sha256');
  const migrations = join(root, 'server', 'db', 'migrations');
  for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(join(migrations, f)));
  hash.update(readFileSync(join(root, 'server', 'db', 'migrate.ts')));
  hash.update(readFileSync(join(here, 'dataset.ts')));
  hash.update(`${DATASET_VERSION}:${size.inquiries}`);
  return hash.digest('hex').slice(0, 12);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function prepareSqlite(ctx: InboxContext): Promise<{ url: string; note: string }> {
  const dir = join(root, 'bench', 'data');
  const name = `inbox-${ctx.size.inquiries}-${schemaKey(ctx.size)}.sqlite`;
  const path = join(dir, name);
  if (sqliteExists(path)) return { url: path, note: `cached database ${name}` };
  // datasets of other schemas go; so do partial files of runs that are no longer alive
  for (const f of (() => { try { return readdirSync(dir); } catch { return []; } })()) {
    if (!f.startsWith(`inbox-${ctx.size.inquiries}-`)) continue;
    const owner = /\.partial-(\d+)/.exec(f);
    if (owner && processAlive(Number(owner[1]))) continue;
    rmSync(join(dir, f), { force: true });
  }
  ctx.log(`inbox-sqlite: generating ${ctx.size.inquiries.toLocaleString('en')} inquiries into ${name}`);
  const r = await loadSqlite(path, ctx.size, ctx.log);
  const note = `generated ${r.inquiries.toLocaleString('en')} inquiries and ${r.messages.toLocaleString('en')} messages in ${r.seconds.toFixed(0)} s`;
  ctx.log(`inbox-sqlite: ${note}`);
  return { url: path, note };
}

interface Measured {
  latency: Latency;
  /** mean CPU time of this process per call, ms */
  cpu: number;
}

/** Runs `fn` until `maxN` samples or `maxMs` have passed (at least `minN`), after a few warm-up calls. */
async function sample(
  fn: () => Promise<void>,
  opts: { minN?: number; maxN?: number; maxMs?: number; warm?: number; before?: () => Promise<void> } = {},
): Promise<Measured> {
  const { minN = 20, maxN = 400, maxMs = 4000, warm = 5, before } = opts;
  for (let i = 0; i < warm; i++) {
    await before?.();
    await fn();
  }
  const times: number[] = [];
  let cpuMicros = 0;
  const until = performance.now() + maxMs;
  while (times.length < maxN && (times.length < minN || performance.now() < until)) {
    await before?.(); // not timed
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuMicros += used.user + used.system;
  }
  return { latency: latencyOf(times), cpu: cpuMicros / 1000 / times.length };
}

/** The cursor the server gives out after the row at `offset` of a tab (same encoding as the service). */
async function cursorAt(db: Db, status: InquiryStatus, offset: number): Promise<string> {
  const row = await db
    .selectFrom('inquiries')
    .select(['last_activity_at', 'id'])
    .where('shop_id', '=', BENCH_SHOP)
    .where('status', '=', status)
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  return encodeCursor({ kind: 'activity', lastActivityAt: row.last_activity_at, id: row.id });
}

/** The waiting sort's cursor after the row at `offset` of the needs-reply tab. */
async function waitingCursorAt(db: Db, offset: number): Promise<string> {
  const row = await db
    .selectFrom('inquiries')
    .select(['waiting_since', 'id'])
    .where('shop_id', '=', BENCH_SHOP)
    .where('waiting_since', 'is not', null)
    .orderBy('waiting_since', 'asc')
    .orderBy('id', 'asc')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  return encodeCursor({ kind: 'waiting', waitingSince: row.waiting_since!, id: row.id });
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('error', reject);
  });
  const { url, pid } = JSON.parse(line) as { url: string; pid: number };
  return { child, url, pid };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface LoadResult {
  rps: number;
  /** server CPU per answered request, ms */
  cpuPerRequest: number;
  non2xx: number;
  errors: number;
  p99: number;
}

async function load(pid: number, url: string, paths: string[], headers: Record<string, string>, ctx: InboxContext, seconds: number): Promise<LoadResult> {
  const cpu0 = cpuMs(pid);
  const result = await autocannon({
    url,
    connections: ctx.connections,
    duration: seconds,
    headers,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const cpuPerRequest = (cpuMs(pid) - cpu0) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, cpuPerRequest, non2xx: result.non2xx, errors: result.errors + result.timeouts, p99: result.latency.p99 };
}

export async function runInbox(kind: 'sqlite' | 'postgres', ctx: InboxContext): Promise<Figure[]> {
  const part = `inbox-${kind}`;
  const figures: Figure[] = [];
  const now = new Date().toISOString();
  const add = (f: Omit<Figure, 'part' | 'measuredAt'>) => figures.push({ part, measuredAt: now, ...f });
  let url: string;
  let prepNote: string;
  if (kind === 'sqlite') {
    ({ url, note: prepNote } = await prepareSqlite(ctx));
  } else {
    ({ url, note: prepNote } = await ensurePostgres(ctx.pgServerUrl, ctx.pgDatabase, ctx.size, schemaKey(ctx.size), (l) => ctx.log(`inbox-postgres: ${l}`)));
    ctx.log(`inbox-postgres: ${prepNote}`);
  }
  try {
    const secret = randomBytes(32).toString('base64url');
    // a member with inquiries assigned to them (自分の担当)
    const token = signToken({ shop: BENCH_SHOP, staff: 'ベンチ 担当', sub: STAFF_IDS[0] }, secret, { expiresInSeconds: 3600 });
    const headers = { authorization: `Bearer ${token}` };

    // ---- in-process ----
    const opened = openDatabase(url);
    const hub = createEventHub();
    // nothing in the background: only the requests measured run
    const malls = startMallSide({ db: opened.db, hub, config: { secretKey: randomBytes(32), schedule: false, outboxWorker: false } });
    try {
      const bare = bareRoutes();
      const app = createApp({ db: opened.db, hub, malls, config: { jwtSecret: secret, corsOrigins: [] } });
      app.route('/bench', bare.routes);
      const get = async (path: string): Promise<unknown> => {
        const res = await app.request(path, { headers });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
        return text;
      };
      const pagePath = (status: InquiryStatus, cursor?: string) =>
        `/api/v1/inquiries?status=${status}&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
      const counts = JSON.parse((await get('/api/v1/inquiries/counts')) as string) as InquiryCounts;
      const tabCount: Record<InquiryStatus, number> = { 'needs-reply': counts.needsReply, replied: counts.replied, completed: counts.completed };
      ctx.log(`${part}: shop ${BENCH_SHOP} holds ${JSON.stringify(counts)}`);
      // the API's counts must be the rows' (a loader that bypassed the product's bookkeeping would show here)
      const counted = await opened.db
        .selectFrom('inquiries')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .where('shop_id', '=', BENCH_SHOP)
        .groupBy('status')
        .execute();
      for (const row of counted) {
        if (tabCount[row.status] !== Number(row.n)) throw new Error(`counts answer ${tabCount[row.status]} ${row.status}, the rows say ${row.n}`);
      }
      const firstPage = JSON.parse((await get(pagePath('needs-reply'))) as string) as InquiryPage;
      bare.setPage(firstPage);
      // the cursor built here is the one paging hands out
      if (firstPage.nextCursor !== (await cursorAt(opened.db, 'needs-reply', PAGE - 1))) throw new Error('cursor encoding differs from the server');

      const baseline = await sample(async () => void (await get('/bench/bare-page')));
      const baselineText = `bare JSON route, same page: p95 ${ms(baseline.latency.p95)} ms, CPU ${ms(baseline.cpu)} ms/call`;
      // a write to one of the shop's inquiries that changes nothing: whatever the server keeps in memory
      // about the shop's pages no longer holds, as after any real change
      const touched = await opened.db.selectFrom('inquiries').select('id').where('shop_id', '=', BENCH_SHOP).limit(1).executeTakeFirstOrThrow();
      const touch = async () => {
        await sql`update inquiries set updated_at = updated_at where id = ${touched.id}`.execute(opened.db);
      };
      const cases: { name: string; path: string; before?: () => Promise<void> }[] = [];
      for (const tab of TABS) {
        cases.push({ name: `inbox ${tab}, first page`, path: pagePath(tab) });
        cases.push({ name: `inbox ${tab}, first page after a write to the shop's inquiries`, path: pagePath(tab), before: touch });
        const depth = Math.floor(tabCount[tab] * 0.9);
        cases.push({ name: `inbox ${tab}, deep page (row ${depth.toLocaleString('en')})`, path: pagePath(tab, await cursorAt(opened.db, tab, depth)) });
      }
      cases.push({ name: 'counts', path: '/api/v1/inquiries/counts' });
      // team work: the assignee filter, the waiting sort, the member's counts with 未読
      for (const assignee of ['me', 'unassigned'] as const) {
        cases.push({ name: `inbox needs-reply, assignee=${assignee}, first page`, path: `${pagePath('needs-reply')}&assignee=${assignee}` });
        cases.push({ name: `inbox needs-reply, assignee=${assignee}, first page after a write`, path: `${pagePath('needs-reply')}&assignee=${assignee}`, before: touch });
      }
      const waitingCount = tabCount['needs-reply'];
      const waitingDepth = Math.floor(waitingCount * 0.9);
      cases.push({ name: 'inbox needs-reply, sort=waiting, first page', path: `${pagePath('needs-reply')}&sort=waiting` });
      cases.push({ name: 'inbox needs-reply, sort=waiting, first page after a write', path: `${pagePath('needs-reply')}&sort=waiting`, before: touch });
      cases.push({
        name: `inbox needs-reply, sort=waiting, deep page (row ${waitingDepth.toLocaleString('en')})`,
        path: `${pagePath('needs-reply', await waitingCursorAt(opened.db, waitingDepth))}&sort=waiting`,
      });
      cases.push({ name: 'inbox needs-reply, assignee=me, sort=waiting, first page after a write', path: `${pagePath('needs-reply')}&assignee=me&sort=waiting`, before: touch });
      cases.push({ name: 'inbox all statuses, sort=waiting, first page after a write', path: `/api/v1/inquiries?limit=${PAGE}&sort=waiting`, before: touch });
      cases.push({ name: 'counts, assignee=me (with unread)', path: '/api/v1/inquiries/counts?assignee=me' });
      cases.push({ name: 'counts, assignee=all (with unread)', path: '/api/v1/inquiries/counts?assignee=all' });
      for (const c of cases) {
        const m = await sample(async () => void (await get(c.path)), { before: c.before });
        ctx.log(`${part}: ${c.name}: ${describeLatency(m.latency)}, CPU ${ms(m.cpu)} ms/call`);
        add({
          ...(figures.length === 0 ? { note: `dataset: ${prepNote}` } : {}),
          name: `${c.name}, p95 in-process`,
          value: m.latency.p95,
          unit: 'ms',
          detail: `${describeLatency(m.latency)}; CPU ${ms(m.cpu)} ms/call`,
          budget: { op: '<=', value: LATENCY_BUDGET_MS },
          baseline: baselineText,
        });
      }
      // informational: the text search, which has no index to use; a common word fills a page early,
      // a word found nowhere reads every inquiry and message of the shop
      for (const [label, word] of [
        ['a common word', '追跡番号'],
        ['a word found nowhere', '該当なし語'],
      ] as const) {
        const search = await sample(async () => void (await get(`/api/v1/inquiries?status=needs-reply&limit=${PAGE}&q=${encodeURIComponent(word)}`)), {
          minN: 3,
          maxN: 20,
          maxMs: 3000,
          warm: 1,
        });
        ctx.log(`${part}: search for ${label}: ${describeLatency(search.latency)}`);
        add({
          name: `inbox search for ${label} (q=${word}, needs-reply), p95 in-process`,
          value: search.latency.p95,
          unit: 'ms',
          detail: describeLatency(search.latency),
          baseline: baselineText,
          note: 'no budget in DESIGN.md §7; shown so a slow search is visible',
        });
      }
    } finally {
      // the account leases' renewal stops before the database closes
      await malls.stop();
      await opened.close();
    }

    // ---- HTTP, in a child process ----
    const { child, url: base, pid } = await startChild({
      BENCH_DB_URL: url,
      BENCH_JWT_SECRET: secret,
      BENCH_TOKEN: token,
      BENCH_PAGE_PATH: `/api/v1/inquiries?status=needs-reply&limit=${PAGE}`,
    });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const idleRss = rssMb(pid);
      // the figure is the peak while the inbox is served; the bare routes' load comes after it
      let phase: 'inbox' | 'bare' = 'inbox';
      const peak = { inbox: idleRss, bare: idleRss };
      const sampler = setInterval(() => {
        const v = rssMb(pid);
        if (v > peak[phase]) peak[phase] = v;
      }, 100);
      const inboxPaths = TABS.map((t) => `/api/v1/inquiries?status=${t}&limit=${PAGE}`);
      try {
        // each path warmed for 2 s, then measured
        await load(pid, base, inboxPaths, headers, ctx, 2);
        const inbox = await load(pid, base, inboxPaths, headers, ctx, ctx.loadSeconds);
        phase = 'bare';
        await load(pid, base, ['/bench/bare-page'], {}, ctx, 2);
        const barePage = await load(pid, base, ['/bench/bare-page'], {}, ctx, ctx.loadSeconds);
        const tiny = await load(pid, base, ['/bench/bare'], {}, ctx, ctx.loadSeconds);
        clearInterval(sampler);
        if (inbox.non2xx > 0 || inbox.errors > 0) throw new Error(`inbox route under load: ${inbox.non2xx} non-2xx, ${inbox.errors} errors`);
        ctx.log(
          `${part}: HTTP inbox ${inbox.rps.toFixed(0)} req/s (${inbox.cpuPerRequest.toFixed(2)} ms CPU/req), bare same page ${barePage.rps.toFixed(0)} req/s (${barePage.cpuPerRequest.toFixed(2)}), bare tiny ${tiny.rps.toFixed(0)} req/s (${tiny.cpuPerRequest.toFixed(2)})`,
        );
        add({
          name: 'HTTP throughput, inbox route ÷ bare JSON route (same JSON)',
          value: (inbox.rps / barePage.rps) * 100,
          unit: '%',
          detail: `${inbox.rps.toFixed(0)} req/s, p99 ${inbox.p99} ms, ${ctx.connections} connections, ${ctx.loadSeconds} s; server CPU ${inbox.cpuPerRequest.toFixed(2)} ms/req vs ${barePage.cpuPerRequest.toFixed(2)} ms/req bare, a CPU-bound ratio of ${((barePage.cpuPerRequest / inbox.cpuPerRequest) * 100).toFixed(0)} %`,
          budget: { op: '>=', value: RATIO_BUDGET },
          baseline: `bare route answering the same page: ${barePage.rps.toFixed(0)} req/s`,
          whenMissed:
            'Compare the server CPU per request with the bare route\'s, and profile the server under load (node --cpu-prof): earlier causes were a database read for every page (now first pages are kept in memory) and the CORS middleware rebuilding every same-origin answer as a full Response (docs/benchmarks.md, Findings).',
        });
        add({
          name: 'HTTP throughput, inbox route ÷ bare tiny JSON route',
          value: (inbox.rps / tiny.rps) * 100,
          unit: '%',
          detail: `${inbox.rps.toFixed(0)} req/s`,
          baseline: `bare route answering {"ok":true}: ${tiny.rps.toFixed(0)} req/s`,
          note: 'informational: the tiny route also saves serialising and sending ~20 KB per answer',
        });
        add({
          name: 'server RSS while serving the inbox (peak)',
          value: peak.inbox,
          unit: 'MB',
          detail: `child process started as npm start does (node --import tsx); ${peak.bare.toFixed(0)} MB at most while the bare routes were loaded after it`,
          budget: { op: '<=', value: RSS_BUDGET_MB },
          baseline: `same process idle after start: ${idleRss.toFixed(0)} MB`,
          whenMissed:
            'About 45 MB of it is the TypeScript loader npm start runs under (node --import tsx): the same server bundled to JavaScript idles at 76 MB instead of 121 MB (docs/benchmarks.md, Findings).',
        });
      } finally {
        clearInterval(sampler);
      }
    } finally {
      await stopChild(child);
    }
  } finally {
    // the database stays for the next run (ensurePostgres); GOQ_BENCH_DROP_PG=1 drops it
    if (kind === 'postgres' && process.env.GOQ_BENCH_DROP_PG === '1') await dropPostgres(ctx.pgServerUrl, ctx.pgDatabase);
  }
  return figures;
}
