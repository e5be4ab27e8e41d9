/**
 * Inbox search at 1,000,000 inquiries / 3,000,000 messages (the inbox benchmark's dataset), in-process
 * through the service (`GET /api/v1/inquiries?q=` minus HTTP), first page of 50, all statuses: p95 per
 * kind of word, against the budget of DESIGN.md §7, beside the full scan the search replaced (the
 * previous LIKE query over every field and message, run on the same data).
 */
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { listInquiryPage } from '../../server/inquiries/inquiries.service.ts';
import { BENCH_SHOP, type DatasetSize } from '../inbox/dataset.ts';
import { prepareSqlite, schemaKey } from '../inbox/inbox.ts';
import { ensurePostgres } from '../inbox/load.ts';
import type { Figure } from '../lib/report.ts';
import { describeLatency, latencyOf, ms } from '../lib/stats.ts';

const BUDGET_MS = 30;

export interface SearchContext {
  size: DatasetSize;
  pgServerUrl: string;
  pgDatabase: string;
  log: (line: string) => void;
}

/** The search the index replaced: every field and message of the shop read with LIKE. */
async function fullScan(db: Db, q: string): Promise<number> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await sql`
    select id from inquiries i where shop_id = ${BENCH_SHOP} and (
      lower(subject) like ${pattern} escape '\\' or lower(coalesce(customer_name, '')) like ${pattern} escape '\\'
      or lower(coalesce(order_id, '')) like ${pattern} escape '\\'
      or exists (select 1 from messages m where m.inquiry_id = i.id and m.shop_id = ${BENCH_SHOP} and lower(m.body) like ${pattern} escape '\\'))
    order by last_activity_at desc, id desc limit 51`.execute(db);
  return rows.rows.length;
}

/** What was measured about a miss of each kind (docs/benchmarks.md, Open: Search at 1,000,000 inquiries). */
function whenMissed(kind: 'sqlite' | 'postgres', label: string): string {
  const where = '(docs/benchmarks.md, Open: Search at 1,000,000 inquiries)';
  if (kind === 'postgres' && label === 'names') {
    return `Cause (measured, EXPLAIN ANALYZE): a full name is in ~0.5 % of inquiries, too rare for the newest documents to fill a page and too common to read cheaply: each of the shop's ~1,400 candidate rows is read and rechecked (the GIN index can neither count nor order them), 39 ms with every block in shared_buffers, more when the 570 MB table is read from the OS past the default 128 MB shared_buffers; the shop's posting list in the GIN index adds 17–35 ms to the scan under load ${where}.`;
  }
  return `The p50 is far inside the budget and the tail moves between kinds from run to run; measured on a machine at load average 10–13 on 2 cores, the misses are not shown to be the search's own cost ${where}.`;
}

export async function runSearch(kind: 'sqlite' | 'postgres', ctx: SearchContext): Promise<Figure[]> {
  const part = `search-${kind}`;
  let url: string;
  let note: string;
  if (kind === 'sqlite') {
    ({ url, note } = await prepareSqlite({ ...ctx, loadSeconds: 0, connections: 0 }));
  } else {
    ({ url, note } = await ensurePostgres(ctx.pgServerUrl, ctx.pgDatabase, ctx.size, schemaKey(ctx.size), (l) => ctx.log(`${part}: ${l}`)));
  }
  const opened = openDatabase(url);
  const figures: Figure[] = [];
  try {
    const db = opened.db;
    // a database built before the search index gets it here, as a server's start would
    const t = performance.now();
    // (a dataset of other migrations has another key: ensurePostgres loaded it afresh)
    await migrateToLatest(db);
    const migrated = performance.now() - t;
    if (migrated > 1000) note += `; the search migration indexed the existing data in ${(migrated / 1000).toFixed(0)} s`;
    const orders = await sql<{ order_id: string }>`
      select order_id from inquiries where shop_id = ${BENCH_SHOP} and order_id is not null and mall = 'rakuten' order by id limit 3`.execute(db);
    const yahooOrders = await sql<{ order_id: string }>`
      select order_id from inquiries where shop_id = ${BENCH_SHOP} and order_id is not null and mall = 'yahoo' order by id limit 2`.execute(db);
    const kinds: [string, string[]][] = [
      ['2-character words', ['返品', '配送', '領収', '在庫', '佐藤', '誠']],
      ['longer words', ['追跡番号', 'お届け日', '領収書の宛名', 'クレジットカード', 'ギフト包装']],
      ['order numbers', [...orders.rows.map((r) => r.order_id), ...yahooOrders.rows.map((r) => r.order_id), '２００００']],
      ['names', ['佐藤 太郎', '高橋 美咲', '渡辺', '陽子', '中村 翔太']],
      ['words found nowhere', ['該当なし語', '配達員', 'xyz', 'ﾃﾞﾆﾑ', '配']],
    ];
    for (const [label, words] of kinds) {
      for (const w of words) await listInquiryPage(db, BENCH_SHOP, { q: w, limit: 50 });
      const samples: number[] = [];
      for (let round = 0; round < 10; round++) {
        for (const w of words) {
          const s = performance.now();
          await listInquiryPage(db, BENCH_SHOP, { q: w, limit: 50 });
          samples.push(performance.now() - s);
        }
      }
      const latency = latencyOf(samples);
      const scan: number[] = [];
      for (const w of words.slice(0, 2)) {
        const s = performance.now();
        await fullScan(db, w);
        scan.push(performance.now() - s);
      }
      const scanLatency = latencyOf(scan);
      ctx.log(`${part}: ${label}: ${describeLatency(latency)}; full scan ${describeLatency(scanLatency)}`);
      figures.push({
        part,
        name: `search, ${label} (${words.join(', ')}), first page, p95 in-process`,
        value: latency.p95,
        unit: 'ms',
        detail: describeLatency(latency),
        budget: { op: '<=', value: BUDGET_MS },
        baseline: `full scan (LIKE over every field and message) of ${words.slice(0, 2).join(', ')}: max ${ms(Math.max(...scan))} ms`,
        whenMissed: whenMissed(kind, label),
        ...(figures.length === 0 ? { note: `dataset: ${note}` } : {}),
        measuredAt: new Date().toISOString(),
      });
    }
  } finally {
    await opened.close();
  }
  return figures;
}
