/**
 * A version number per shop, moved on by triggers whenever any of the shop's inquiry rows is
 * inserted, updated or deleted, by whoever writes it (this server, another server on the same
 * PostgreSQL, the sync, a bulk loader). The inbox keeps its first pages in memory and checks this
 * one row to know they still hold (server/inquiries/inbox-page-cache.ts).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('inquiry_versions')
    .addColumn('shop_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into inquiry_versions (shop_id, version) select distinct shop_id, 1 from inquiries`.execute(db);

  if (isPostgres) {
    await sql`
      create function goq_inquiry_versions() returns trigger language plpgsql as $$
      begin
        insert into inquiry_versions (shop_id, version)
        values (case when tg_op = 'DELETE' then old.shop_id else new.shop_id end, 1)
        on conflict (shop_id) do update set version = inquiry_versions.version + 1;
        return null;
      end $$`.execute(db);
    for (const op of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`inquiry_versions_${op}`)} after ${sql.raw(op)} on inquiries for each row execute function goq_inquiry_versions()`.execute(db);
    }
    return;
  }
  for (const [op, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await sql`
      create trigger ${sql.raw(`inquiry_versions_${op}`)} after ${sql.raw(op)} on inquiries begin
        insert into inquiry_versions (shop_id, version) values (${sql.raw(row)}.shop_id, 1)
        on conflict (shop_id) do update set version = version + 1;
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const op of ['insert', 'update', 'delete']) {
    const name = sql.raw(`inquiry_versions_${op}`);
    if (isPostgres) await sql`drop trigger if exists ${name} on inquiries`.execute(db);
    else await sql`drop trigger if exists ${name}`.execute(db);
  }
  if (isPostgres) await sql`drop function if exists goq_inquiry_versions()`.execute(db);
  await db.schema.dropTable('inquiry_versions').ifExists().execute();
}
