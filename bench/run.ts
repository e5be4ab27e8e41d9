/**
 * `npm run bench [-- part ...] [--inquiries=N]`: measures every budget of DESIGN.md §7 beside a
 * baseline measured in the same run, prints one table, writes bench/RESULTS.md, and exits non-zero
 * when a budget is missed. Parts: bundles, inbox (= inbox-sqlite + inbox-postgres), inbox-sqlite,
 * inbox-postgres, search (= search-sqlite + search-postgres), search-sqlite, search-postgres, thread, sync,
 * latency (a reply reaching the mall, a notification reaching an event stream), cluster (two instances on one
 * PostgreSQL), production (the built server's memory and the abuse test). With no part named, all of them run.
 * `--inquiries=N` runs the inbox parts on a smaller dataset, GOQ_BENCH_SYNC_COUNT=N the sync part on
 * fewer inquiries (quick checks: RESULTS.md is then left alone).
 * Env: GOQ_BENCH_PG_URL (a PostgreSQL server URL; default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_SIZE } from './inbox/dataset.ts';
import { consoleTable, mergeFigures, readPreviousFigures, verdict, writeResults, type Figure } from './lib/report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(root, 'bench', 'RESULTS.md');
const ALL = ['bundles', 'inbox-sqlite', 'inbox-postgres', 'search-sqlite', 'search-postgres', 'thread', 'sync', 'latency', 'cluster', 'production'] as const;
type Part = (typeof ALL)[number];

const log = (line: string) => console.error(line);

function parseArgs(argv: string[]): { parts: Part[]; inquiries: number } {
  const parts = new Set<Part>();
  let inquiries = FULL_SIZE.inquiries;
  for (const arg of argv) {
    const m = /^--inquiries=(\d+)$/.exec(arg);
    if (m) inquiries = Number(m[1]);
    else if (arg === 'inbox') {
      parts.add('inbox-sqlite');
      parts.add('inbox-postgres');
    } else if (arg === 'search') {
      parts.add('search-sqlite');
      parts.add('search-postgres');
    } else if ((ALL as readonly string[]).includes(arg)) parts.add(arg as Part);
    else {
      console.error(`unknown part: ${arg} (parts: bundles, inbox, ${ALL.slice(1).join(', ')}; option --inquiries=N)`);
      process.exit(2);
    }
  }
  return { parts: parts.size > 0 ? ALL.filter((p) => parts.has(p)) : [...ALL], inquiries };
}

async function runPart(part: Part, inquiries: number): Promise<Figure[]> {
  const pgServerUrl = process.env.GOQ_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  switch (part) {
    case 'bundles':
      return (await import('./bundles/bundles.ts')).runBundles({ log });
    case 'inbox-sqlite':
    case 'inbox-postgres': {
      const { runInbox } = await import('./inbox/inbox.ts');
      return runInbox(part === 'inbox-sqlite' ? 'sqlite' : 'postgres', {
        size: { inquiries },
        pgServerUrl,
        pgDatabase: 'goq_bench',
        loadSeconds: 8,
        connections: 10,
        log,
      });
    }
    case 'search-sqlite':
    case 'search-postgres':
      return (await import('./search/search.ts')).runSearch(part === 'search-sqlite' ? 'sqlite' : 'postgres', {
        size: { inquiries },
        pgServerUrl,
        // its own database: a run of the inbox part (of this or another checkout) reloads goq_bench
        pgDatabase: 'goq_bench_search',
        log,
      });
    case 'latency':
      return (await import('./latency/latency.ts')).runLatency({ log });
    case 'thread':
      return (await import('./thread/thread.ts')).runThread({ log });
    case 'sync':
      return (await import('./sync/sync.ts')).runSync({ log });
    case 'cluster':
      return (await import('./cluster/cluster.ts')).runCluster({ log });
    case 'production':
      return (await import('./production/production.ts')).runProduction({ size: { inquiries }, log });
  }
}

const { parts, inquiries } = parseArgs(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadavg()[0]!;
const figures: Figure[] = [];
for (const part of parts) {
  log(`== ${part}`);
  const t = performance.now();
  try {
    figures.push(...(await runPart(part, inquiries)));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${part} failed: ${message}`);
    figures.push({
      part,
      name: `${part} (failed)`,
      value: null,
      unit: '',
      baseline: '—',
      note: `the part failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      measuredAt: new Date().toISOString(),
    });
  }
  log(`== ${part} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const seconds = (performance.now() - started) / 1000;
log(`load average (1 min): ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`);
console.log(consoleTable(figures));
const missed = figures.filter((f) => verdict(f) === 'MISS');
const quick = inquiries !== FULL_SIZE.inquiries || (process.env.GOQ_BENCH_SYNC_COUNT ?? '10000') !== '10000';
if (!quick) {
  writeResults(RESULTS, mergeFigures(readPreviousFigures(RESULTS), figures), { partsRun: parts, seconds, loadAverage: `${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}` });
  console.log(`\nwritten to bench/RESULTS.md (${Math.round(seconds)} s)`);
} else {
  console.log(`\na quick check on smaller data: bench/RESULTS.md left as it was (${Math.round(seconds)} s)`);
}
if (missed.length > 0) {
  console.log(`${missed.length} budget(s) missed: ${missed.map((f) => `${f.part} / ${f.name}`).join('; ')}`);
  process.exitCode = 1;
}
