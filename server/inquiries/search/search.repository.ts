/**
 * Inbox search: the inbox list (status, mall, cursor paging, newest activity first) narrowed to the
 * inquiries whose subject, customer name, order number, inquiry number or a message contains the
 * word, normalised (NFKC, lower case) on both sides. Same results as checking every inquiry's text.
 *
 * Everything before the last step reads the search documents alone: each keeps its inquiry's list
 * keys (shop, last activity, status, mall) beside the text, and the B-tree on (shop, last activity,
 * inquiry) gives the inbox's order over them. Only the page's own rows are read from `inquiries`.
 * How the page is found depends on how many documents the index narrows the word to:
 * - SQLite (FTS5 counts its candidates, up to searchTuning.probe, in about a millisecond; a long word is
 *   first narrowed by its last characters, which finds an order number's few documents at once):
 *   - few (under searchTuning.lookup): each candidate is looked up, checked and sorted;
 *   - more: the shop's documents are walked in the inbox's order and only those among the index's
 *     candidates are checked, stopping at the page's last row (a name in 0.5 % of the inquiries fills
 *     a page after about 10,000 index entries, reading some 50 documents);
 *   - too many to hold (a common word): the newest searchTuning.walk documents are checked in order,
 *     which fills the page at once; if they do not, the walk with the candidates above.
 * - PostgreSQL (the GIN index can neither count nor order without reading every candidate's row):
 *   the newest searchTuning.pgWalk documents are checked in order, which a common word fills the page
 *   from; a word found there at least searchTuning.pgDense times is walked on in order until the page is
 *   full (a few thousand rows at most); otherwise every candidate of the shop (the shop leads the GIN index, so other shops' rows
 *   are never read) is checked and sorted.
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { InquiryRow } from '../../db/schema.ts';
import type { InboxFilter } from '../inbox-filter.ts';
import { normaliseSearchText, pgPairPattern, pgPlainPattern, sqliteMatchTokens } from './normalise.ts';

/** A long word is narrowed by its last this many characters first (an order number's end is rare). */
const NARROW = 6;

export const searchTuning = {
  /** how many of the newest documents the first walk checks (a word in 1 of 40 fills a page of 50 there) */
  walk: 2000,
  /** SQLite: the index's candidates counted up to this; more, and the word is common */
  probe: 20000,
  /** SQLite: fewer candidates than this are looked up one by one instead of walking the list */
  lookup: 1500,
  /** PostgreSQL: the first walk's length (it reads each document's row: kept short) */
  pgWalk: 300,
  /** PostgreSQL: found this many times in the first walk, the word is walked on instead of looked up */
  pgDense: 5,
};

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The list's filters over the search documents (alias d), which hold the inquiries' list keys. A new
 * filter or sort of the inbox (InboxFilter) needs its column in the document too (the inquiry trigger
 * of the search migration copies it) and its condition here and in ORDER, or the walks would read the
 * inquiry rows again.
 */
