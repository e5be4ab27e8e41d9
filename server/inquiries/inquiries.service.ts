/**
 * Inquiry rules: the inbox, threads, replies into the outbox, completion, and storing what a mall
 * holds. The inquiry row's status, last sender, last activity, preview and message count are changed
 * in the same transaction as the messages they summarise, with the rules of shared/status.ts.
 * After a commit, `inquiry.updated` and `counts.updated` are published to the shop's event hub.
 *
 * Called by the mall sync and the outbox (server/malls/):
 * - `recordMallInquiry(db, shopId, accountId, inquiry, files, { hub })` stores one mall inquiry
 *   idempotently (upsert by shop+mall+mallInquiryId, messages by mallMessageId).
 * - `markMessageSent(db, shopId, messageId, mallMessageId, { hub })` once the mall has a reply; the mall's
 *   id is stored so the next sync recognises the message instead of storing it twice.
 * - `markMessageFailed(db, shopId, messageId, reason, { hub })` when the mall refused it for good.
 */
import type {
  AttachmentView,
  InquiryCounts,
  InquiryDetail,
  InquiryPage,
  InquiryStatus,
  Mall,
  MessageView,
  Sender,
} from '../../shared/api.ts';
import { MIME_BY_EXTENSION, checkReply, normalizeLineBreaks } from '../../shared/mall-rules.ts';
import { afterCustomerMessage, afterShopMessage, canReopen, deriveStatus, type StatusFacts } from '../../shared/status.ts';
import type { MallInquiry, MallMessage } from '../malls/mall-model.ts';
import { nowIso, toDbBytes, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { InquiryRow, MessageRow, NewAttachment, NewMessage } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ProblemError, notFound, refused } from '../http/problem.ts';
import { ensureShop } from '../shops/shops.repository.ts';
import type { InboxPageCache } from './inbox-page-cache.ts';
import { addSearchMatches } from './search/matches.ts';
import * as repo from './inquiries.repository.ts';

export const API_PREFIX = '/api/v1';
const PREVIEW_CHARS = 80;

export interface PublishOptions {
  /** when given, changes are announced to the shop's open pages */
  hub?: EventHub;
}

// ---- views ----

export function toSummary(row: InquiryRow) {
  return {
    id: row.id,
    mall: row.mall,
    mallInquiryId: row.mall_inquiry_id,
    orderId: row.order_id,
    subject: row.subject,
    // Yahoo! gives a masked id only: never show a name for it, whatever was stored
    customerName: row.mall === 'yahoo' ? null : row.customer_name,
    status: row.status,
    completed: row.completed === 1,
    lastSender: row.last_sender,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    preview: row.preview,
    messageCount: row.message_count,
  };
}

function toAttachmentView(a: repo.AttachmentMeta): AttachmentView {
  return { id: a.id, name: a.name, size: a.size, contentType: a.content_type, url: `${API_PREFIX}/attachments/${a.id}` };
}

