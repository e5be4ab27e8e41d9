/**
 * All SQL about inquiry rows (and the counts and versions their triggers keep). Every function takes
 * the database (or a transaction) first and the shop second, and filters by the shop: another shop's
 * ids are simply not found. Messages and attachments: messages.repository.ts; outbox rows:
 * malls/outbox/outbox.repository.ts.
 */
import { sql } from 'kysely';
import type { InboxSort, InquiryCounts, InquiryStatus, Mall } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { forUpdate } from '../db/locking.ts';
import type { InquiryRow, InquiryUpdate, NewInquiry } from '../db/schema.ts';
import { nowIso } from '../db/database.ts';
import type { InboxFilter } from './inbox-filter.ts';
import { searchInquiries } from './search/search.repository.ts';

export type { InboxCursor, InboxFilter } from './inbox-filter.ts';

function filtered(db: Db, shopId: string, filter: InboxFilter) {
  let query = db.selectFrom('inquiries').selectAll().where('shop_id', '=', shopId);
  if (filter.assigneeId === null) query = query.where('assignee_id', 'is', null);
  else if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.mall) query = query.where('mall', '=', filter.mall);
  return query;
}

/**
 * One page of the inbox; returns up to `limit + 1` rows so the caller knows if more follow.
 * Newest: by last activity, newest first. Waiting: the inquiries waiting for a reply, longest wait
 * first (waiting_since, id), then the others newest first; a cursor says which part it is in.
 * With search words, the search index answers (search/search.repository.ts).
 */
export async function listInquiries(db: Db, shopId: string, filter: InboxFilter): Promise<InquiryRow[]> {
  if (filter.q) return searchInquiries(db, shopId, { ...filter, q: filter.q });
  const cursor = filter.cursor;
  if (filter.sort === 'waiting') {
    const rows: InquiryRow[] = [];
    // only inquiries needing a reply wait: another status has nothing in the first part
    if ((!filter.status || filter.status === 'needs-reply') && cursor?.kind !== 'activity') {
      // waiting_since is set only while an inquiry needs a reply: the status filter is implied, and left
      // out so the planner walks the waiting index (PostgreSQL otherwise sorted the whole tab)
      let query = filtered(db, shopId, { ...filter, status: undefined }).where('waiting_since', 'is not', null);
      if (cursor?.kind === 'waiting') {
        query = query.where((eb) => eb(eb.refTuple('waiting_since', 'id'), '>', eb.tuple(cursor.waitingSince, cursor.id)));
      }
      rows.push(...(await query.orderBy('waiting_since', 'asc').orderBy('id', 'asc').limit(filter.limit + 1).execute()));
      if (rows.length > filter.limit) return rows;
    }
    let rest = filtered(db, shopId, filter).where('waiting_since', 'is', null);
    if (cursor?.kind === 'activity') {
      rest = rest.where((eb) => eb(eb.refTuple('last_activity_at', 'id'), '<', eb.tuple(cursor.lastActivityAt, cursor.id)));
    }
    const more = await rest.orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1 - rows.length).execute();
    return [...rows, ...more];
  }
  let query = filtered(db, shopId, filter);
  if (cursor?.kind === 'activity') {
    // a row-value comparison walks the index straight to the cursor on both databases (an OR does not)
    query = query.where((eb) => eb(eb.refTuple('last_activity_at', 'id'), '<', eb.tuple(cursor.lastActivityAt, cursor.id)));
  }
  return query.orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

/** The shop's inquiry version: it moves on at every write of the shop's inquiry rows (0 before the first). */
export async function readInquiryVersion(db: Db, shopId: string): Promise<number> {
  const row = await db.selectFrom('inquiry_versions').select('version').where('shop_id', '=', shopId).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/**
 * Counts kept per shop and status by triggers on the inquiry rows: three rows read, nothing counted.
 * With an assignee (a staff id, or null for none), the per-assignee rows kept the same way.
 */
export async function countInquiries(db: Db, shopId: string, assigneeId?: string | null): Promise<InquiryCounts> {
  const rows =
    assigneeId === undefined
      ? await db.selectFrom('inquiry_counts').select(['status', 'n']).where('shop_id', '=', shopId).execute()
      : await db
          .selectFrom('inquiry_assignee_counts')
          .select(['status', 'n'])
          .where('shop_id', '=', shopId)
          .where('assignee', '=', assigneeId ?? '')
          .execute();
  const counts: InquiryCounts = { needsReply: 0, replied: 0, completed: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.status === 'needs-reply') counts.needsReply = n;
    else if (row.status === 'replied') counts.replied = n;
    else if (row.status === 'completed') counts.completed = n;
  }
  return counts;
}