function listConditions(shopId: string, filter: InboxFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.shop_id = ${shopId}`];
  if (filter.status) parts.push(sql`d.status = ${filter.status}`);
  if (filter.mall) parts.push(sql`d.mall = ${filter.mall}`);
  // the assignee is not in the document: the inquiry row answers it (an assignee filter narrows enough)
  if (filter.assigneeId === null) parts.push(sql`exists (select 1 from inquiries i where i.id = d.inquiry_id and i.assignee_id is null)`);
  else if (filter.assigneeId !== undefined) parts.push(sql`exists (select 1 from inquiries i where i.id = d.inquiry_id and i.assignee_id = ${filter.assigneeId})`);
  // search results come newest first whatever the inbox's sort: their cursor is always by activity
  const cursor = filter.cursor;
  if (cursor?.kind === 'activity') parts.push(sql`(d.last_activity_at, d.inquiry_id) < (${cursor.lastActivityAt}, ${cursor.id})`);
  return sql.join(parts, sql` and `);
}

const ORDER = sql`order by d.last_activity_at desc, d.inquiry_id desc`;

/** One page of the inbox narrowed to `filter.q`; up to `limit + 1` rows, as listInquiries. */
export async function searchInquiries(db: Db, shopId: string, filter: InboxFilter & { q: string }): Promise<InquiryRow[]> {
  const needle = normaliseSearchText(filter.q);
  const take = filter.limit + 1;
  const ids = isPostgres(db) ? await searchPostgres(db, shopId, filter, needle, take) : await searchSqlite(db, shopId, filter, needle, take);
  return pageRows(db, shopId, ids);
}

/** The page's inquiry rows, in the order found. */
async function pageRows(db: Db, shopId: string, ids: string[]): Promise<InquiryRow[]> {
  if (ids.length === 0) return [];
  // by primary key alone: with the shop in the WHERE clause too, SQLite may pick the shop's list index
  // and read every inquiry of the shop; the documents were already the shop's (checked again here)
  const rows = await db.selectFrom('inquiries').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.filter((r) => r.shop_id === shopId).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is InquiryRow => r !== undefined);
}

/**
 * SQLite: indexes the search documents the triggers marked (migration 2026_11_30_0301), each once
 * however many of its messages the transaction wrote. Writers call it before they commit; a document
 * left marked is still found (searchSqlite checks the shop's marked documents beside the index's
 * candidates), only more slowly. PostgreSQL's triggers index as they go: nothing to do.
 */
export async function indexPendingSearchDocuments(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  await sql`update inquiry_search_docs set indexed = 1 where indexed = 0`.execute(db);
}

/** Whether the shop has documents written since they were last indexed (none, when every writer indexes). */
async function hasPendingDocuments(db: Db, shopId: string): Promise<boolean> {
  const r = await sql<{ one: number }>`select 1 as one from inquiry_search_docs where shop_id = ${shopId} and indexed = 0 limit 1`.execute(db);
  return r.rows.length > 0;
}

async function countMatches(db: Db, match: string, cap = searchTuning.probe): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*) as n from (select 1 from inquiry_search_fts where inquiry_search_fts match ${match} limit ${cap})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * A long word's last NARROW characters (an order number's serial, rare where its start is in most
 * documents): the AND of their trigrams, when it narrows to fewer than searchTuning.lookup candidates.
 * Counting it reads at most that many index entries; every document holding the word is among them.
 */
async function narrowByTail(db: Db, needle: string): Promise<{ match: string; candidates: number } | null> {
  const match = sqliteMatchTokens([...needle].slice(-NARROW).join('')).join(' AND ');
  const candidates = await countMatches(db, match, searchTuning.lookup);
  return candidates < searchTuning.lookup ? { match, candidates } : null;
}

async function searchSqlite(db: Db, shopId: string, filter: InboxFilter, needle: string, take: number): Promise<string[]> {
  // documents not indexed yet are candidates too, whatever the index says
  const pending = await hasPendingDocuments(db, shopId);
  const tokens = sqliteMatchTokens(needle);
  let match = tokens.join(' AND ');
  let candidates: number;
  const tail = tokens.length > 4 ? await narrowByTail(db, needle) : null;
  if (tail) {
    ({ match, candidates } = tail);
  } else if (tokens.length > 2) {
    // a long word (an order number) has common trigrams ("000") that make FTS5's AND of all of them
    // slow: its rarest two narrow about as well and read little. Each is counted up to a cap: a name's
    // few trigrams up to searchTuning.probe, a long word's many (19 for an order number) to less
    const cap = tokens.length > 4 ? Math.min(searchTuning.probe, 5000) : searchTuning.probe;
    const counted: [string, number][] = [];
    for (const token of tokens) counted.push([token, await countMatches(db, token, cap)]);
    counted.sort((a, b) => a[1] - b[1]);
    if (counted[0]![1] === 0 && !pending) return [];
    // every trigram common: the AND of all of them (slower to read, but the fewest candidates to walk)
    if (counted[0]![1] < cap) match = `${counted[0]![0]} AND ${counted[1]![0]}`;
    // all common (a longer everyday word): counting their AND would read thousands of rows
    candidates = counted[0]![1] < cap ? await countMatches(db, match) : searchTuning.probe;
  } else {
    candidates = await countMatches(db, match);
  }
  if (candidates === 0 && !pending) return [];
  const contains = sql`instr(d.text, ${needle}) > 0`;
  const indexedOrPending = (candidate: RawBuilder<unknown>) => (pending ? sql`(${candidate} or d.indexed = 0)` : candidate);
  const ids = (r: { rows: { inquiry_id: string }[] }) => r.rows.map((row) => row.inquiry_id);

  if (candidates < searchTuning.lookup) {
    // CROSS JOIN keeps the index outermost: each candidate read once, by its rowid
    const matched = sql`
      select d.inquiry_id, d.last_activity_at from inquiry_search_fts f cross join inquiry_search_docs d on d.id = f.rowid
      where inquiry_search_fts match ${match} and ${listConditions(shopId, filter)} and ${contains}`;
    const rows = pending
      ? sql`${matched} union
          select d.inquiry_id, d.last_activity_at from inquiry_search_docs d indexed by inquiry_search_docs_unindexed
          where d.indexed = 0 and ${listConditions(shopId, filter)} and ${contains}`
      : matched;
    return ids(await sql<{ inquiry_id: string }>`select d.inquiry_id from (${rows}) d ${ORDER} limit ${take}`.execute(db));
  }
  if (candidates >= searchTuning.probe) {
    // a common word: the newest documents fill the page (the walk-th one bounds it, read from the index)
    const bound = await sql<{ last_activity_at: string; inquiry_id: string }>`
      select d.last_activity_at, d.inquiry_id from inquiry_search_docs d indexed by inquiry_search_docs_list
      where ${listConditions(shopId, filter)} ${ORDER} limit 1 offset ${searchTuning.walk - 1}`.execute(db);
    const edge = bound.rows[0];
    const walked = await sql<{ inquiry_id: string }>`
      select d.inquiry_id from inquiry_search_docs d indexed by inquiry_search_docs_list
      where ${listConditions(shopId, filter)} and ${contains}
        ${edge ? sql`and (d.last_activity_at, d.inquiry_id) >= (${edge.last_activity_at}, ${edge.inquiry_id})` : sql``}
      ${ORDER} limit ${take}`.execute(db);
    // every document of the list was checked, or the page is full
    if (!edge || walked.rows.length >= take) return ids(walked);
  }
  // the list walked in order from its index; a document's text is read only if the index has it among
  // its candidates (the unary + keeps SQLite from turning the IN list into rowid lookups)
  return ids(
    await sql<{ inquiry_id: string }>`
      select d.inquiry_id from inquiry_search_docs d indexed by inquiry_search_docs_list
      where ${listConditions(shopId, filter)}
        and ${indexedOrPending(sql`+d.id in (select rowid from inquiry_search_fts where inquiry_search_fts match ${match})`)} and ${contains}
      ${ORDER} limit ${take}`.execute(db),
  );
}

async function searchPostgres(db: Db, shopId: string, filter: InboxFilter, needle: string, take: number): Promise<string[]> {
  const contains = sql`strpos(d.text, ${needle}) > 0`;
  const chars = [...needle];
  // a long word narrows by its last NARROW characters: every trigram of the pattern is read from
  // the GIN index, and the start of an order number (shop, date) is in most documents while its end
  // (the serial) is rare; strpos checks the whole word
  const narrow =
    chars.length >= 3
      ? sql`d.text like ${pgPlainPattern(chars.slice(-NARROW).join(''))}`
      : sql`goq_search_pairs(d.text) like ${pgPairPattern(needle)}`;
  const ids = (r: { rows: { inquiry_id: string }[] }) => r.rows.map((row) => row.inquiry_id);

  // 1. the newest documents in the inbox's order, each checked, stopping at the page's last row
  const walk = searchTuning.pgWalk;
  const bound = await sql<{ last_activity_at: string; inquiry_id: string }>`
    select d.last_activity_at, d.inquiry_id from inquiry_search_docs d
    where ${listConditions(shopId, filter)} ${ORDER} limit 1 offset ${walk - 1}`.execute(db);
  const edge = bound.rows[0];
  const walked = await sql<{ inquiry_id: string }>`
    select d.inquiry_id from inquiry_search_docs d
    where ${listConditions(shopId, filter)} and ${contains}
      ${edge ? sql`and (d.last_activity_at, d.inquiry_id) >= (${edge.last_activity_at}, ${edge.inquiry_id})` : sql``}
    ${ORDER} limit ${take}`.execute(db);
  if (!edge || walked.rows.length >= take) return ids(walked);

  // 2. a word the walk found often enough (pgDense in pgWalk: 1.7 %) fills the page within a few
  // thousand documents in order, cheaper than reading its tens of thousands of candidates
  if (walked.rows.length >= searchTuning.pgDense) {
    return ids(
      await sql<{ inquiry_id: string }>`
        select d.inquiry_id from inquiry_search_docs d where ${listConditions(shopId, filter)} and ${contains} ${ORDER} limit ${take}`.execute(db),
    );
  }
  // 3. every candidate of the shop (the shop leads the GIN index: other shops' candidates are not read)
  return ids(
    await sql<{ inquiry_id: string }>`
      with candidates as materialized (
        select d.inquiry_id, d.last_activity_at from inquiry_search_docs d
        where ${listConditions(shopId, filter)} and ${narrow} and ${contains}
      )
      select c.inquiry_id from candidates c order by c.last_activity_at desc, c.inquiry_id desc limit ${take}`.execute(db),
  );
}
