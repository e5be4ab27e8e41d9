/**
 * Storing what a mall holds (the sync, the demo seed): one inquiry or a listed page of them,
 * idempotently, with the status rules of shared/status.ts. Events are published after the commit.
 */
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { Sender } from '../../shared/api.ts';
import { normalizeLineBreaks } from '../../shared/mall-rules.ts';
import { afterCustomerMessage, afterShopMessage, deriveStatus } from '../../shared/status.ts';
import { nowIso, toDbBytes, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { InquiryRow, NewAttachment, NewMessage } from '../db/schema.ts';
import type { MallInquiry, MallMessage } from '../malls/mall-model.ts';
import { hasOpenCompletionChange } from '../malls/outbox/outbox.repository.ts';
import { ensureShop } from '../shops/shops.repository.ts';
import * as repo from './inquiries.repository.ts';
import { publishInquiryChange, type PublishOptions } from './inquiry-events.ts';
import { insertAttachments, insertMessages, storedMallMessageIds } from './messages.repository.ts';
import { indexPendingSearchDocuments } from './search/search.repository.ts';
import { factsOf, oldestUnanswered, previewOf, waitingSinceFor } from './thread-summary.ts';

export interface RecordResult {
  inquiryId: string;
  created: boolean;
  newMessages: number;
  statusChanged: boolean;
}

/**
 * Stores one inquiry as a mall holds it, idempotently: the inquiry is upserted by
 * (shop, mall, mallInquiryId); only messages whose mallMessageId is not stored yet are inserted, with
 * their attachments' bytes taken from `files` (keyed by MallAttachment.mallKey; a file missing there is
 * recorded without bytes). Status rules: a new customer message makes the inquiry need a reply
 * (a completed Yahoo! one stays completed); the mall's completion flag is taken over when it changed
 * at the mall since the last sync and no local complete/reopen is still on its way there.
 * One transaction; events are published after it commits.
 */
export async function recordMallInquiry(
  db: Db,
  shopId: string,
  accountId: string | null,
  inquiry: MallInquiry,
  files: Map<string, Uint8Array> = new Map(),
  options: PublishOptions = {},
): Promise<RecordResult> {
  await ensureShop(db, shopId);
  const recorded = await db.transaction().execute(async (trx) => {
    const thread = await recordInTransaction(trx, shopId, accountId, inquiry, files);
    await indexPendingSearchDocuments(trx);
    return thread;
  });
  if (recorded.changed) await publishInquiryChange(db, options.hub, shopId, recorded.row);
  return recorded.result;
}

/**
 * Several of a mall's inquiries in one transaction, as recordMallInquiry stores each: a sync stores a
 * listed page at a time, so the rows and indexes it touches are written out once per page, not once
 * per inquiry. Threads not stored yet go in with one multi-row insert per table. All or nothing: a
 * failure leaves none of them stored, and the next run stores them again.
 */
export async function recordMallInquiries(
  db: Db,
  shopId: string,
  accountId: string | null,
  items: { inquiry: MallInquiry; files: Map<string, Uint8Array> }[],
  options: PublishOptions = {},
): Promise<RecordResult[]> {
  if (items.length === 0) return [];
  await ensureShop(db, shopId);
  const recorded = await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const out: RecordedThread[] = new Array(items.length);
    const stored = await repo.storedMallInquiryIds(trx, shopId, items.map((item) => item.inquiry));
    const fresh: ThreadRows[] = [];
    const others: number[] = [];
    items.forEach((item, i) => {
      const key = mallKeyOf(item.inquiry);
      // stored already, or a second copy in this batch: the one-at-a-time path, after the new ones are in
      if (stored.has(key)) return others.push(i);
      stored.add(key);
      const thread = freshThread(shopId, accountId, item.inquiry, item.files, now);
      fresh.push(thread);
      out[i] = thread.recorded;
    });
    await insertThreads(trx, fresh);
    for (const i of others) out[i] = await recordInTransaction(trx, shopId, accountId, items[i]!.inquiry, items[i]!.files);
    // each thread's search document once, with all of its messages
    await indexPendingSearchDocuments(trx);
    return out;
  });
  for (const r of recorded) if (r.changed) await publishInquiryChange(db, options.hub, shopId, r.row);
  return recorded.map((r) => r.result);
}