function toMessageView(m: MessageRow, attachments: repo.AttachmentMeta[]): MessageView {
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

async function loadDetails(db: Db, shopId: string, rows: InquiryRow[]): Promise<InquiryDetail[]> {
  const messages = await repo.listMessages(db, shopId, rows.map((r) => r.id));
  const attachments = await repo.listAttachments(db, shopId, messages.map((m) => m.id));
  const byMessage = new Map<string, repo.AttachmentMeta[]>();
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

// ---- reading ----

export function encodeCursor(cursor: repo.InboxCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastActivityAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): repo.InboxCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { lastActivityAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new ProblemError(400, 'invalid_request', 'the cursor is not one this server gave out', [
    { field: 'cursor', code: 'invalid_request' },
  ]);
}

export async function listInquiryPage(
  db: Db,
  shopId: string,
  query: { status?: InquiryStatus; mall?: Mall; q?: string; cursor?: string; limit?: number },
): Promise<InquiryPage> {
  const limit = query.limit ?? 50;
  const rows = await repo.listInquiries(db, shopId, {
    status: query.status,
    mall: query.mall,
    q: query.q || undefined,
    cursor: query.cursor ? decodeCursor(query.cursor) : null,
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ lastActivityAt: last.last_activity_at, id: last.id }) : null;
  const items = page.map(toSummary);
  return { items: query.q ? await addSearchMatches(db, query.q, page, items) : items, nextCursor };
}

/**
 * A page of the inbox as the JSON answered: first pages come from the cache while the shop's inquiry
 * version says they still hold (see inbox-page-cache.ts); searches and later pages are read each time.
 */
export async function listInquiryPageJson(
  db: Db,
  cache: InboxPageCache,
  shopId: string,
  query: Parameters<typeof listInquiryPage>[2],
): Promise<string> {
  const key = cache.keyOf(shopId, query);
  if (!key) return JSON.stringify(await listInquiryPage(db, shopId, query));
  // the version first: a page read after it is at least as new as the version it is kept under
  const version = await repo.readInquiryVersion(db, shopId);
  const kept = cache.get(key, version);
  if (kept) return kept;
  const json = JSON.stringify(await listInquiryPage(db, shopId, query));
  cache.set(key, version, json);
  return json;
}

export function getCounts(db: Db, shopId: string): Promise<InquiryCounts> {
  return repo.countInquiries(db, shopId);
}

export async function getInquiryDetail(db: Db, shopId: string, id: string): Promise<InquiryDetail> {
  const row = await repo.findInquiry(db, shopId, id);
  if (!row) throw notFound('inquiry');
  const [detail] = await loadDetails(db, shopId, [row]);
  return detail!;
}

export async function getOrderInquiries(db: Db, shopId: string, orderId: string): Promise<InquiryDetail[]> {
  const rows = await repo.listOrderInquiries(db, shopId, orderId);
  return loadDetails(db, shopId, rows);
}

// ---- events ----

export async function publishInquiryChange(db: Db, hub: EventHub | undefined, shopId: string, inquiry: Pick<InquiryRow, 'id' | 'order_id'>) {
  if (!hub || hub.listenerCount(shopId) === 0) return;
  hub.publish(shopId, { name: 'inquiry.updated', data: { id: inquiry.id, orderId: inquiry.order_id } });
  hub.publish(shopId, { name: 'counts.updated', data: await repo.countInquiries(db, shopId) });
}

// ---- thread bookkeeping ----

function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : flat;
}

function factsOf(row: InquiryRow): StatusFacts {
  return { completed: row.completed === 1, lastSender: row.last_sender };
}

/**
 * Rebuilds the summary columns from the thread: used where a message leaves the picture
 * (a reply that failed for good is not an answer the customer got).
 */
async function recomputeThread(trx: Db, shopId: string, row: InquiryRow): Promise<InquiryRow> {
  const messages = await repo.listMessages(trx, shopId, [row.id]);
  const newest = messages[messages.length - 1];
  const delivered = messages.filter((m) => m.delivery !== 'failed');
  const lastSender: Sender = delivered[delivered.length - 1]?.sender ?? row.last_sender;
  const completed = row.completed === 1;
  const patch = {
    last_sender: lastSender,
    status: deriveStatus({ completed, lastSender }),
    last_activity_at: newest ? (newest.sent_at > row.last_activity_at ? newest.sent_at : row.last_activity_at) : row.last_activity_at,
    preview: newest ? previewOf(newest.body) : row.preview,
    message_count: messages.length,
  };
  await repo.updateInquiry(trx, shopId, row.id, patch);
  return { ...row, ...patch };
}

// ---- replies ----

export interface ReplyFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReplyContext {
  db: Db;
  hub?: EventHub;
  shopId: string;
  staff: string;
}

/**
 * Commits a shop reply: the message (delivery `pending`), its attachments and an outbox row in one
 * transaction. The outbox worker delivers it to the mall later.
 */
export async function submitReply(ctx: ReplyContext, inquiryId: string, body: string, files: ReplyFile[]): Promise<MessageView> {
  const { db, shopId } = ctx;
  const text = normalizeLineBreaks(body);
  const result = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    const problems = checkReply(row.mall, text, files.map((f) => ({ name: f.name, size: f.bytes.byteLength })));
    if (problems.length > 0) {
      throw refused('the mall would refuse this reply', problems);
    }
    const now = nowIso();
    const messageId = newId();
    const message: MessageRow = {
      id: messageId,
      inquiry_id: row.id,
      shop_id: shopId,
      mall_message_id: null,
      sender: 'shop',
      staff_name: ctx.staff || null,
      body: text,
      sent_at: now,
      delivery: 'pending',
      failure_reason: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertMessage(trx, message);
    const attachments: NewAttachment[] = files.map((f, position) => {
      const ext = f.name.slice(f.name.lastIndexOf('.') + 1).toLowerCase();
      return {
        id: newId(),
        message_id: messageId,
        shop_id: shopId,
        name: f.name,
        content_type: MIME_BY_EXTENSION[ext] ?? 'application/octet-stream',
        size: f.bytes.byteLength,
        mall_key: null,
        data: toDbBytes(f.bytes),
        position,
        created_at: now,
      };
    });
    await repo.insertAttachments(trx, attachments);
    await repo.insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reply', messageId });
    const facts = afterShopMessage(factsOf(row));
    await repo.updateInquiry(trx, shopId, row.id, {
      last_sender: facts.lastSender,
      status: deriveStatus(facts),
      last_activity_at: now > row.last_activity_at ? now : row.last_activity_at,
      preview: previewOf(text),
      message_count: row.message_count + 1,
    });
    const metas = attachments.map((a) => ({ ...a, data: undefined, mall_key: null, available: 1 }) as unknown as repo.AttachmentMeta);
    return { row, view: toMessageView(message, metas) };
  });
  await publishInquiryChange(db, ctx.hub, shopId, result.row);
  return result.view;
}

