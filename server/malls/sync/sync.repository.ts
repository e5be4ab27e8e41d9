/** The sync engine's own reads: what is stored locally for an inquiry the mall hands over. */
import type { Mall } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';

export interface LocalThread {
  inquiryId: string;
  /** mall ids already stored */
  mallMessageIds: Set<string>;
  /** shop messages written here and not yet matched to a mall message, oldest first */
  undelivered: { id: string; body: string; createdAt: string }[];
}

export async function findLocalThread(db: Db, shopId: string, mall: Mall, mallInquiryId: string): Promise<LocalThread | null> {
  const inquiry = await db
    .selectFrom('inquiries')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('mall', '=', mall)
    .where('mall_inquiry_id', '=', mallInquiryId)
    .executeTakeFirst();
  if (!inquiry) return null;
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'mall_message_id', 'sender', 'delivery', 'body', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiry.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const thread: LocalThread = { inquiryId: inquiry.id, mallMessageIds: new Set(), undelivered: [] };
  for (const m of messages) {
    if (m.mall_message_id !== null) thread.mallMessageIds.add(m.mall_message_id);
    // `failed` ones are left out: the mall refused them, so a mall copy cannot be theirs
    else if (m.sender === 'shop' && m.delivery !== 'failed') thread.undelivered.push({ id: m.id, body: m.body, createdAt: m.created_at });
  }
  return thread;
}

/**
 * Open Rakuten inquiries created before `before`, after the round-robin cursor, for one-by-one
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