interface RecordedThread {
  row: InquiryRow;
  result: RecordResult;
  changed: boolean;
}

interface ThreadRows {
  inquiry: InquiryRow;
  messages: NewMessage[];
  attachments: NewAttachment[];
  recorded: RecordedThread;
}

function mallKeyOf(inquiry: Pick<MallInquiry, 'mall' | 'mallInquiryId'>): string {
  return `${inquiry.mall}\u0000${inquiry.mallInquiryId}`;
}

/** Oldest first, each mall message once. */
function orderedMessages(inquiry: MallInquiry): MallMessage[] {
  const seen = new Set<string>();
  return [...inquiry.messages]
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
    .filter((m) => !seen.has(m.mallMessageId) && seen.add(m.mallMessageId));
}

/** Rows for messages of a thread, with their attachments' bytes from `files` (by mallKey; missing: no bytes). */
function messageRows(inquiryId: string, shopId: string, messages: MallMessage[], files: Map<string, Uint8Array>, now: string) {
  const rows: { messages: NewMessage[]; attachments: NewAttachment[] } = { messages: [], attachments: [] };
  for (const message of messages) {
    const messageId = newId();
    rows.messages.push({
      id: messageId,
      inquiry_id: inquiryId,
      shop_id: shopId,
      mall_message_id: message.mallMessageId,
      sender: message.sender,
      staff_name: null,
      body: normalizeLineBreaks(message.body),
      sent_at: message.sentAt.toISOString(),
      delivery: 'sent',
      failure_reason: null,
      created_at: now,
      updated_at: now,
    });
    message.attachments.forEach((a, position) => {
      const bytes = files.get(a.mallKey);
      rows.attachments.push({
        id: newId(),
        message_id: messageId,
        shop_id: shopId,
        name: a.name,
        content_type: a.contentType,
        size: bytes?.byteLength ?? a.size ?? 0,
        mall_key: a.mallKey,
        data: bytes ? toDbBytes(bytes) : null,
        position,
        created_at: now,
      });
    });
  }
  return rows;
}

/** A thread not stored yet, as its rows: the inquiry as it ends up (no second write of its summary), its messages. */
function freshThread(shopId: string, accountId: string | null, inquiry: MallInquiry, files: Map<string, Uint8Array>, now: string): ThreadRows {
  const messages = orderedMessages(inquiry);
  const newest = messages[messages.length - 1];
  const lastSender: Sender = newest?.sender ?? 'customer';
  const status = deriveStatus({ completed: inquiry.completed, lastSender });
  const lastCustomer = messages.map((m) => m.sender).lastIndexOf('customer');
  const waitingSince =
    status === 'needs-reply'
      ? (oldestUnanswered(messages.map((m) => ({ sender: m.sender, delivery: 'sent' as const, sent_at: m.sentAt.toISOString() }))) ??
        (newest?.sentAt ?? inquiry.updatedAt).toISOString())
      : null;
  const row: InquiryRow = {
    id: newId(),
    shop_id: shopId,
    mall: inquiry.mall,
    mall_account_id: accountId,
    mall_inquiry_id: inquiry.mallInquiryId,
    order_id: inquiry.orderId,
    subject: inquiry.subject,
    customer_name: showsCustomerName(inquiry.mall) ? inquiry.customerName : null,
    item_name: inquiry.itemName,
    status,
    completed: inquiry.completed ? 1 : 0,
    mall_completed: inquiry.completed ? 1 : 0,
    last_sender: lastSender,
    last_activity_at: (newest?.sentAt ?? inquiry.updatedAt).toISOString(),
    created_at: inquiry.createdAt.toISOString(),
    updated_at: now,
    preview: newest ? previewOf(newest.body) : '',
    message_count: messages.length,
    assignee_id: null,
    version: messages.length,
    customer_version: lastCustomer + 1,
    waiting_since: waitingSince,
  };
  return {
    inquiry: row,
    ...messageRows(row.id, shopId, messages, files, now),
    recorded: { row, result: { inquiryId: row.id, created: true, newMessages: messages.length, statusChanged: false }, changed: true },
  };
}

