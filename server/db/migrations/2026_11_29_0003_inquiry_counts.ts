/**
 * The inbox counts kept per shop and status by triggers on `inquiries`, so `GET /inquiries/counts`
 * reads three rows instead of counting a shop's inquiries (100,000 of them took ~50 ms on SQLite).
 * Triggers, not application code, keep them right whoever writes the inquiry rows (the API, the
 * sync, a bulk loader, a reset). Backfilled from the rows that exist.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('inquiry_counts')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('inquiry_counts_pk', ['shop_id', 'status'])
    .execute();
  await sql`insert into inquiry_counts (shop_id, status, n) select shop_id, status, count(*) from inquiries group by shop_id, status`.execute(db);

  if (isPostgres) {
    await sql`
      create function goq_inquiry_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update inquiry_counts set n = n - 1 where shop_id = old.shop_id and status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into inquiry_counts (shop_id, status, n) values (new.shop_id, new.status, 1)
          on conflict (shop_id, status) do update set n = inquiry_counts.n + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger inquiry_counts_insert after insert on inquiries for each row execute function goq_inquiry_counts()`.execute(db);
    await sql`create trigger inquiry_counts_delete after delete on inquiries for each row execute function goq_inquiry_counts()`.execute(db);
    await sql`
      create trigger inquiry_counts_update after update of status, shop_id on inquiries for each row
      when (old.status is distinct from new.status or old.shop_id is distinct from new.shop_id)
      execute function goq_inquiry_counts()`.execute(db);
    return;
  }
  await sql`
    create trigger inquiry_counts_insert after insert on inquiries begin
      insert into inquiry_counts (shop_id, status, n) values (new.shop_id, new.status, 1)
      on conflict (shop_id, status) do update set n = n + 1;
    end`.execute(db);
  await sql`
    create trigger inquiry_counts_delete after delete on inquiries begin
      update inquiry_counts set n = n - 1 where shop_id = old.shop_id and status = old.status;
    end`.execute(db);
  await sql`
    create trigger inquiry_counts_update after update of status, shop_id on inquiries
    when old.status is not new.status or old.shop_id is not new.shop_id begin
      update inquiry_counts set n = n - 1 where shop_id = old.shop_id and status = old.status;
      insert into inquiry_counts (shop_id, status, n) values (new.shop_id, new.status, 1)
      on conflict (shop_id, status) do update set n = n + 1;
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const name of ['inquiry_counts_insert', 'inquiry_counts_delete', 'inquiry_counts_update']) {
    if (isPostgres) await sql`drop trigger if exists ${sql.raw(name)} on inquiries`.execute(db);
    else await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  if (isPostgres) await sql`drop function if exists goq_inquiry_counts()`.execute(db);
  await db.schema.dropTable('inquiry_counts').ifExists().execute();
}
