/**
 * What the outbox (and the sync, when it recognises a delivered reply) learned about the shop's
 * changes at the mall, written back under the inquiry's lock; the thread summary is recomputed and
 * the change published after the commit.
 *
 * - `markMessageSent(db, shopId, messageId, mallMessageId | null, { hub })`: the mall has the reply.
 *   With its mall id, the id is stored so the next sync recognises the message instead of storing it
 *   twice; without (Rakuten returns none and it could not be read back), the next sync recognises
 *   the mall's copy by its text and records the id then.
 * - `markMessageFailed(db, shopId, messageId, reason, { hub })`: the mall refused it for good.
 * - `undoRefusedCompletionChange(...)`: the mall refused a completion or a reopen for good.
 */
import { deriveStatus } from '../../shared/status.ts';
import type { Db } from '../db/database.ts';
import type { InquiryRow } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import { hasCompletionAfterReply, hasOpenCompletionChange } from '../malls/outbox/outbox.repository.ts';
import { lockInquiry, updateInquiry } from './inquiries.repository.ts';
import { publishInquiryChange, type PublishOptions } from './inquiry-events.ts';
import { deleteMessage, findMessage, findMessageByMallId, updateMessage } from './messages.repository.ts';
import { recomputeThread, waitingSinceFor } from './thread-summary.ts';

/** `apply` changes the message under the lock of its inquiry; then the summary is recomputed and the change published. */
async function settleMessage(
  db: Db,
  shopId: string,
  messageId: string,
  options: PublishOptions,
  apply: (trx: Db, inquiry: InquiryRow) => Promise<InquiryRow | void>,
): Promise<void> {
  const row = await db.transaction().execute(async (trx) => {
    const message = await findMessage(trx, shopId, messageId);
    if (!message) throw notFound('message');
    const locked = (await lockInquiry(trx, shopId, message.inquiry_id))!;
    const inquiry = (await apply(trx, locked)) ?? locked;
    await recomputeThread(trx, shopId, inquiry);
    return inquiry;
  });
  await publishInquiryChange(db, options.hub, shopId, row);
}

/**
 * The mall has the shop's reply: delivery `sent`, with its mall id when known. If a sync already
 * stored the same mall message as a separate row, that copy is dropped (it is this message).
 */
export async function markMessageSent(
  db: Db,
  shopId: string,
  messageId: string,
  mallMessageId: string | null,
  options: PublishOptions = {},
): Promise<void> {
  await settleMessage(db, shopId, messageId, options, async (trx, inquiry) => {
    if (mallMessageId === null) {
      await updateMessage(trx, shopId, messageId, { delivery: 'sent', failure_reason: null });
    } else {
      const twin = await findMessageByMallId(trx, shopId, inquiry.id, mallMessageId);
      if (twin && twin.id !== messageId) await deleteMessage(trx, shopId, twin.id);
      await updateMessage(trx, shopId, messageId, { delivery: 'sent', failure_reason: null, mall_message_id: mallMessageId });
    }
    // 送信して完了: the reply is at the mall, so the inquiry completes now (its completion row follows to the mall)
    if (inquiry.completed !== 1 && (await hasCompletionAfterReply(trx, shopId, messageId))) {
      const status = deriveStatus({ completed: true, lastSender: inquiry.last_sender });
      await updateInquiry(trx, shopId, inquiry.id, { completed: 1, status, waiting_since: null });
      return { ...inquiry, completed: 1, status, waiting_since: null };
    }
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
  await settleMessage(db, shopId, messageId, options, async (trx) => {
    await updateMessage(trx, shopId, messageId, { delivery: 'failed', failure_reason: reason });
  });
}

/**
 * The mall refused a completion or a reopen for good: the local flag goes back to what the mall still
 * has, so the back office never shows 対応完了 for an inquiry the mall keeps open (or the reverse).
 * A later change by the staff that is still on its way wins.
 */
export async function undoRefusedCompletionChange(
  ctx: { db: Db; hub?: PublishOptions['hub']; shopId: string },
  inquiryId: string,
  change: { kind: 'complete' | 'reopen'; outboxId: string },
): Promise<boolean> {
  const { db, shopId } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const row = await lockInquiry(trx, shopId, inquiryId);
    if (!row) return undefined;
    if (await hasOpenCompletionChange(trx, shopId, inquiryId, change.outboxId)) return undefined;
    const completed = change.kind === 'reopen';
    if ((row.completed === 1) === completed) return undefined;
    const status = deriveStatus({ completed, lastSender: row.last_sender });
    await updateInquiry(trx, shopId, row.id, { completed: completed ? 1 : 0, status, waiting_since: await waitingSinceFor(trx, shopId, row, status) });
    return row;
  });
  if (!row) return false;
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return true;
}
