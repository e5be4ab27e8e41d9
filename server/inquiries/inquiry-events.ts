/** After a commit: `inquiry.updated` and `counts.updated` to the shop's open pages. */
import type { Db } from '../db/database.ts';
import type { InquiryRow } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { countInquiries } from './inquiries.repository.ts';

export interface PublishOptions {
  /** when given, changes are announced to the shop's open pages */
  hub?: EventHub;
}

export async function publishInquiryChange(db: Db, hub: EventHub | undefined, shopId: string, inquiry: Pick<InquiryRow, 'id' | 'order_id'>) {
  if (!hub || !hub.hasAudience(shopId)) return;
  hub.publish(shopId, { name: 'inquiry.updated', data: { id: inquiry.id, orderId: inquiry.order_id } });
  hub.publish(shopId, { name: 'counts.updated', data: await countInquiries(db, shopId) });
}
