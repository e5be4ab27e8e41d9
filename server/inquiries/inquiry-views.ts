/** Rows as the API answers them (shared/api.ts): summaries, threads with their messages and files. */
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { AttachmentView, InquiryDetail, InquirySummary, MessageView } from '../../shared/api.ts';
import { canReopen } from '../../shared/status.ts';
import type { Db } from '../db/database.ts';
import type { InquiryRow, MessageRow } from '../db/schema.ts';
import { API_PREFIX } from '../http/api-prefix.ts';
import { listAttachments, listMessages, type AttachmentMeta } from './messages.repository.ts';

export function toSummary(row: InquiryRow): InquirySummary {
  return {
    id: row.id,
    mall: row.mall,
    mallInquiryId: row.mall_inquiry_id,
    orderId: row.order_id,
    subject: row.subject,
    // Yahoo! gives a masked id only: never show a name for it, whatever was stored
    customerName: showsCustomerName(row.mall) ? row.customer_name : null,
    status: row.status,
    completed: row.completed === 1,
    lastSender: row.last_sender,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    preview: row.preview,
    messageCount: row.message_count,
  };
}

function toAttachmentView(a: AttachmentMeta): AttachmentView {
  return { id: a.id, name: a.name, size: a.size, contentType: a.content_type, url: `${API_PREFIX}/attachments/${a.id}` };
}

export function toMessageView(m: MessageRow, attachments: AttachmentMeta[]): MessageView {
  return {
    id: m.id,
    sender: m.sender,
    staffName: m.staff_name,
    body: m.body,
    sentAt: m.sent_at,
    delivery: m.delivery,
    failureReason: m.failure_reason,
    attachments: attachments.map(toAttachmentView),
  };
}

/** The inquiries with their threads: two reads whatever their number (messages, then their files). */
export async function loadDetails(db: Db, shopId: string, rows: InquiryRow[]): Promise<InquiryDetail[]> {
  const messages = await listMessages(db, shopId, rows.map((r) => r.id));
  const attachments = await listAttachments(db, shopId, messages.map((m) => m.id));
  const byMessage = new Map<string, AttachmentMeta[]>();
  for (const a of attachments) {
    const list = byMessage.get(a.message_id) ?? [];
    list.push(a);
    byMessage.set(a.message_id, list);
  }
  const byInquiry = new Map<string, MessageView[]>();
  for (const m of messages) {
    const list = byInquiry.get(m.inquiry_id) ?? [];
    list.push(toMessageView(m, byMessage.get(m.id) ?? []));
    byInquiry.set(m.inquiry_id, list);
  }
  return rows.map((row) => ({
    ...toSummary(row),
    itemName: row.item_name,
    messages: byInquiry.get(row.id) ?? [],
    canReopen: canReopen(row.mall, row.completed === 1),
  }));
}