async function insertThreads(trx: Db, threads: ThreadRows[]): Promise<void> {
  await repo.insertInquiries(trx, threads.map((t) => t.inquiry));
  await insertMessages(trx, threads.flatMap((t) => t.messages));
  await insertAttachments(trx, threads.flatMap((t) => t.attachments));
}

async function recordInTransaction(
  trx: Db,
  shopId: string,
  accountId: string | null,
  inquiry: MallInquiry,
  files: Map<string, Uint8Array>,
): Promise<RecordedThread> {
  const now = nowIso();
  const row = await repo.lockInquiryByMallId(trx, shopId, inquiry.mall, inquiry.mallInquiryId);
  if (!row) {
    const thread = freshThread(shopId, accountId, inquiry, files, now);
    await insertThreads(trx, [thread]);
    return thread.recorded;
  }
  const before = row.status;
  const stored = await storedMallMessageIds(trx, shopId, row.id);
  let facts = factsOf(row);
  let lastActivity = row.last_activity_at;
  let preview = row.preview;

  const mallFlag = inquiry.completed ? 1 : 0;
  if (mallFlag !== row.mall_completed && !(await hasOpenCompletionChange(trx, shopId, row.id))) {
    // Yahoo!: a completed topic never opens again, whatever arrives
    if (!(inquiry.mall === 'yahoo' && facts.completed)) facts = { ...facts, completed: inquiry.completed };
  }

  const added = orderedMessages(inquiry).filter((m) => !stored.has(m.mallMessageId));
  for (const message of added) {
    const sentAt = message.sentAt.toISOString();
    // a message older than the thread's last activity was already answered or superseded
    if (sentAt >= lastActivity) {
      facts = message.sender === 'customer' ? afterCustomerMessage(inquiry.mall, facts) : afterShopMessage(facts);
      lastActivity = sentAt;
      preview = previewOf(message.body);
    }
  }
  const rows = messageRows(row.id, shopId, added, files, now);
  await insertMessages(trx, rows.messages);
  await insertAttachments(trx, rows.attachments);
  const status = deriveStatus(facts);
  const lastCustomer = added.map((m) => m.sender).lastIndexOf('customer');
  const answered = added.some((m) => m.sender === 'shop');
  const patch = {
    status,
    // a mall-side shop message answers: the wait is read from the thread again
    waiting_since: answered ? await waitingSinceFor(trx, shopId, { ...row, status: 'replied' }, status) : await waitingSinceFor(trx, shopId, row, status),
    version: row.version + added.length,
    customer_version: lastCustomer >= 0 ? row.version + lastCustomer + 1 : row.customer_version,
    completed: facts.completed ? 1 : 0,
    mall_completed: mallFlag,
    last_sender: facts.lastSender,
    last_activity_at: lastActivity,
    preview,
    message_count: row.message_count + added.length,
    subject: inquiry.subject || row.subject,
    order_id: inquiry.orderId ?? row.order_id,
    item_name: inquiry.itemName ?? row.item_name,
    customer_name: showsCustomerName(inquiry.mall) ? (inquiry.customerName ?? row.customer_name) : null,
    mall_account_id: accountId ?? row.mall_account_id,
  };
  const changed =
    added.length > 0 ||
    patch.waiting_since !== row.waiting_since ||
    status !== before ||
    patch.completed !== row.completed ||
    patch.mall_completed !== row.mall_completed ||
    patch.subject !== row.subject ||
    patch.order_id !== row.order_id ||
    patch.item_name !== row.item_name ||
    patch.customer_name !== row.customer_name;
  if (changed) await repo.updateInquiry(trx, shopId, row.id, patch);
  return {
    row: { ...row, ...patch },
    result: { inquiryId: row.id, created: false, newMessages: added.length, statusChanged: status !== before },
    changed,
  };
}