/** A reply that failed for good goes back to `pending` with a fresh outbox row; anything else is refused. */
export async function retryReply(ctx: ReplyContext, inquiryId: string, messageId: string): Promise<MessageView> {
  const { db, shopId } = ctx;
  const result = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    const message = await repo.findMessage(trx, shopId, messageId);
    if (!message || message.inquiry_id !== row.id) throw notFound('message');
    if (message.sender !== 'shop' || message.delivery !== 'failed') {
      throw new ProblemError(409, 'retry_not_allowed', 'only a reply that failed can be sent again');
    }
    await repo.updateMessage(trx, shopId, messageId, { delivery: 'pending', failure_reason: null });
    await repo.insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reply', messageId });
    await recomputeThread(trx, shopId, row);
    const updated = (await repo.findMessage(trx, shopId, messageId))!;
    const attachments = await repo.listAttachments(trx, shopId, [messageId]);
    return { row, view: toMessageView(updated, attachments) };
  });
  await publishInquiryChange(db, ctx.hub, shopId, result.row);
  return result.view;
}

// ---- completion ----

export async function completeInquiry(ctx: { db: Db; hub?: EventHub; shopId: string }, inquiryId: string): Promise<InquiryDetail> {
  const { db, shopId } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    if (row.completed === 1) throw new ProblemError(409, 'already_completed', 'the inquiry is already completed');
    await repo.updateInquiry(trx, shopId, row.id, { completed: 1, status: deriveStatus({ completed: true, lastSender: row.last_sender }) });
    await repo.insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'complete', messageId: null });
    return row;
  });
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return getInquiryDetail(db, shopId, inquiryId);
}

export async function reopenInquiry(ctx: { db: Db; hub?: EventHub; shopId: string }, inquiryId: string): Promise<InquiryDetail> {
  const { db, shopId } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    if (row.mall === 'yahoo') {
      throw new ProblemError(409, 'reopen_not_allowed', 'Yahoo! Shopping does not allow a completed inquiry to be reopened');
    }
    if (row.completed !== 1) throw new ProblemError(409, 'not_completed', 'the inquiry is not completed');
    await repo.updateInquiry(trx, shopId, row.id, { completed: 0, status: deriveStatus({ completed: false, lastSender: row.last_sender }) });
    await repo.insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reopen', messageId: null });
    return row;
  });
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return getInquiryDetail(db, shopId, inquiryId);
}

/**
 * The mall refused a completion or a reopen for good: the local flag goes back to what the mall still
 * has, so the back office never shows 対応完了 for an inquiry the mall keeps open (or the reverse).
 * A later change by the staff that is still on its way wins.
 */
export async function undoRefusedCompletionChange(
  ctx: { db: Db; hub?: EventHub; shopId: string },
  inquiryId: string,
  change: { kind: 'complete' | 'reopen'; outboxId: string },
): Promise<boolean> {
  const { db, shopId } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) return undefined;
    if (await repo.hasOpenCompletionChange(trx, shopId, inquiryId, change.outboxId)) return undefined;
    const completed = change.kind === 'reopen';
    if ((row.completed === 1) === completed) return undefined;
    await repo.updateInquiry(trx, shopId, row.id, { completed: completed ? 1 : 0, status: deriveStatus({ completed, lastSender: row.last_sender }) });
    return row;
  });
  if (!row) return false;
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return true;
}

// ---- attachments ----

export async function getAttachmentFile(db: Db, shopId: string, id: string) {
  const row = await repo.findAttachment(db, shopId, id);
  if (!row) throw notFound('attachment');
  if (!row.data) throw new ProblemError(404, 'not_found', 'the mall no longer provides this file');
  return { name: row.name, contentType: row.content_type, bytes: new Uint8Array(row.data) };
}

