/**
 * Team work (DESIGN.md §2b). Frozen: later changes go into new files.
 *
 * - `staff`: the shop's members as the tokens name them, with each member's inbox preferences.
 * - `inquiries` gains `assignee_id` (担当者), `version` (moves on with every message written to the
 *   thread: a reply's `basedOn`), `customer_version` (the version at the newest customer message: 未読)
 *   and `waiting_since` (the customer's oldest unanswered message while the inquiry needs a reply).
 * - `inquiry_assignee_counts`: counts per shop, assignee ('' = none) and status, kept by triggers like
 *   `inquiry_counts`, so the counts of 自分の担当 / 未割り当て read a few rows.
 * - `inquiry_notes` (社内メモ), `inquiry_reads` (each member's read marker), `inquiry_presence`
 *   (who has an inquiry open, until `expires_at`).
 * - indexes for the assignee filter and the waiting sort.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('staff')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('inbox_sort', 'text', (c) => c.notNull().defaultTo('newest'))
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_pk', ['shop_id', 'id'])
    .execute();

  await db.schema.alterTable('inquiries').addColumn('assignee_id', 'text').execute();
  await db.schema.alterTable('inquiries').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('inquiries').addColumn('customer_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('inquiries').addColumn('waiting_since', 'text').execute();
  // existing threads: every stored message counted once; the oldest customer message after the last answer
  await sql`update inquiries set version = message_count, customer_version = message_count`.execute(db);
  await sql`
    update inquiries set waiting_since = (
      select min(m.sent_at) from messages m
      where m.inquiry_id = inquiries.id and m.sender = 'customer'
        and m.sent_at > coalesce((
          select max(s.sent_at) from messages s
          where s.inquiry_id = inquiries.id and s.sender = 'shop' and s.delivery <> 'failed'), ''))
    where status = 'needs-reply'`.execute(db);

  await db.schema
    .createIndex('inquiries_assignee_inbox')
    .on('inquiries')
    .expression(sql`shop_id, assignee_id, status, last_activity_at desc, id desc`)
    .execute();
  await db.schema.createIndex('inquiries_waiting').on('inquiries').columns(['shop_id', 'waiting_since', 'id']).execute();
  await db.schema
    .createIndex('inquiries_assignee_waiting')
    .on('inquiries')
    .columns(['shop_id', 'assignee_id', 'waiting_since', 'id'])
    .execute();

  await db.schema
    .createTable('inquiry_assignee_counts')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('inquiry_assignee_counts_pk', ['shop_id', 'assignee', 'status'])
    .execute();
  await sql`
    insert into inquiry_assignee_counts (shop_id, assignee, status, n)
    select shop_id, coalesce(assignee_id, ''), status, count(*) from inquiries group by shop_id, coalesce(assignee_id, ''), status`.execute(db);

  if (isPostgres) {
    await sql`
      create function goq_inquiry_assignee_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update inquiry_assignee_counts set n = n - 1
          where shop_id = old.shop_id and assignee = coalesce(old.assignee_id, '') and status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into inquiry_assignee_counts (shop_id, assignee, status, n) values (new.shop_id, coalesce(new.assignee_id, ''), new.status, 1)
          on conflict (shop_id, assignee, status) do update set n = inquiry_assignee_counts.n + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger inquiry_assignee_counts_insert after insert on inquiries for each row execute function goq_inquiry_assignee_counts()`.execute(db);
    await sql`create trigger inquiry_assignee_counts_delete after delete on inquiries for each row execute function goq_inquiry_assignee_counts()`.execute(db);
    await sql`
      create trigger inquiry_assignee_counts_update after update of status, shop_id, assignee_id on inquiries for each row
      when (old.status is distinct from new.status or old.shop_id is distinct from new.shop_id or old.assignee_id is distinct from new.assignee_id)
      execute function goq_inquiry_assignee_counts()`.execute(db);
  } else {
    await sql`
      create trigger inquiry_assignee_counts_insert after insert on inquiries begin
        insert into inquiry_assignee_counts (shop_id, assignee, status, n) values (new.shop_id, coalesce(new.assignee_id, ''), new.status, 1)
        on conflict (shop_id, assignee, status) do update set n = n + 1;
      end`.execute(db);
    await sql`
      create trigger inquiry_assignee_counts_delete after delete on inquiries begin
        update inquiry_assignee_counts set n = n - 1
        where shop_id = old.shop_id and assignee = coalesce(old.assignee_id, '') and status = old.status;
      end`.execute(db);
    await sql`
      create trigger inquiry_assignee_counts_update after update of status, shop_id, assignee_id on inquiries
      when old.status is not new.status or old.shop_id is not new.shop_id or old.assignee_id is not new.assignee_id begin
        update inquiry_assignee_counts set n = n - 1
        where shop_id = old.shop_id and assignee = coalesce(old.assignee_id, '') and status = old.status;
        insert into inquiry_assignee_counts (shop_id, assignee, status, n) values (new.shop_id, coalesce(new.assignee_id, ''), new.status, 1)
        on conflict (shop_id, assignee, status) do update set n = n + 1;
      end`.execute(db);
  }

  await db.schema
    .createTable('inquiry_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inquiry_notes_inquiry').on('inquiry_notes').columns(['shop_id', 'inquiry_id', 'created_at']).execute();

  await db.schema
    .createTable('inquiry_reads')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inquiry_reads_pk', ['shop_id', 'staff_id', 'inquiry_id'])
    .execute();
  await db.schema.createIndex('inquiry_reads_inquiry').on('inquiry_reads').columns(['inquiry_id']).execute();

  await db.schema
    .createTable('inquiry_presence')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inquiry_presence_pk', ['shop_id', 'inquiry_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('inquiry_presence_expiry').on('inquiry_presence').columns(['expires_at']).execute();

  await db.schema.alterTable('shop_settings').addColumn('business_hours', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const name of ['inquiry_assignee_counts_insert', 'inquiry_assignee_counts_delete', 'inquiry_assignee_counts_update']) {
    if (isPostgres) await sql`drop trigger if exists ${sql.raw(name)} on inquiries`.execute(db);
    else await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  if (isPostgres) await sql`drop function if exists goq_inquiry_assignee_counts()`.execute(db);
  for (const table of ['inquiry_presence', 'inquiry_reads', 'inquiry_notes', 'inquiry_assignee_counts', 'staff']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const index of ['inquiries_assignee_inbox', 'inquiries_waiting', 'inquiries_assignee_waiting']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const column of ['assignee_id', 'version', 'customer_version', 'waiting_since']) {
    await db.schema.alterTable('inquiries').dropColumn(column).execute();
  }
  await db.schema.alterTable('shop_settings').dropColumn('business_hours').execute();
}
