/**
 * The staff's inquiry rules behind the API: the inbox, counts, threads and files; replies into the
 * outbox, retries, completion and reopening. Each change commits the inquiry row's summary
 * (thread-summary.ts) and an outbox row in one transaction with the change itself; after the commit
 * the change is published to the shop's event hub and the route wakes the outbox worker.
 * Mall-side writers are elsewhere: mall-ingest.ts (the sync), delivery.ts (the outbox's outcomes).
 */
import type { InquiryCounts, InquiryDetail, InquiryPage, InquiryStatus, Mall, MessageView } from '../../shared/api.ts';
import { contentTypeOf } from '../../shared/file-types.ts';
import { checkReply, normalizeLineBreaks } from '../../shared/mall-rules.ts';
import { afterShopMessage, deriveStatus } from '../../shared/status.ts';
import { nowIso, toDbBytes, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { MessageRow, NewAttachment } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ProblemError, notFound, refused } from '../http/problem.ts';
import { insertOutbox } from '../malls/outbox/outbox.repository.ts';
import type { InboxPageCache } from './inbox-page-cache.ts';
import { addSearchMatches } from './search/matches.ts';
import * as repo from './inquiries.repository.ts';
import { publishInquiryChange } from './inquiry-events.ts';
import { loadDetails, toMessageView, toSummary } from './inquiry-views.ts';
import * as messages from './messages.repository.ts';
import { factsOf, previewOf, recomputeThread } from './thread-summary.ts';

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
    await messages.insertMessage(trx, message);
    const attachments: NewAttachment[] = files.map((f, position) => {
      return {
        id: newId(),
        message_id: messageId,
        shop_id: shopId,
        name: f.name,
        content_type: contentTypeOf(f.name),
        size: f.bytes.byteLength,
        mall_key: null,
        data: toDbBytes(f.bytes),
        position,
        created_at: now,
      };
    });
    await messages.insertAttachments(trx, attachments);
    await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reply', messageId });
    const facts = afterShopMessage(factsOf(row));
    await repo.updateInquiry(trx, shopId, row.id, {
      last_sender: facts.lastSender,
      status: deriveStatus(facts),
      last_activity_at: now > row.last_activity_at ? now : row.last_activity_at,
      preview: previewOf(text),
      message_count: row.message_count + 1,
    });
    const metas = attachments.map((a) => ({ ...a, data: undefined, mall_key: null, available: 1 }) as unknown as messages.AttachmentMeta);
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
    const message = await messages.findMessage(trx, shopId, messageId);
    if (!message || message.inquiry_id !== row.id) throw notFound('message');
    if (message.sender !== 'shop' || message.delivery !== 'failed') {
      throw new ProblemError(409, 'retry_not_allowed', 'only a reply that failed can be sent again');
    }
    await messages.updateMessage(trx, shopId, messageId, { delivery: 'pending', failure_reason: null });
    await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reply', messageId });
    await recomputeThread(trx, shopId, row);
    const updated = (await messages.findMessage(trx, shopId, messageId))!;
    const attachments = await messages.listAttachments(trx, shopId, [messageId]);
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
    await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'complete', messageId: null });
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
    await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reopen', messageId: null });
    return row;
  });
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return getInquiryDetail(db, shopId, inquiryId);
}

// ---- attachments ----

export async function getAttachmentFile(db: Db, shopId: string, id: string) {
  const row = await messages.findAttachment(db, shopId, id);
  if (!row) throw notFound('attachment');
  if (!row.data) throw new ProblemError(404, 'not_found', 'the mall no longer provides this file');
  return { name: row.name, contentType: row.content_type, bytes: new Uint8Array(row.data) };
}
