/**
 * Fills a database with the benchmark dataset. The schema is the product's: the server's own
 * migrations run first. For the load only, the secondary indexes are dropped and then recreated from
 * their own definitions (read back from the catalogue), which is much faster than maintaining them
 * row by row and ends with the same schema.
 * SQLite: one transaction of prepared multi-row inserts. PostgreSQL: INSERT … SELECT FROM unnest(arrays)
 * of 10,000 inquiries a statement (COPY-like), with the keys and foreign keys of the two big tables
 * dropped and re-added from their own definitions (pg_get_constraintdef), then VACUUM ANALYZE
 * (autovacuum would have done it on a live database).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { backfillSearchDocuments, createPostgresSearchIndexes, POSTGRES_SEARCH_INDEXES } from '../../server/db/migrations/2026_11_30_0006_inquiry_search.ts';
import { registerSearchFunctions } from '../../server/inquiries/search/sqlite-functions.ts';
import {
  DATASET_NOW,
  INQUIRY_COLUMNS,
  MESSAGE_COLUMNS,
  SHOP_IDS,
  generateDataset,
  mallAccountId,
  type DatasetSize,
  type Row,
} from './dataset.ts';

const BATCH = 10_000;
const NOW = new Date(DATASET_NOW).toISOString();

export interface LoadResult {
  inquiries: number;
  messages: number;
  seconds: number;
}

function shopRows() {
  const shops = SHOP_IDS.map((id, i) => [id, `ベンチ店舗${i + 1}`, NOW]);
  const settings = SHOP_IDS.map((id, i) => [id, `楽天 ベンチ店舗${i + 1}`, `Yahoo! ベンチ店舗${i + 1}`, '03-0000-0000', `shop${i + 1}@example.jp`, NOW]);
  const accounts = SHOP_IDS.flatMap((id) => ['rakuten', 'yahoo'].map((mall) => [mallAccountId(id, mall), id, mall, NOW, NOW]));
  return { shops, settings, accounts };
}

async function migrate(url: string): Promise<void> {
  const opened = openDatabase(url);
  try {
    await migrateToLatest(opened.db);
  } finally {
    await opened.close();
  }
}

/** Builds the SQLite file at `path` (written beside it, then renamed, so a killed run leaves no half file in its place). */
export async function loadSqlite(path: string, size: DatasetSize, log: (s: string) => void): Promise<LoadResult> {
  mkdirSync(dirname(path), { recursive: true });
  // one partial file per process: two runs at once each build their own and the last rename wins
  const tmp = `${path}.partial-${process.pid}`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const started = performance.now();
  await migrate(tmp);
  const db = new SQLite(tmp);
  // the migrated file is in WAL mode; leave it for the load (a rollback journal is not needed either)
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const indexes = db
    .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('inquiries', 'messages')")
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index "${ix.name}"`);
  // the search documents are built once at the end, as the migration does for existing data, instead
  // of being rewritten at each of a thread's messages
  registerSearchFunctions(db);
  const searchTriggers = db
    .prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'inquiry_search_%' and tbl_name in ('inquiries', 'messages')")
    .all() as { name: string; sql: string }[];
  for (const t of searchTriggers) db.exec(`drop trigger "${t.name}"`);

  const { shops, settings, accounts } = shopRows();
  const multi = (table: string, columns: readonly string[], rows: number) =>
    db.prepare(
      `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
    );
  const CHUNK = 100;
  const inquiryChunk = multi('inquiries', INQUIRY_COLUMNS, CHUNK);
  const inquiryOne = multi('inquiries', INQUIRY_COLUMNS, 1);
  const messageChunk = multi('messages', MESSAGE_COLUMNS, CHUNK);
  const messageOne = multi('messages', MESSAGE_COLUMNS, 1);
  const insertAll = (rows: Row[], chunk: SQLite.Statement, one: SQLite.Statement) => {
    let i = 0;
    for (; i + CHUNK <= rows.length; i += CHUNK) chunk.run(rows.slice(i, i + CHUNK).flat());
    for (; i < rows.length; i++) one.run(rows[i]!);
  };
  let inquiries = 0;
  let messages = 0;
  db.transaction(() => {
    for (const s of shops) db.prepare('insert into shops (id, name, created_at) values (?, ?, ?)').run(s);
    for (const s of settings) {
      db.prepare('insert into shop_settings (shop_id, rakuten_store_name, yahoo_store_name, phone, email, updated_at) values (?, ?, ?, ?, ?, ?)').run(s);
    }
    for (const a of accounts) db.prepare('insert into mall_accounts (id, shop_id, mall, created_at, updated_at) values (?, ?, ?, ?, ?)').run(a);
    for (const batch of generateDataset(size, BATCH)) {
      insertAll(batch.inquiries, inquiryChunk, inquiryOne);
      insertAll(batch.messages, messageChunk, messageOne);
      inquiries += batch.inquiries.length;
      messages += batch.messages.length;
      if (inquiries % 100_000 === 0) log(`  sqlite: ${inquiries.toLocaleString('en')} inquiries, ${messages.toLocaleString('en')} messages`);
    }
  })();
  log(`  sqlite: rows in after ${((performance.now() - started) / 1000).toFixed(0)} s; recreating indexes`);
  for (const ix of indexes) db.exec(ix.sql);
  db.close();
  const opened = openDatabase(tmp);
  try {
    await backfillSearchDocuments(opened.db, log);
  } finally {
    await opened.close();
  }
  const reopened = new SQLite(tmp);
  for (const t of searchTriggers) reopened.exec(t.sql);
  reopened.pragma('journal_mode = WAL');
  reopened.close();
  renameSync(tmp, path);
  return { inquiries, messages, seconds: (performance.now() - started) / 1000 };
}

