/** What is stored locally for an inquiry the mall hands over: the mall ids known and our undelivered replies. */
import type { Mall } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import { findInquiryIdByMallId } from '../../inquiries/inquiries.repository.ts';
import { listMessageFacts } from '../../inquiries/messages.repository.ts';

export interface LocalThread {
  /** mall ids already stored */
  mallMessageIds: Set<string>;
  /** shop messages written here and not yet matched to a mall message, oldest first */
  undelivered: { id: string; body: string; writtenAt: Date }[];
}

export async function findLocalThread(db: Db, shopId: string, mall: Mall, mallInquiryId: string): Promise<LocalThread | null> {
  const inquiryId = await findInquiryIdByMallId(db, shopId, mall, mallInquiryId);
  if (!inquiryId) return null;
  const thread: LocalThread = { mallMessageIds: new Set(), undelivered: [] };
  for (const m of await listMessageFacts(db, shopId, inquiryId)) {
    if (m.mall_message_id !== null) thread.mallMessageIds.add(m.mall_message_id);
    // `failed` ones are left out: the mall refused them, so a mall copy cannot be theirs
    else if (m.sender === 'shop' && m.delivery !== 'failed') thread.undelivered.push({ id: m.id, body: m.body, writtenAt: new Date(m.created_at) });
  }
  return thread;
}
