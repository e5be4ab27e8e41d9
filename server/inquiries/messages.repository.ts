/**
 * All SQL about messages and their attachments. Every function takes the database (or a transaction)
 * first and the shop second, and filters by the shop: another shop's ids are simply not found.
 */
import { sql } from 'kysely';
import { nowIso, type Db } from '../db/database.ts';
import type { AttachmentRow, MessageRow, NewAttachment, NewMessage } from '../db/schema.ts';
import { indexPendingSearchDocuments } from './search/search.repository.ts';

// rows per multi-row insert: well inside both databases' limits on bound parameters
const INSERT_CHUNK = 200;

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

export async function findMessage(db: Db, shopId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
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

/** One message, and its inquiry's search document indexed again. */
export async function insertMessage(db: Db, row: NewMessage): Promise<void> {
  await db.insertInto('messages').values(row).execute();
  await indexPendingSearchDocuments(db);
}

/**
 * Messages in as few statements as the parameter limits allow. Their search documents are left for
 * the caller to index once its transaction has written everything (indexPendingSearchDocuments).
 */
export async function insertMessages(db: Db, rows: NewMessage[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('messages').values(rows.slice(i, i + INSERT_CHUNK)).execute();
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
  await indexPendingSearchDocuments(db);
}

export async function storedMallMessageIds(db: Db, shopId: string, inquiryId: string): Promise<Set<string>> {
  return mallIdsOfOtherMessages(db, shopId, inquiryId, null);
}

/** The mall ids of the inquiry's messages other than `messageId` (all of them when null). */
export async function mallIdsOfOtherMessages(db: Db, shopId: string, inquiryId: string, messageId: string | null): Promise<Set<string>> {
  let query = db
    .selectFrom('messages')
    .select('mall_message_id')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('mall_message_id', 'is not', null);
  if (messageId) query = query.where('id', '!=', messageId);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.mall_message_id!));
}

/** What the sync compares with a mall's thread: each message's mall id, sender, delivery and text, oldest written first. */
export async function listMessageFacts(db: Db, shopId: string, inquiryId: string) {
  return db
    .selectFrom('messages')
    .select(['id', 'mall_message_id', 'sender', 'delivery', 'body', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Whether a shop message of this inquiry has reached the mall. */
export async function hasDeliveredShopMessage(db: Db, shopId: string, inquiryId: string): Promise<boolean> {
  const sent = await db
    .selectFrom('messages')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('sender', '=', 'shop')
    .where('delivery', '=', 'sent')
    .executeTakeFirst();
  return sent !== undefined;
}

// ---- attachments ----

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

/** A message's files with their bytes, for the upload to the mall. */
export async function listAttachmentFiles(db: Db, shopId: string, messageId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'name', 'content_type', 'data'])
    .where('shop_id', '=', shopId)
    .where('message_id', '=', messageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Db, shopId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttachments(db: Db, rows: NewAttachment[]): Promise<void> {
  // one file per statement: each may be megabytes
  for (const row of rows) await db.insertInto('attachments').values(row).execute();
}
