/**
 * The inquiry row's summary of its thread: status, last sender, last activity, preview and message
 * count, kept in the same transaction as the messages they summarise (rules: shared/status.ts), so
 * neither the inbox nor the counts ever read messages.
 */
import type { InquiryStatus, Sender } from '../../shared/api.ts';
import { deriveStatus, type StatusFacts } from '../../shared/status.ts';
import type { Db } from '../db/database.ts';
import type { InquiryRow, MessageRow } from '../db/schema.ts';
import { updateInquiry } from './inquiries.repository.ts';
import { listMessages } from './messages.repository.ts';

const PREVIEW_CHARS = 80;

/** The inbox's one-line preview of a message body. */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : flat;
}

export function factsOf(row: InquiryRow): StatusFacts {
  return { completed: row.completed === 1, lastSender: row.last_sender };
}

/**
 * The customer's oldest unanswered message: the first customer message after the last shop message
 * that counts as an answer (written here and not failed, or from the mall). Null when none waits.
 */
export function oldestUnanswered(messages: readonly Pick<MessageRow, 'sender' | 'delivery' | 'sent_at'>[]): string | null {
  let since: string | null = null;
  for (const m of messages) {
    if (m.sender === 'shop') {
      if (m.delivery !== 'failed') since = null;
    } else if (since === null || m.sent_at < since) since = m.sent_at;
  }
  return since;
}

/**
 * `waiting_since` for a row about to have `status`: null unless it needs a reply; kept when it already
 * waited; otherwise read from the thread (a reopening, a failed reply, a completion taken back).
 */
export async function waitingSinceFor(trx: Db, shopId: string, row: InquiryRow, status: InquiryStatus): Promise<string | null> {
  if (status !== 'needs-reply') return null;
  if (row.status === 'needs-reply' && row.waiting_since) return row.waiting_since;
  return oldestUnanswered(await listMessages(trx, shopId, [row.id])) ?? row.last_activity_at;
}

/**
 * Rebuilds the summary columns from the thread: used where a message changes its standing
 * (a reply that failed for good is not an answer the customer got; a delivered one is again).
 */
export async function recomputeThread(trx: Db, shopId: string, row: InquiryRow): Promise<InquiryRow> {
  const messages = await listMessages(trx, shopId, [row.id]);
  const newest = messages[messages.length - 1];
  const delivered = messages.filter((m) => m.delivery !== 'failed');
  const lastSender: Sender = delivered[delivered.length - 1]?.sender ?? row.last_sender;
  const completed = row.completed === 1;
  const status = deriveStatus({ completed, lastSender });
  const patch = {
    last_sender: lastSender,
    status,
    waiting_since: status === 'needs-reply' ? (oldestUnanswered(messages) ?? row.last_activity_at) : null,
    last_activity_at: newest ? (newest.sent_at > row.last_activity_at ? newest.sent_at : row.last_activity_at) : row.last_activity_at,
    // the list shows what the customer can read: a reply that failed for good is never the preview
    preview: delivered.length > 0 ? previewOf(delivered[delivered.length - 1]!.body) : row.preview,
    message_count: messages.length,
  };
  await updateInquiry(trx, shopId, row.id, patch);
  return { ...row, ...patch };
}
