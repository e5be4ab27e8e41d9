/**
 * Inbox search: the inbox list (status, mall, cursor paging, newest activity first) narrowed to the
 * inquiries whose subject, customer name, order number, inquiry number or a message contains the
 * word, normalised (NFKC, lower case) on both sides. Same results as checking every inquiry's text,
 * in two steps:
 * 0. SQLite: the index counts its candidates up to searchTuning.probe; fewer, and step 2 alone answers;
 * 1. the newest searchTuning.walk inquiries of the list are checked against their search documents: a word found
 *    in many inquiries fills the page here, in the inbox's own order, without touching the index;
 * 2. otherwise the index (FTS5 on SQLite, pg_trgm on PostgreSQL) gives the few candidates, each
 *    checked against its document, then sorted.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { InquiryRow } from '../../db/schema.ts';
import type { InboxFilter } from '../inbox-filter.ts';
import { normaliseSearchText, pgPairPattern, pgPlainPattern, sqliteMatchQuery, sqliteMatchTokens } from './normalise.ts';
import { PostgresAdapter } from 'kysely';

const PG_NARROW = 6;

export const searchTuning = {
  /** how many of the newest inquiries step 1 checks (a word in 1 of 40 inquiries fills a page of 50 there) */
  walk: 2000,
  /** SQLite: a word the index narrows to fewer documents than this skips step 1 */
  probe: 5000,
};

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function listConditions(shopId: string, filter: InboxFilter, alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  const parts: RawBuilder<unknown>[] = [sql`${a}.shop_id = ${shopId}`];
  if (filter.status) parts.push(sql`${a}.status = ${filter.status}`);
  if (filter.mall) parts.push(sql`${a}.mall = ${filter.mall}`);
  if (filter.assigneeId === null) parts.push(sql`${a}.assignee_id is null`);
  else if (filter.assigneeId !== undefined) parts.push(sql`${a}.assignee_id = ${filter.assigneeId}`);
  // search results come newest first whatever the inbox's sort: their cursor is always by activity
  const cursor = filter.cursor;
  if (cursor?.kind === 'activity') parts.push(sql`(${a}.last_activity_at, ${a}.id) < (${cursor.lastActivityAt}, ${cursor.id})`);
  return sql.join(parts, sql` and `);
}

/** One page of the inbox narrowed to `filter.q`; up to `limit + 1` rows, as listInquiries. */
export async function searchInquiries(db: Db, shopId: string, filter: InboxFilter & { q: string }): Promise<InquiryRow[]> {
  const needle = normaliseSearchText(filter.q);
  const take = filter.limit + 1;
  const postgres = isPostgres(db);
  // SQLite: CROSS JOIN keeps the join order written (the recent list, or the candidates, outermost)
  const join = postgres ? sql`join` : sql`cross join`;
  const contains = postgres ? sql`strpos(d.text, ${needle}) > 0` : sql`instr(d.text, ${needle}) > 0`;

  const match = postgres ? '' : sqliteMatchQuery(needle);
  if (!postgres) {
    // a long word (an order number) has common trigrams ("000") that make FTS5's AND of all of them
    // slow: its rarest two, each counted up to searchTuning.probe, narrow about as well and read little
    const tokens = sqliteMatchTokens(needle);
    if (tokens.length > 2) {
      const counted: [string, number][] = [];
      for (const token of tokens) {
        const r = await sql<{ n: number }>`
          select count(*) as n from (select 1 from inquiry_search_fts where inquiry_search_fts match ${token} limit ${searchTuning.probe})`.execute(db);
        counted.push([token, Number(r.rows[0]?.n ?? 0)]);
      }
      counted.sort((a, b) => a[1] - b[1]);
      if (counted[0]![1] === 0) return [];
      if (counted[0]![1] < searchTuning.probe) return fromIndex(db, shopId, filter, needle, take, `${counted[0]![0]} AND ${counted[1]![0]}`);
    }
    // how many documents (of all shops) the index narrows to, counted up to searchTuning.probe: few, and
    // they are the answer. Not for a longer word whose trigrams are all common: counting their AND
    // would read thousands of rows for a word step 1 most likely answers.
    const probe = tokens.length > 2 ? null : await sql<{ n: number }>`
      select count(*) as n from (select 1 from inquiry_search_fts where inquiry_search_fts match ${match} limit ${searchTuning.probe})`.execute(db);
    if (probe && Number(probe.rows[0]?.n ?? 0) < searchTuning.probe) return fromIndex(db, shopId, filter, needle, take, match);
  }
  // the walk-th newest inquiry of the list bounds step 1 (read from the inbox index alone)
  const bound = await sql<{ last_activity_at: string; id: string }>`
    select w.last_activity_at, w.id from inquiries w where ${listConditions(shopId, filter, 'w')}
    order by w.last_activity_at desc, w.id desc limit 1 offset ${searchTuning.walk - 1}`.execute(db);
  const edge = bound.rows[0];
  // in the inbox's order, stopping at the page's last row: a common word reads few rows
  const walked = await sql<InquiryRow>`
    select i.* from inquiries i ${join} inquiry_search_docs d on d.inquiry_id = i.id
    where ${listConditions(shopId, filter, 'i')} and ${contains}
      ${edge ? sql`and (i.last_activity_at, i.id) >= (${edge.last_activity_at}, ${edge.id})` : sql``}
    order by i.last_activity_at desc, i.id desc limit ${take}`.execute(db);
  // every inquiry of the list was checked: nothing more to find
  if (!edge || walked.rows.length >= take) return walked.rows;
  return fromIndex(db, shopId, filter, needle, take, match);
}

/** Step 2: the candidates the index gives, each checked against its document, sorted as the inbox. */
async function fromIndex(db: Db, shopId: string, filter: InboxFilter, needle: string, take: number, match: string): Promise<InquiryRow[]> {
  if (isPostgres(db)) {
    // a long word narrows by its last PG_NARROW characters: every trigram of the pattern is read from
    // the GIN index, and the start of an order number (shop, date) is in most documents while its end
    // (the serial) is rare; strpos checks the whole word
    const chars = [...needle];
    const narrow =
      chars.length >= 3
        ? sql`d.text like ${pgPlainPattern(chars.slice(-PG_NARROW).join(''))}`
        : sql`goq_search_pairs(d.text) like ${pgPairPattern(needle)}`;
    const found = await sql<InquiryRow>`
      with candidates as materialized (
        select d.inquiry_id from inquiry_search_docs d where ${narrow} and d.shop_id = ${shopId} and strpos(d.text, ${needle}) > 0
      )
      select i.* from candidates c join inquiries i on i.id = c.inquiry_id
      where ${listConditions(shopId, filter, 'i')}
      order by i.last_activity_at desc, i.id desc limit ${take}`.execute(db);
    return found.rows;
  }
  const found = await sql<InquiryRow>`
    select i.* from (
      select d.inquiry_id from inquiry_search_fts f cross join inquiry_search_docs d on d.id = f.rowid
      where inquiry_search_fts match ${match} and d.shop_id = ${shopId} and instr(d.text, ${needle}) > 0
    ) c
    cross join inquiries i on i.id = c.inquiry_id
    where ${listConditions(shopId, filter, 'i')}
    order by i.last_activity_at desc, i.id desc limit ${take}`.execute(db);
  return found.rows;
}
