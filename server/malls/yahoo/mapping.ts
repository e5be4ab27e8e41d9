/**
 * From the externalTalk wire format to the product's model (mall-model.ts). This is the edge: nothing
 * past it knows a Yahoo! field name. Yahoo! gives no customer name, only a masked id, so customerName is
 * always null and the product never makes one up.
 */
import { MIME_BY_EXTENSION, extensionOf } from '../../../shared/file-types.ts';
import type { MallAttachment, MallInquiry, MallMessage } from '../mall-model.ts';
import { storableText } from '../storable-text.ts';
import { pick, readUnixSec, type TalkDetailResponse, type TalkFile, type TalkMessage } from './wire.ts';

function secondsToDate(value: unknown): Date | null {
  const sec = readUnixSec(value);
  return sec === null ? null : new Date(sec * 1000);
}

export function toAttachment(file: TalkFile): MallAttachment {
  const raw = file as unknown as Record<string, unknown>;
  const objectKey = String(pick(raw, 'objectKey', 'objectkey') ?? '');
  const name = String(pick(raw, 'fileName', 'filename') ?? objectKey.split('/').pop() ?? objectKey);
  const ext = String(pick(raw, 'fileExt', 'fileext') ?? extensionOf(name));
  const size = pick<unknown>(raw, 'fileSize', 'filesize');
  return {
    mallKey: objectKey,
    name: storableText(name),
    contentType: MIME_BY_EXTENSION[ext.toLowerCase()] ?? 'application/octet-stream',
    size: typeof size === 'number' ? size : typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : null,
  };
}

export function toMessage(message: TalkMessage): MallMessage {
  const raw = message as unknown as Record<string, unknown>;
  const id = pick(raw, 'messageId', 'messageid');
  const sentAt = secondsToDate(pick(raw, 'postdate', 'postDate'));
  if (id === undefined || sentAt === null) throw new Error('externalTalkDetail: message without messageId or postdate');
  const files = (pick<TalkFile[]>(raw, 'fileList', 'filelist') ?? []) as TalkFile[];
  return {
    mallMessageId: String(id),
    sender: pick(raw, 'postUserType', 'postusertype') === 'seller' ? 'shop' : 'customer',
    body: storableText(String(message.body ?? '').replace(/\r\n?/g, '\n')),
    sentAt,
    attachments: files.map(toAttachment),
  };
}

export function toInquiry(topicId: string, detail: TalkDetailResponse): MallInquiry {
  const topic = detail.topic as unknown as Record<string, unknown>;
  // messageId is the thread's own sequence (1, 2, 3 …); post times can tie within a second.
  const messages = (detail.messages ?? []).map(toMessage).sort((a, b) => {
    const bySequence = Number(a.mallMessageId) - Number(b.mallMessageId);
    return Number.isFinite(bySequence) && bySequence !== 0 ? bySequence : a.sentAt.getTime() - b.sentAt.getTime();
  });
  const first = messages[0]?.sentAt ?? new Date(0);
  const last = messages[messages.length - 1]?.sentAt ?? first;
  const orderId = pick<string>(topic, 'orderid', 'orderId');
  const itemCode = pick<string>(topic, 'itemcode', 'itemCode');
  return {
    mall: 'yahoo',
    mallInquiryId: topicId,
    orderId: orderId ? storableText(String(orderId)) : null,
    subject: storableText(String(pick(topic, 'title') ?? '')),
    // Yahoo! never gives a name (only userMaskedIdx, e.g. "ab***"): never invent one.
    customerName: null,
    // Yahoo! gives the item's code, not its name; the code is what the shop recognises.
    itemName: itemCode ? storableText(String(itemCode)) : null,
    createdAt: first,
    updatedAt: last,
    completed: pick(topic, 'isComplete', 'isCompleted') === true,
    messages,
  };
}
