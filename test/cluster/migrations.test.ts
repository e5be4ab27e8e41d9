/**
 * Instances starting together migrate one at a time (an advisory lock on PostgreSQL): four connections
 * pools migrating an empty database at once all succeed, and every migration is recorded once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest, migrationsDone } from '../../server/db/migrate.ts';
import { TEST_PG_URL } from '../server/support/context.ts';

test('migrations are safe when instances start together (PostgreSQL)', async (t) => {
  const admin = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    if (process.env.GOQ_REQUIRE_PG === '1') throw new Error(`PostgreSQL does not answer at ${TEST_PG_URL}`);
    t.skip('PostgreSQL does not answer');
    return;
  }
  const name = `goq_migrate_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const opened = [0, 1, 2, 3].map(() => openDatabase(url.toString(), { poolSize: 3 }));
  try {
    await Promise.all(opened.map((o) => migrateToLatest(o.db)));
    for (const o of opened) assert.equal(await migrationsDone(o.db), true);
    const direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    const rows = await direct.query<{ name: string; n: number }>('select name, count(*)::int as n from kysely_migration group by name').finally(() => direct.end());
    assert.ok(rows.rows.length > 0);
    assert.ok(rows.rows.every((r) => r.n === 1));
  } finally {
    await Promise.all(opened.map((o) => o.close()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
