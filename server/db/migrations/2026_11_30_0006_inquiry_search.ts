/**
 * The search index over subjects, message bodies, customer names (never Yahoo!'s, which has none),
 * order numbers and inquiry numbers. Frozen: later changes go into new files.
 *
 * One search document per inquiry in `inquiry_search_docs`: every field normalised (NFKC, lower case)
 * and ended by U+001F, so a word never matches across two fields. Beside the text, the document keeps
 * the inquiry's list keys (shop, last activity, status, mall), so the index's candidates are filtered
 * and put in the inbox's order without reading their inquiry rows. Triggers on `inquiries` and
 * `messages` keep it in the same transaction as the rows it comes from, whoever writes them.
 *
 * SQLite: the normalisation is the application function goq_search_norm (registered on every
 * connection by server/db/database.ts, so the triggers need it), and a contentless FTS5 trigram index
 * (detail=none: it only narrows, the document is checked afterwards) holds the document's trigrams
 * and, from the same document with U+001E after every character, one token per character pair and per
 * character, for 1- and 2-character words.
 * PostgreSQL: lower(normalize(…, NFKC)) in SQL, a pg_trgm GIN index on (shop, document) (btree_gin) for
 * words of 3 characters or more, and one on (shop, the document with 'ĸ' after every character) for 1
 * and 2 characters (pg_trgm keeps Japanese under C.UTF-8 but has no bigrams; the letter keeps the pairs
 * inside words). The shop in the index keeps other shops' candidates from ever being read.
 * Both: a B-tree on (shop, last activity, inquiry) gives the inbox's order over the documents.
 *
 * Existing inquiries are indexed in batches of BATCH, with progress on stderr.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const BATCH = 5000;

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  await backfillSearchDocuments(db, (line) => console.error(line));
  if (isPostgres(db)) await createPostgresSearchIndexes(db);
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`
    create table inquiry_search_docs (
      id integer primary key,
      inquiry_id text not null unique references inquiries(id) on delete cascade,
      shop_id text not null,
      last_activity_at text not null,
      status text not null,
      mall text not null,
      text text not null
    )`.execute(db);
  // the inbox's order over the documents; status and mall in it so a walk filters without the row
  await sql`create index inquiry_search_docs_list on inquiry_search_docs (shop_id, last_activity_at, inquiry_id, status, mall)`.execute(db);
  await sql`
    create virtual table inquiry_search_fts using fts5(
      grams, content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1'
    )`.execute(db);
  await sql`
    create trigger inquiry_search_fts_insert after insert on inquiry_search_docs begin
      insert into inquiry_search_fts (rowid, grams) values (new.id, goq_search_index_text(new.text));
    end`.execute(db);
  await sql`
    create trigger inquiry_search_fts_update after update of text on inquiry_search_docs begin
      delete from inquiry_search_fts where rowid = old.id;
      insert into inquiry_search_fts (rowid, grams) values (new.id, goq_search_index_text(new.text));
    end`.execute(db);
  await sql`
    create trigger inquiry_search_fts_delete after delete on inquiry_search_docs begin
      delete from inquiry_search_fts where rowid = old.id;
    end`.execute(db);

  const head = (i: string) => `char(31) || goq_search_norm(${i}.subject) || char(31)
      || goq_search_norm(case when ${i}.mall = 'yahoo' then '' else coalesce(${i}.customer_name, '') end) || char(31)
      || goq_search_norm(coalesce(${i}.order_id, '')) || char(31) || goq_search_norm(${i}.mall_inquiry_id) || char(31)`;
  const bodies = (id: string) =>
    `coalesce((select group_concat(goq_search_norm(m.body) || char(31), '') from messages m where m.inquiry_id = ${id}), '')`;
  const rebuild = (id: string) =>
    `update inquiry_search_docs set text = (select ${head('i')} || ${bodies('i.id')} from inquiries i where i.id = ${id})
      where inquiry_id = ${id} and exists (select 1 from inquiries i where i.id = ${id});`;

  await sql
    .raw(
      `create trigger inquiry_search_inquiry_insert after insert on inquiries begin
        insert into inquiry_search_docs (inquiry_id, shop_id, last_activity_at, status, mall, text)
        values (new.id, new.shop_id, new.last_activity_at, new.status, new.mall, ${head('new')} || ${bodies('new.id')})
        on conflict (inquiry_id) do update set shop_id = excluded.shop_id, last_activity_at = excluded.last_activity_at,
          status = excluded.status, mall = excluded.mall, text = excluded.text;
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inquiry_search_inquiry_keys after update of last_activity_at, status, mall, shop_id on inquiries begin
        update inquiry_search_docs set shop_id = new.shop_id, last_activity_at = new.last_activity_at, status = new.status, mall = new.mall
        where inquiry_id = new.id;
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inquiry_search_inquiry_update after update of subject, customer_name, order_id, mall_inquiry_id, mall on inquiries begin
        ${rebuild('new.id')}
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inquiry_search_message_insert after insert on messages begin
        update inquiry_search_docs set text = text || goq_search_norm(new.body) || char(31) where inquiry_id = new.inquiry_id;
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inquiry_search_message_update after update of body, inquiry_id on messages begin
        ${rebuild('old.inquiry_id')}
        ${rebuild('new.inquiry_id')}
      end`,
    )
    .execute(db);
  await sql.raw(`create trigger inquiry_search_message_delete after delete on messages begin ${rebuild('old.inquiry_id')} end`).execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`
    create table inquiry_search_docs (
      inquiry_id text primary key references inquiries(id) on delete cascade,
      shop_id text not null,
      last_activity_at text not null,
      status text not null,
      mall text not null,
      text text not null
    )`.execute(db);
  await sql`
    create function goq_search_norm(t text) returns text language sql immutable parallel safe
    as $$ select lower(normalize(translate(t, e'\\x1e\\x1f', '  '), nfkc)) $$`.execute(db);
  await sql`
    create function goq_search_pairs(t text) returns text language sql immutable parallel safe
    as $$ select regexp_replace(t, '(.)', '\\1ĸ', 'g') $$`.execute(db);
  await sql`
    create function goq_search_document(inquiry text) returns text language sql stable
    as $$
      select chr(31) || goq_search_norm(i.subject) || chr(31)
        || goq_search_norm(case when i.mall = 'yahoo' then '' else coalesce(i.customer_name, '') end) || chr(31)
        || goq_search_norm(coalesce(i.order_id, '')) || chr(31) || goq_search_norm(i.mall_inquiry_id) || chr(31)
        || coalesce((select string_agg(goq_search_norm(m.body) || chr(31), '') from messages m where m.inquiry_id = i.id), '')
      from inquiries i where i.id = inquiry
    $$`.execute(db);
  await sql`
    create function goq_search_inquiries() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from inquiry_search_docs where inquiry_id = old.id;
      elsif tg_op = 'INSERT' or new.subject is distinct from old.subject or new.customer_name is distinct from old.customer_name
          or new.order_id is distinct from old.order_id or new.mall_inquiry_id is distinct from old.mall_inquiry_id or new.mall is distinct from old.mall then
        insert into inquiry_search_docs (inquiry_id, shop_id, last_activity_at, status, mall, text)
        values (new.id, new.shop_id, new.last_activity_at, new.status, new.mall, goq_search_document(new.id))
        on conflict (inquiry_id) do update set shop_id = excluded.shop_id, last_activity_at = excluded.last_activity_at,
          status = excluded.status, mall = excluded.mall, text = excluded.text;
      else
        update inquiry_search_docs set shop_id = new.shop_id, last_activity_at = new.last_activity_at, status = new.status, mall = new.mall
        where inquiry_id = new.id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function goq_search_messages() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update inquiry_search_docs set text = text || goq_search_norm(new.body) || chr(31) where inquiry_id = new.inquiry_id;
        return null;
      end if;
      update inquiry_search_docs set text = goq_search_document(old.inquiry_id)
        where inquiry_id = old.inquiry_id and exists (select 1 from inquiries where id = old.inquiry_id);
      if tg_op = 'UPDATE' and new.inquiry_id is distinct from old.inquiry_id then
        update inquiry_search_docs set text = goq_search_document(new.inquiry_id) where inquiry_id = new.inquiry_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger inquiry_search_inquiry_insert after insert on inquiries for each row execute function goq_search_inquiries()`.execute(db);
  await sql`
    create trigger inquiry_search_inquiry_update after update of subject, customer_name, order_id, mall_inquiry_id, mall, shop_id,
      last_activity_at, status on inquiries for each row execute function goq_search_inquiries()`.execute(db);
  await sql`create trigger inquiry_search_message_insert after insert on messages for each row execute function goq_search_messages()`.execute(db);
  await sql`
    create trigger inquiry_search_message_change after update of body, inquiry_id or delete on messages
    for each row execute function goq_search_messages()`.execute(db);
}

/** The PostgreSQL search indexes, by name (the benchmark's loader drops and rebuilds them). */
export const POSTGRES_SEARCH_INDEXES = ['inquiry_search_docs_list', 'inquiry_search_docs_trgm', 'inquiry_search_docs_pairs'] as const;

