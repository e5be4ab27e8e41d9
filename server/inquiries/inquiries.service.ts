/**
 * The staff's inquiry rules behind the API: the inbox, counts, threads and files; replies into the
 * outbox, retries, completion and reopening. Each change commits the inquiry row's summary
 * (thread-summary.ts) and an outbox row in one transaction with the change itself; after the commit
 * the change is published to the shop's event hub and the route wakes the outbox worker.
 * Mall-side writers are elsewhere: mall-ingest.ts (the sync), delivery.ts (the outbox's outcomes);
 * team work (担当者, read markers, bulk actions) is in team-work.service.ts.
 */
import type {
  AssigneeFilter,
  InboxSort,
  InquiryCounts,
  InquiryDetail,
  InquiryPage,
  InquiryStatus,
  Mall,
  MessageView,
} from '../../shared/api.ts';
import { contentTypeOf } from '../../shared/file-types.ts';
import { checkReply, normalizeLineBreaks } from '../../shared/mall-rules.ts';
import { afterShopMessage, deriveStatus } from '../../shared/status.ts';
import { nowIso, toDbBytes, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { InquiryRow, MessageRow, NewAttachment } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ProblemError, notFound, refused } from '../http/problem.ts';
import { insertOutbox, outboxCreatedAt } from '../malls/outbox/outbox.repository.ts';
import type { InboxPageCache } from './inbox-page-cache.ts';
import { addSearchMatches } from './search/matches.ts';
import * as repo from './inquiries.repository.ts';
import { publishInquiryChange } from './inquiry-events.ts';
import { loadDetails, loadTeamView, toMessageView, toSummary } from './inquiry-views.ts';
import * as messages from './messages.repository.ts';
import { factsOf, previewOf, recomputeThread, waitingSinceFor } from './thread-summary.ts';

// ---- reading ----

export function encodeCursor(cursor: repo.InboxCursor): string {
  const value = cursor.kind === 'activity' ? [cursor.lastActivityAt, cursor.id] : ['w', cursor.waitingSince, cursor.id];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(text: string): repo.InboxCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
      if (value.length === 2) return { kind: 'activity', lastActivityAt: value[0], id: value[1] };
      if (value.length === 3 && value[0] === 'w') return { kind: 'waiting', waitingSince: value[1], id: value[2] };
    }
  } catch {
    // fall through
  }
  throw new ProblemError(400, 'invalid_request', 'the cursor is not one this server gave out', [
    { field: 'cursor', code: 'invalid_request' },
  ]);
}

export interface InboxQuery {
  status?: InquiryStatus;
  mall?: Mall;
  q?: string;
  cursor?: string;
  limit?: number;
  assignee?: AssigneeFilter;
  sort?: InboxSort;
}

/** The assignee filter as a repository filter: undefined everyone's, null nobody's, else a member's. */
function assigneeIdOf(filter: AssigneeFilter | undefined, staffId: string): string | null | undefined {
  if (filter === 'me') return staffId;
  if (filter === 'unassigned') return null;
  return undefined;
}