export async function findInquiry(db: Db, shopId: string, id: string): Promise<InquiryRow | undefined> {
  return db.selectFrom('inquiries').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

/** The inquiry locked for the rest of the transaction. */
export async function lockInquiry(trx: Db, shopId: string, id: string): Promise<InquiryRow | undefined> {
  const query = trx.selectFrom('inquiries').selectAll().where('shop_id', '=', shopId).where('id', '=', id);
  return forUpdate(trx, query).executeTakeFirst();
}

export async function lockInquiryByMallId(
  trx: Db,
  shopId: string,
  mall: Mall,
  mallInquiryId: string,
): Promise<InquiryRow | undefined> {
  const query = trx
    .selectFrom('inquiries')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('mall', '=', mall)
    .where('mall_inquiry_id', '=', mallInquiryId);
  return forUpdate(trx, query).executeTakeFirst();
}

export async function listOrderInquiries(db: Db, shopId: string, orderId: string): Promise<InquiryRow[]> {
  return db
    .selectFrom('inquiries')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export async function insertInquiry(db: Db, row: NewInquiry): Promise<void> {
  await db.insertInto('inquiries').values(row).execute();
}

// rows per multi-row insert: well inside both databases' limits on bound parameters
const INSERT_CHUNK = 200;

export async function insertInquiries(db: Db, rows: NewInquiry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('inquiries').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

/** Which of these mall inquiries the shop has stored already, as `mall \u0000 mallInquiryId` keys. */
export async function storedMallInquiryIds(db: Db, shopId: string, inquiries: { mall: Mall; mallInquiryId: string }[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const mall of new Set(inquiries.map((i) => i.mall))) {
    const ids = inquiries.filter((i) => i.mall === mall).map((i) => i.mallInquiryId);
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom('inquiries')
        .select('mall_inquiry_id')
        .where('shop_id', '=', shopId)
        .where('mall', '=', mall)
        .where('mall_inquiry_id', 'in', ids.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const row of rows) found.add(`${mall}\u0000${row.mall_inquiry_id}`);
    }
  }
  return found;
}

export async function updateInquiry(db: Db, shopId: string, id: string, patch: InquiryUpdate): Promise<void> {
  await db
    .updateTable('inquiries')
    .set({ ...patch, updated_at: nowIso() })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .execute();
}

/** The id of the shop's inquiry with this mall id, if stored. */
export async function findInquiryIdByMallId(db: Db, shopId: string, mall: Mall, mallInquiryId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('inquiries')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('mall', '=', mall)
    .where('mall_inquiry_id', '=', mallInquiryId)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Open inquiries of a mall created before `before`, after the round-robin cursor, for one-by-one
 * refresh. Returns at most `limit` rows; an empty answer means the round is over.
 */
export async function listOldOpenInquiries(
  db: Db,
  shopId: string,
  mall: Mall,
  before: string,
  after: { createdAt: string; id: string } | null,
  limit: number,
): Promise<{ id: string; mallInquiryId: string; createdAt: string }[]> {
  let query = db
    .selectFrom('inquiries')
    .select(['id', 'mall_inquiry_id', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('mall', '=', mall)
    .where('completed', '=', 0)
    .where('created_at', '<', before);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
    );
  }
  const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, mallInquiryId: r.mall_inquiry_id, createdAt: r.created_at }));
}

/** Drops every inquiry of the shop (their messages and attachments go with them). */
export async function deleteShopInquiries(db: Db, shopId: string): Promise<void> {
  await db.deleteFrom('inquiries').where('shop_id', '=', shopId).execute();
}

/** Whether any shop has an inquiry stored (the demo seeds an empty database only). */
export async function hasAnyInquiry(db: Db): Promise<boolean> {
  const row = await db.selectFrom('inquiries').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Inquiries needing a reply that the member has read up to their newest customer message (optionally
 * only an assignee's: a staff id, or null for none). 未読 is the needs-reply count (kept by triggers)
 * minus this: the member's own read markers are walked, never the shop's inquiries.
 */
export async function countReadNeedingReply(db: Db, shopId: string, staffId: string, assigneeId?: string | null): Promise<number> {
  let query = db
    .selectFrom('inquiry_reads as r')
    .innerJoin('inquiries as i', 'i.id', 'r.inquiry_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('r.shop_id', '=', shopId)
    .where('r.staff_id', '=', staffId)
    .where('i.shop_id', '=', shopId)
    .where('i.status', '=', 'needs-reply')
    .whereRef('r.version', '>=', 'i.customer_version');
  if (assigneeId === null) query = query.where('i.assignee_id', 'is', null);
  else if (assigneeId !== undefined) query = query.where('i.assignee_id', '=', assigneeId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setAssignee(db: Db, shopId: string, id: string, assigneeId: string | null): Promise<void> {
  await db.updateTable('inquiries').set({ assignee_id: assigneeId, updated_at: nowIso() }).where('shop_id', '=', shopId).where('id', '=', id).execute();
}

/**
 * Moves the shop's inquiry version on without an inquiry row changing (a member's read marker moved):
 * kept inbox pages carry each member's 未読, so they must be read again.
 */
export async function bumpInquiryVersion(db: Db, shopId: string): Promise<void> {
  await db
    .insertInto('inquiry_versions')
    .values({ shop_id: shopId, version: 1 })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet({ version: sql`inquiry_versions.version + 1` }))
    .execute();
}