// ---- what the malls hold (sync) ----

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
  const recorded = await db.transaction().execute((trx) => recordInTransaction(trx, shopId, accountId, inquiry, files));
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
  const row: InquiryRow = {
    id: newId(),
    shop_id: shopId,
    mall: inquiry.mall,
    mall_account_id: accountId,
    mall_inquiry_id: inquiry.mallInquiryId,
    order_id: inquiry.orderId,
    subject: inquiry.subject,
    customer_name: inquiry.mall === 'yahoo' ? null : inquiry.customerName,
    item_name: inquiry.itemName,
    status: deriveStatus({ completed: inquiry.completed, lastSender }),
    completed: inquiry.completed ? 1 : 0,
    mall_completed: inquiry.completed ? 1 : 0,
    last_sender: lastSender,
    last_activity_at: (newest?.sentAt ?? inquiry.updatedAt).toISOString(),
    created_at: inquiry.createdAt.toISOString(),
    updated_at: now,
    preview: newest ? previewOf(newest.body) : '',
    message_count: messages.length,
  };
  return {
    inquiry: row,
    ...messageRows(row.id, shopId, messages, files, now),
    recorded: { row, result: { inquiryId: row.id, created: true, newMessages: messages.length, statusChanged: false }, changed: true },
  };
}

async function insertThreads(trx: Db, threads: ThreadRows[]): Promise<void> {
  await repo.insertInquiries(trx, threads.map((t) => t.inquiry));
  await repo.insertMessages(trx, threads.flatMap((t) => t.messages));
  await repo.insertAttachments(trx, threads.flatMap((t) => t.attachments));
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
  const stored = await repo.storedMallMessageIds(trx, shopId, row.id);
  let facts = factsOf(row);
  let lastActivity = row.last_activity_at;
  let preview = row.preview;

  const mallFlag = inquiry.completed ? 1 : 0;
  if (mallFlag !== row.mall_completed && !(await repo.hasOpenCompletionChange(trx, shopId, row.id))) {
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
  await repo.insertMessages(trx, rows.messages);
  await repo.insertAttachments(trx, rows.attachments);
  const status = deriveStatus(facts);
  const patch = {
    status,
    completed: facts.completed ? 1 : 0,
    mall_completed: mallFlag,
    last_sender: facts.lastSender,
    last_activity_at: lastActivity,
    preview,
    message_count: row.message_count + added.length,
    subject: inquiry.subject || row.subject,
    order_id: inquiry.orderId ?? row.order_id,
    item_name: inquiry.itemName ?? row.item_name,
    customer_name: inquiry.mall === 'yahoo' ? null : (inquiry.customerName ?? row.customer_name),
    mall_account_id: accountId ?? row.mall_account_id,
  };
  const changed =
    added.length > 0 ||
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

/**
 * The outbox's outcome for one of the shop's replies: `apply` changes the message under the lock of its
 * inquiry, then the thread's status is recomputed and the change published.
 */
async function settleDelivery(
  db: Db,
  shopId: string,
  messageId: string,
  options: PublishOptions,
  apply: (trx: Db, inquiry: InquiryRow) => Promise<void>,
): Promise<void> {
  const row = await db.transaction().execute(async (trx) => {
    const message = await repo.findMessage(trx, shopId, messageId);
    if (!message) throw notFound('message');
    const inquiry = (await repo.lockInquiry(trx, shopId, message.inquiry_id))!;
    await apply(trx, inquiry);
    await recomputeThread(trx, shopId, inquiry);
    return inquiry;
  });
  await publishInquiryChange(db, options.hub, shopId, row);
}

/**
 * The mall has the shop's reply: delivery `sent`, and its mall id stored so the next sync recognises it.
 * If a sync already stored the same mall message as a separate row, that copy is dropped (it is this message).
 */
export async function markMessageSent(
  db: Db,
  shopId: string,
  messageId: string,
  mallMessageId: string,
  options: PublishOptions = {},
): Promise<void> {
  await settleDelivery(db, shopId, messageId, options, async (trx, inquiry) => {
    const twin = await repo.findMessageByMallId(trx, shopId, inquiry.id, mallMessageId);
    if (twin && twin.id !== messageId) await repo.deleteMessage(trx, shopId, twin.id);
    await repo.updateMessage(trx, shopId, messageId, { delivery: 'sent', failure_reason: null, mall_message_id: mallMessageId });
  });
}

/** The mall refused the reply for good: `failed` with its reason (shown as 送信失敗, retryable). */
export async function markMessageFailed(
  db: Db,
  shopId: string,
  messageId: string,
  reason: string,
  options: PublishOptions = {},
): Promise<void> {
  await settleDelivery(db, shopId, messageId, options, async (trx) => {
    await repo.updateMessage(trx, shopId, messageId, { delivery: 'failed', failure_reason: reason });
  });
}
