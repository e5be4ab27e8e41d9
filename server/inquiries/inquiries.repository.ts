/**
 * All SQL about inquiries, their messages, attachments and outbox rows. Every function takes the
 * database (or a transaction) first and the shop second, and filters by the shop: another shop's
 * ids are simply not found.
 */
import { sql } from 'kysely';
import type { InquiryCounts, InquiryStatus, Mall } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { forUpdate } from '../db/locking.ts';
import type {
  AttachmentRow,
  InquiryRow,
  InquiryUpdate,
  MessageRow,
  NewAttachment,
  NewInquiry,
  NewMessage,
  OutboxKind,
} from '../db/schema.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/database.ts';
import { searchInquiries } from './search/search.repository.ts';

export interface InboxCursor {
  lastActivityAt: string;
  id: string;
}

export interface InboxFilter {
  status?: InquiryStatus;
  mall?: Mall;
  q?: string;
  cursor?: InboxCursor | null;
  limit: number;
}

/** One page of the inbox, newest activity first; returns up to `limit + 1` rows so the caller knows if more follow. */
export async function listInquiries(db: Db, shopId: string, filter: InboxFilter): Promise<InquiryRow[]> {
  let query = db.selectFrom('inquiries').selectAll().where('shop_id', '=', shopId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.mall) query = query.where('mall', '=', filter.mall);
  if (filter.q) return searchInquiries(db, shopId, { ...filter, q: filter.q });
  const cursor = filter.cursor;
  if (cursor) {
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

/** Counts kept per shop and status by triggers on the inquiry rows: three rows read, nothing counted. */
export async function countInquiries(db: Db, shopId: string): Promise<InquiryCounts> {
  const rows = await db.selectFrom('inquiry_counts').select(['status', 'n']).where('shop_id', '=', shopId).execute();
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

/** Messages of some inquiries, oldest first. */
export async function listMessages(db: Db, shopId: string, inquiryIds: readonly string[]): Promise<MessageRow[]> {
  if (inquiryIds.length === 0) return [];
  return db
    .selectFrom('messages')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('inquiry_id', 'in', inquiryIds)
    .orderBy('sent_at', 'asc')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export type AttachmentMeta = Omit<AttachmentRow, 'data'> & { available: number };

/** Attachment facts without their bytes. */
export async function listAttachments(db: Db, shopId: string, messageIds: readonly string[]): Promise<AttachmentMeta[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'shop_id', 'name', 'content_type', 'size', 'mall_key', 'position', 'created_at'])
    .select(sql<number>`case when data is null then 0 else 1 end`.as('available'))
    .where('shop_id', '=', shopId)
    .where('message_id', 'in', messageIds)
    .orderBy('position', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export async function findAttachment(db: Db, shopId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function findMessage(db: Db, shopId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function insertMessage(db: Db, row: NewMessage): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export async function updateMessage(
  db: Db,
  shopId: string,
  id: string,
  patch: Partial<Pick<MessageRow, 'delivery' | 'failure_reason' | 'mall_message_id'>>,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ ...patch, updated_at: nowIso() })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .execute();
}

export async function deleteMessage(db: Db, shopId: string, id: string): Promise<void> {
  await db.deleteFrom('messages').where('shop_id', '=', shopId).where('id', '=', id).execute();
}

export async function findMessageByMallId(
  db: Db,
  shopId: string,
  inquiryId: string,
  mallMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('mall_message_id', '=', mallMessageId)
    .executeTakeFirst();
}

export async function storedMallMessageIds(db: Db, shopId: string, inquiryId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('messages')
    .select('mall_message_id')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('mall_message_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.mall_message_id!));
}

// rows per multi-row insert: well inside both databases' limits on bound parameters
const INSERT_CHUNK = 200;

/** A thread's new messages in as few statements as the parameter limits allow. */
export async function insertMessages(db: Db, rows: NewMessage[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('messages').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

export async function insertAttachments(db: Db, rows: NewAttachment[]): Promise<void> {
  // one file per statement: each may be megabytes
  for (const row of rows) await db.insertInto('attachments').values(row).execute();
}

export async function insertOutbox(
  db: Db,
  shopId: string,
  entry: { inquiryId: string; kind: OutboxKind; messageId: string | null },
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('outbox')
    .values({
      id,
      shop_id: shopId,
      inquiry_id: entry.inquiryId,
      kind: entry.kind,
      message_id: entry.messageId,
      state: 'pending',
      next_attempt_at: now,
      last_error: null,
      mall_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An undelivered complete/reopen of this inquiry: while one waits, the local flag is ahead of the mall's. */
export async function hasOpenCompletionChange(db: Db, shopId: string, inquiryId: string, exceptOutboxId?: string): Promise<boolean> {
  let query = db
    .selectFrom('outbox')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('kind', 'in', ['complete', 'reopen'])
    .where('state', 'in', ['pending', 'sending']);
  if (exceptOutboxId) query = query.where('id', '!=', exceptOutboxId);
  const row = await query.executeTakeFirst();
  return row !== undefined;
}