export async function listInquiryPage(db: Db, shopId: string, query: InboxQuery, staffId = '', now = new Date()): Promise<InquiryPage> {
  const limit = query.limit ?? 50;
  const rows = await repo.listInquiries(db, shopId, {
    status: query.status,
    mall: query.mall,
    q: query.q || undefined,
    assigneeId: assigneeIdOf(query.assignee, staffId),
    sort: query.sort,
    cursor: query.cursor ? decodeCursor(query.cursor) : null,
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    nextCursor = encodeCursor(
      !query.q && query.sort === 'waiting' && last.waiting_since
        ? { kind: 'waiting', waitingSince: last.waiting_since, id: last.id }
        : { kind: 'activity', lastActivityAt: last.last_activity_at, id: last.id },
    );
  }
  const team = await loadTeamView(db, shopId, staffId, page, now);
  const items = page.map((row) => toSummary(row, team));
  return { items: query.q ? await addSearchMatches(db, query.q, page, items) : items, nextCursor };
}

/**
 * A page of the inbox as the JSON answered (UTF-8 bytes): first pages come from the cache while the shop's inquiry
 * version says they still hold (see inbox-page-cache.ts); searches and later pages are read each time.
 * A page carries the member's 未読 and the waiting minutes of now: it is kept per member, for the minute.
 */
export async function listInquiryPageJson(db: Db, cache: InboxPageCache, shopId: string, query: InboxQuery, staffId = ''): Promise<Uint8Array<ArrayBuffer>> {
  const now = new Date();
  const key = cache.keyOf(shopId, query);
  if (!key) return utf8.encode(JSON.stringify(await listInquiryPage(db, shopId, query, staffId, now)));
  const memberKey = `${key}\u0000${staffId}\u0000${query.assignee ?? ''}\u0000${query.sort ?? ''}\u0000${Math.floor(now.getTime() / 60_000)}`;
  // the version first: a page read after it is at least as new as the version it is kept under
  const version = await repo.readInquiryVersion(db, shopId);
  const kept = cache.get(memberKey, version);
  if (kept) return kept;
  const json = utf8.encode(JSON.stringify(await listInquiryPage(db, shopId, query, staffId, now)));
  cache.set(memberKey, version, json);
  return json;
}

const utf8 = new TextEncoder();

/** The shop's counts; with an assignee filter (`all` included), the member's view of them with its 未読. */
export async function getCounts(db: Db, shopId: string, options: { assignee?: AssigneeFilter; staffId?: string } = {}): Promise<InquiryCounts> {
  if (!options.assignee) return repo.countInquiries(db, shopId);
  const staffId = options.staffId ?? '';
  const assigneeId = assigneeIdOf(options.assignee, staffId);
  const [counts, read] = await Promise.all([repo.countInquiries(db, shopId, assigneeId), repo.countReadNeedingReply(db, shopId, staffId, assigneeId)]);
  return { ...counts, unread: Math.max(0, counts.needsReply - read) };
}

export async function getInquiryDetail(db: Db, shopId: string, id: string, staffId = ''): Promise<InquiryDetail> {
  const row = await repo.findInquiry(db, shopId, id);
  if (!row) throw notFound('inquiry');
  const [detail] = await loadDetails(db, shopId, [row], staffId);
  return detail!;
}

/** The inquiry's mall, or 404: what the reply route needs before it reads the form (one read). */
export async function inquiryMall(db: Db, shopId: string, id: string): Promise<Mall> {
  const row = await repo.findInquiry(db, shopId, id);
  if (!row) throw notFound('inquiry');
  return row.mall;
}

export async function getOrderInquiries(db: Db, shopId: string, orderId: string, staffId = ''): Promise<InquiryDetail[]> {
  const rows = await repo.listOrderInquiries(db, shopId, orderId);
  return loadDetails(db, shopId, rows, staffId);
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

export interface ReplyOptions {
  /** the thread version the reply was written against: refused with 409 thread_changed when messages arrived since */
  basedOn?: number;
  /** 送信して完了: complete the inquiry once the mall has accepted the reply */
  complete?: boolean;
}

/**
 * `basedOn` as sent in the form: a thread version is a whole number. Anything else (an older
 * composer sent the template it started from) is no version, and nothing is checked against it.
 */
export function parseBasedOn(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

/** 409 thread_changed: the thread's version now and the messages written after `basedOn`. */
async function threadChanged(trx: Db, shopId: string, row: InquiryRow, basedOn: number): Promise<ProblemError> {
  const all = await messages.listMessages(trx, shopId, [row.id]);
  // the newest writes are the ones after basedOn: by when they were written here
  const newer = new Set(
    [...all]
      .sort((a, b) => (a.created_at === b.created_at ? (a.sent_at < b.sent_at ? -1 : 1) : a.created_at < b.created_at ? -1 : 1))
      .slice(-Math.max(0, row.version - basedOn))
      .map((m) => m.id),
  );
  const rows = all.filter((m) => newer.has(m.id));
  const files = await messages.listAttachments(trx, shopId, rows.map((m) => m.id));
  const views = rows.map((m) => toMessageView(m, files.filter((f) => f.message_id === m.id)));
  return new ProblemError(409, 'thread_changed', 'messages arrived after the reply was written', undefined, undefined, {
    version: row.version,
    messages: views,
  });
}

/**
 * Commits a shop reply: the message (delivery `pending`), its attachments and an outbox row in one
 * transaction. The outbox worker delivers it to the mall later. With `complete`, a completion row
 * follows it: it completes the inquiry once the reply is delivered (delivery.ts), never if it failed.
 */
export async function submitReply(
  ctx: ReplyContext,
  inquiryId: string,
  body: string,
  files: ReplyFile[],
  options: ReplyOptions = {},
): Promise<MessageView> {
  const { db, shopId } = ctx;
  const text = normalizeLineBreaks(body);
  const result = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    if (options.basedOn !== undefined && row.version > options.basedOn) throw await threadChanged(trx, shopId, row, options.basedOn);
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
    const replyRow = await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'reply', messageId });
    if (options.complete && row.completed !== 1) {
      // carries the reply's id and comes after its row: it completes only after that reply is delivered
      const after = await outboxCreatedAt(trx, shopId, replyRow);
      await insertOutbox(trx, shopId, { inquiryId: row.id, kind: 'complete', messageId, after });
    }
    const facts = afterShopMessage(factsOf(row));
    await repo.updateInquiry(trx, shopId, row.id, {
      last_sender: facts.lastSender,
      status: deriveStatus(facts),
      waiting_since: null,
      version: row.version + 1,
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
    await repo.updateInquiry(trx, shopId, row.id, {
      completed: 1,
      status: deriveStatus({ completed: true, lastSender: row.last_sender }),
      waiting_since: null,
    });
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
    const status = deriveStatus({ completed: false, lastSender: row.last_sender });
    await repo.updateInquiry(trx, shopId, row.id, { completed: 0, status, waiting_since: await waitingSinceFor(trx, shopId, row, status) });
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
