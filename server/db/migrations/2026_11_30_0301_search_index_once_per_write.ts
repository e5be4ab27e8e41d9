/**
 * SQLite: a search document goes into the full-text index once per write, not once per message.
 * Frozen: later changes go into new files.
 *
 * Before this, every message inserted re-indexed its inquiry's whole document in FTS5 (a contentless
 * table cannot append: the old entry is deleted and the whole text tokenised again), so a new thread
 * of n messages was tokenised n + 1 times, and a sync of 10,000 new inquiries spent a third of its
 * time there. Now the triggers keep the document's text as before, in the same transaction, but mark
 * it `indexed = 0`; the writer indexes its marked documents once before it commits
 * (indexPendingSearchDocuments). A marked document is still found: search checks every marked
 * document of the shop beside the index's candidates, so a writer that does not index (a hand-written
 * statement, an older build) makes search slower, never wrong. A partial index finds the marked ones.
 *
 * The rebuild triggers also fire only when a searched field really changed (an UPDATE that sets the
 * subject to the same value used to rebuild the document from every message).
 *
 * PostgreSQL keeps the triggers of 2026_11_30_0006: a GIN index takes the new entries into its
 * pending list, so there is no whole-document rewrite to save.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const HEAD = (i: string) => `char(31) || goq_search_norm(${i}.subject) || char(31)
      || goq_search_norm(case when ${i}.mall = 'yahoo' then '' else coalesce(${i}.customer_name, '') end) || char(31)
      || goq_search_norm(coalesce(${i}.order_id, '')) || char(31) || goq_search_norm(${i}.mall_inquiry_id) || char(31)`;
const BODIES = (id: string) =>
  `coalesce((select group_concat(goq_search_norm(m.body) || char(31), '') from messages m where m.inquiry_id = ${id}), '')`;

/** The document's text read again from its inquiry and messages (`mark`: and marked for indexing). */
function rebuild(id: string, mark: string): string {
  return `update inquiry_search_docs set text = (select ${HEAD('i')} || ${BODIES('i.id')} from inquiries i where i.id = ${id})${mark}
      where inquiry_id = ${id} and exists (select 1 from inquiries i where i.id = ${id});`;
}

const SEARCHED_FIELD_CHANGED = `old.subject is not new.subject or old.customer_name is not new.customer_name
  or old.order_id is not new.order_id or old.mall_inquiry_id is not new.mall_inquiry_id or old.mall is not new.mall`;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`alter table inquiry_search_docs add column indexed integer not null default 1`.execute(db);
  await sql`create index inquiry_search_docs_unindexed on inquiry_search_docs (shop_id) where indexed = 0`.execute(db);
  await recreateTriggers(db, true);
}

/** The triggers of this migration (`marking`), or those of 2026_11_30_0006 as they were (down). */
async function recreateTriggers(db: Kysely<any>, marking: boolean): Promise<void> {
  const names = [
    'inquiry_search_fts_insert',
    'inquiry_search_fts_update',
    'inquiry_search_inquiry_insert',
    'inquiry_search_inquiry_update',
    'inquiry_search_message_insert',
    'inquiry_search_message_update',
    'inquiry_search_message_delete',
  ];
  for (const name of names) await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  const mark = marking ? ', indexed = 0' : '';
  const index = `insert into inquiry_search_fts (rowid, grams) values (new.id, goq_search_index_text(new.text));`;
  const statements = [
    // a document is indexed when it is written indexed (the backfill) or when its mark is cleared; text
    // written without the mark (a hand-written UPDATE) is indexed at once, as before
    `create trigger inquiry_search_fts_insert after insert on inquiry_search_docs ${marking ? 'when new.indexed = 1' : ''} begin
        ${index}
      end`,
    `create trigger inquiry_search_fts_update after update of text${marking ? ', indexed' : ''} on inquiry_search_docs
      ${marking ? 'when new.indexed = 1' : ''} begin
        delete from inquiry_search_fts where rowid = old.id;
        ${index}
      end`,
    `create trigger inquiry_search_inquiry_insert after insert on inquiries begin
        insert into inquiry_search_docs (inquiry_id, shop_id, last_activity_at, status, mall, text${marking ? ', indexed' : ''})
        values (new.id, new.shop_id, new.last_activity_at, new.status, new.mall, ${HEAD('new')} || ${BODIES('new.id')}${marking ? ', 0' : ''})
        on conflict (inquiry_id) do update set shop_id = excluded.shop_id, last_activity_at = excluded.last_activity_at,
          status = excluded.status, mall = excluded.mall, text = excluded.text${mark};
      end`,
    `create trigger inquiry_search_inquiry_update after update of subject, customer_name, order_id, mall_inquiry_id, mall on inquiries
      ${marking ? `when ${SEARCHED_FIELD_CHANGED}` : ''} begin
        ${rebuild('new.id', mark)}
      end`,
    `create trigger inquiry_search_message_insert after insert on messages begin
        update inquiry_search_docs set text = text || goq_search_norm(new.body) || char(31)${mark} where inquiry_id = new.inquiry_id;
      end`,
    `create trigger inquiry_search_message_update after update of body, inquiry_id on messages
      ${marking ? 'when old.body is not new.body or old.inquiry_id is not new.inquiry_id' : ''} begin
        ${rebuild('old.inquiry_id', mark)}
        ${rebuild('new.inquiry_id', mark)}
      end`,
    `create trigger inquiry_search_message_delete after delete on messages begin ${rebuild('old.inquiry_id', mark)} end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  // the marked documents are indexed before the mark goes away
  await sql`update inquiry_search_docs set indexed = 1 where indexed = 0`.execute(db);
  await recreateTriggers(db, false);
  await sql`drop index if exists inquiry_search_docs_unindexed`.execute(db);
  await sql`alter table inquiry_search_docs drop column indexed`.execute(db);
}