/** The list and trigram indexes (built after the backfill: one sort instead of a million inserts). */
export async function createPostgresSearchIndexes(db: Kysely<any>): Promise<void> {
  await sql`set local maintenance_work_mem = '512MB'`.execute(db);
  await sql`create index inquiry_search_docs_list on inquiry_search_docs (shop_id, last_activity_at, inquiry_id)`.execute(db);
  await sql`create index inquiry_search_docs_trgm on inquiry_search_docs using gin (shop_id, text gin_trgm_ops)`.execute(db);
  await sql`create index inquiry_search_docs_pairs on inquiry_search_docs using gin (shop_id, goq_search_pairs(text) gin_trgm_ops)`.execute(db);
}

/** Writes the search document of every inquiry that has none, BATCH inquiries a statement. */
export async function backfillSearchDocuments(db: Kysely<any>, log: (line: string) => void): Promise<void> {
  const postgres = isPostgres(db);
  const total = Number((await sql<{ n: number }>`select count(*) as n from inquiries`.execute(db)).rows[0]?.n ?? 0);
  if (total === 0) return;
  const started = performance.now();
  let done = 0;
  let after = '';
  for (;;) {
    const ids = await sql<{ id: string }>`select id from inquiries where id > ${after} order by id limit ${BATCH}`.execute(db);
    if (ids.rows.length === 0) break;
    const last = ids.rows[ids.rows.length - 1]!.id;
    if (postgres) {
      await sql`
        insert into inquiry_search_docs (inquiry_id, shop_id, last_activity_at, status, mall, text)
        select i.id, i.shop_id, i.last_activity_at, i.status, i.mall, goq_search_document(i.id) from inquiries i where i.id > ${after} and i.id <= ${last}
        on conflict (inquiry_id) do nothing`.execute(db);
    } else {
      await sql`
        insert into inquiry_search_docs (inquiry_id, shop_id, last_activity_at, status, mall, text)
        select i.id, i.shop_id, i.last_activity_at, i.status, i.mall,
          char(31) || goq_search_norm(i.subject) || char(31)
          || goq_search_norm(case when i.mall = 'yahoo' then '' else coalesce(i.customer_name, '') end) || char(31)
          || goq_search_norm(coalesce(i.order_id, '')) || char(31) || goq_search_norm(i.mall_inquiry_id) || char(31)
          || coalesce((select group_concat(goq_search_norm(m.body) || char(31), '') from messages m where m.inquiry_id = i.id), '')
        from inquiries i where i.id > ${after} and i.id <= ${last}
        on conflict (inquiry_id) do nothing`.execute(db);
    }
    done += ids.rows.length;
    after = last;
    if (done === total || done % (BATCH * 20) === 0) {
      log(`[goq] search index: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} inquiries (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop table if exists inquiry_search_docs`.execute(db);
    for (const name of ['inquiry_search_inquiry_insert', 'inquiry_search_inquiry_update']) await sql`drop trigger if exists ${sql.raw(name)} on inquiries`.execute(db);
    for (const name of ['inquiry_search_message_insert', 'inquiry_search_message_change']) await sql`drop trigger if exists ${sql.raw(name)} on messages`.execute(db);
    for (const fn of ['goq_search_inquiries()', 'goq_search_messages()', 'goq_search_document(text)', 'goq_search_pairs(text)', 'goq_search_norm(text)']) {
      await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
    }
    return;
  }
  for (const name of ['inquiry_search_inquiry_insert', 'inquiry_search_inquiry_update', 'inquiry_search_inquiry_keys', 'inquiry_search_message_insert', 'inquiry_search_message_update', 'inquiry_search_message_delete']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`drop table if exists inquiry_search_fts`.execute(db);
  await sql`drop table if exists inquiry_search_docs`.execute(db);
}
