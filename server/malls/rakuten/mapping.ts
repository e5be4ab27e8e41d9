/**
 * Rakuten records → the product's model (mall-model.ts). The only place that knows Rakuten's field names
 * besides the client and the simulator.
 */
import { contentTypeOf } from '../../../shared/file-types.ts';
import type { MallAttachment, MallInquiry, MallMessage } from '../mall-model.ts';
import { storableText, storableTextOrNull } from '../storable-text.ts';
import { parseRmsDateTime } from './jst-time.ts';
import type { RmsAttachment, RmsInquiry } from './wire.ts';

/** mallMessageId of an inquiry's opening message (the inquiry's own `message`). */
export const FIRST_MESSAGE_ID = 'first';

/** A Rakuten attachment is fetched again by path and label together, so both go into the key. */
export function attachmentKey(attachment: RmsAttachment): string {
  return JSON.stringify({ path: attachment.path, label: attachment.label });
}

export function parseAttachmentKey(mallKey: string): RmsAttachment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(mallKey);
  } catch {
    throw new Error('not a Rakuten attachment key');
  }
  const p = parsed as Partial<RmsAttachment> | null;
  if (!p || typeof p.path !== 'string' || typeof p.label !== 'string') throw new Error('not a Rakuten attachment key');
  return { path: p.path, label: p.label };
}

export function toMallAttachment(attachment: RmsAttachment): MallAttachment {
  return {
    mallKey: attachmentKey(attachment),
    name: storableText(attachment.label),
    contentType: contentTypeOf(attachment.label),
    // the API never says a file's size
    size: null,
  };
}

/** 【受注問い合わせ】配送 商品名 — the mall gives no subject line, so one is made from the inquiry's kind. */
export function subjectOf(inquiry: Pick<RmsInquiry, 'type' | 'category' | 'itemName'>): string {
  const kind = inquiry.type ? `【${inquiry.type}】` : '';
  const parts = [inquiry.category, inquiry.itemName].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const subject = `${kind}${parts.join(' ')}`.trim();
  return subject || 'お問い合わせ';
}

/**
 * A Rakuten inquiry as the product sees it. The opening message is the inquiry's own `message`
 * (id "first"); replies follow by id (their order is not documented, the id is stable). A message Rakuten deleted (isMessageDeleted) is kept with an
 * empty body and no attachments: it existed, and dropping it would reorder the thread.
 */
export function toMallInquiry(inquiry: RmsInquiry): MallInquiry {
  const first: MallMessage = {
    mallMessageId: FIRST_MESSAGE_ID,
    // an inquiry the shop started (店舗からの問い合わせ) opens with the shop's own message
    sender: inquiry.type === '店舗からの問い合わせ' ? 'shop' : 'customer',
    body: inquiry.isMessageDeleted ? '' : storableText(inquiry.message ?? ''),
    sentAt: parseRmsDateTime(inquiry.regDate),
    attachments: inquiry.isMessageDeleted ? [] : (inquiry.attachments ?? []).map(toMallAttachment),
  };
  const replies = [...(inquiry.replies ?? [])].sort((a, b) => a.id - b.id);
  const messages: MallMessage[] = [
    first,
    ...replies.map(
      (reply): MallMessage => ({
        mallMessageId: String(reply.id),
        sender: reply.replyFrom === 'merchant' ? 'shop' : 'customer',
        body: reply.isMessageDeleted ? '' : storableText(reply.message ?? ''),
        sentAt: parseRmsDateTime(reply.regDate),
        attachments: reply.isMessageDeleted ? [] : (reply.attachments ?? []).map(toMallAttachment),
      }),
    ),
  ];
  return {
    mall: 'rakuten',
    mallInquiryId: inquiry.inquiryNumber,
    orderId: storableTextOrNull(inquiry.orderNumber || null),
    subject: storableText(subjectOf(inquiry)),
    customerName: storableTextOrNull(inquiry.userName || null),
    itemName: storableTextOrNull(inquiry.itemName || null),
    createdAt: parseRmsDateTime(inquiry.regDate),
    updatedAt: parseRmsDateTime(inquiry.lastUpdateDate || inquiry.regDate),
    completed: inquiry.isCompleted === true,
    messages,
  };
}

/** The shopId a reply must carry: the inquiry number's first segment. */
export function shopIdOfInquiryNumber(inquiryNumber: string): string {
  const first = inquiryNumber.split('-')[0] ?? '';
  if (!/^\d+$/.test(first)) throw new Error(`inquiry number "${inquiryNumber}" does not start with a shop id`);
  return first;
}