const INTEGER_COLUMNS = new Set(['version', 'customer_version', 'completed', 'mall_completed', 'message_count']);

function unnestInsert(table: string, columns: readonly string[]): string {
  const args = columns.map((c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`).join(', ');
  return `insert into ${table} (${columns.join(', ')}) select * from unnest(${args})`;
}

function columnsOf(rows: Row[], width: number): (string | number | null)[][] {
  const cols: (string | number | null)[][] = Array.from({ length: width }, () => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) cols[c]![r] = row[c]!;
  }
  return cols;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates database `name` afresh on the server and fills it. */
export async function loadPostgres(serverUrl: string, name: string, size: DatasetSize, log: (s: string) => void): Promise<LoadResult> {
  const started = performance.now();
  await dropPostgres(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let inquiries = 0;
  let messages = 0;
  try {
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = 'public' and i.tablename in ('inquiries', 'messages')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const ix of indexes) await client.query(`drop index "${ix.name}"`);
    // the search documents are built once at the end (as the migration does for existing data)
    const { rows: searchTriggers } = await client.query<{ name: string; tbl: string; def: string }>(
      `select t.tgname as name, t.tgrelid::regclass::text as tbl, pg_get_triggerdef(t.oid) as def from pg_trigger t
        where not t.tgisinternal and t.tgname like 'inquiry_search_%'`,
    );
    for (const t of searchTriggers) await client.query(`drop trigger "${t.name}" on ${t.tbl}`);
    for (const ix of POSTGRES_SEARCH_INDEXES) await client.query(`drop index if exists ${ix}`);
    // keys and foreign keys too: rebuilt by one sort each at the end instead of 4,000,000 inserts into
    // random places. Triggers stay on: the product's own (e.g. the inbox counts) keep their tables right.
    const { rows: constraints } = await client.query<{ tbl: string; name: string; def: string; type: string }>(
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def, c.contype as type
         from pg_constraint c
        where c.contype in ('p', 'u', 'f')
          and (c.conrelid in ('inquiries'::regclass, 'messages'::regclass) or c.confrelid in ('inquiries'::regclass, 'messages'::regclass))`,
    );
    const keysFirst = (a: { type: string }, b: { type: string }) => (a.type === 'f' ? 1 : 0) - (b.type === 'f' ? 1 : 0);
    const unique = [...new Map(constraints.map((c) => [`${c.tbl}.${c.name}`, c])).values()].sort(keysFirst);
    for (const c of [...unique].reverse()) await client.query(`alter table ${c.tbl} drop constraint "${c.name}"`);
    await client.query('set synchronous_commit = off');
    const { shops, settings, accounts } = shopRows();
    for (const s of shops) await client.query('insert into shops (id, name, created_at) values ($1, $2, $3)', s);
    for (const s of settings) {
      await client.query('insert into shop_settings (shop_id, rakuten_store_name, yahoo_store_name, phone, email, updated_at) values ($1, $2, $3, $4, $5, $6)', s);
    }
    for (const a of accounts) await client.query('insert into mall_accounts (id, shop_id, mall, created_at, updated_at) values ($1, $2, $3, $4, $5)', a);
    const inquirySql = unnestInsert('inquiries', INQUIRY_COLUMNS);
    const messageSql = unnestInsert('messages', MESSAGE_COLUMNS);
    // the server inserts one batch while the next is generated here
    let inFlight: Promise<unknown> = Promise.resolve();
    for (const batch of generateDataset(size, BATCH)) {
      const inquiryCols = columnsOf(batch.inquiries, INQUIRY_COLUMNS.length);
      const messageCols = columnsOf(batch.messages, MESSAGE_COLUMNS.length);
      await inFlight;
      inFlight = Promise.all([client.query(inquirySql, inquiryCols), client.query(messageSql, messageCols)]);
      inquiries += batch.inquiries.length;
      messages += batch.messages.length;
      if (inquiries % 100_000 === 0) log(`  postgres: ${inquiries.toLocaleString('en')} inquiries, ${messages.toLocaleString('en')} messages`);
    }
    await inFlight;
    log(`  postgres: rows in after ${((performance.now() - started) / 1000).toFixed(0)} s; recreating keys and indexes, vacuum analyze`);
    await client.query('set maintenance_work_mem = \'512MB\'');
    for (const c of unique) await client.query(`alter table ${c.tbl} add constraint "${c.name}" ${c.def}`);
    for (const ix of indexes) await client.query(ix.def);
    const opened = openDatabase(url, { poolSize: 1 });
    try {
      await backfillSearchDocuments(opened.db, log);
      await opened.db.connection().execute(async (conn) => {
        await sql`set maintenance_work_mem = '512MB'`.execute(conn);
        await createPostgresSearchIndexes(conn);
      });
    } finally {
      await opened.close();
    }
    for (const t of searchTriggers) await client.query(t.def);
    // a live database has been vacuumed and analysed by autovacuum (statistics, visibility map)
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
  return { inquiries, messages, seconds: (performance.now() - started) / 1000 };
}

/**
 * Database `name` filled with the dataset of `key` (the schema and generator, see schemaKey): kept from an
 * earlier run when its comment names the same key, else loaded afresh and stamped with it. Loading 1,000,000
 * inquiries takes minutes; a run's few writes (the "after a write" rows) change nothing the figures depend on.
 */
export async function ensurePostgres(
  serverUrl: string,
  name: string,
  size: DatasetSize,
  key: string,
  log: (s: string) => void,
): Promise<{ url: string; note: string }> {
  const stamp = `goq-bench ${key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let kept = false;
  try {
    const r = await admin.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    kept = r.rows[0]?.comment === stamp;
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  if (kept) return { url, note: `database ${name} kept from an earlier run (dataset ${key})` };
  log(`generating ${size.inquiries.toLocaleString('en')} inquiries into database ${name}`);
  const r = await loadPostgres(serverUrl, name, size, log);
  const stamper = new pg.Client({ connectionString: serverUrl });
  await stamper.connect();
  try {
    await stamper.query(`comment on database ${name} is '${stamp}'`);
  } finally {
    await stamper.end();
  }
  return { url, note: `generated ${r.inquiries.toLocaleString('en')} inquiries and ${r.messages.toLocaleString('en')} messages in ${r.seconds.toFixed(0)} s` };
}

export async function dropPostgres(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export function sqliteExists(path: string): boolean {
  return existsSync(path);
}
