/**
 * "Is this mall message our own reply?", answered once for the outbox and the sync. The outbox asks
 * before any resend (was the earlier, ambiguous attempt delivered after all?) and after a Rakuten
 * post (the mall returns no reply id, so the id is read back); the sync asks for each shop message a
 * mall hands over (a delivered reply is the local message, not a new one).
 */
import type { MallInquiry, MallMessage } from './mall-model.ts';

/** Mall clocks and ours differ a little; a reply is looked for from this long before it was written here. */
export const MATCH_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Bodies compared as the malls may hand them back: line breaks unified, trailing spaces and Unicode forms ignored. */
export function normaliseBody(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/u, ''))
    .join('\n')
    .trim();
}

/** A reply written here, as the matching needs it. */
export interface LocalReply {
  body: string;
  /** when it was written here */
  writtenAt: Date;
}

/** Whether the mall's message is this local reply: a shop message with the same text, posted no earlier than it was written (minus the skew). */
export function isOwnReply(message: MallMessage, reply: LocalReply): boolean {
  return (
    message.sender === 'shop' &&
    message.sentAt.getTime() >= reply.writtenAt.getTime() - MATCH_CLOCK_SKEW_MS &&
    normaliseBody(message.body) === normaliseBody(reply.body)
  );
}

/**
 * The mall message in `thread` that is `reply`, among those whose mall id is not already another local
 * message's. The newest such one wins: a reply just posted is the last one with its text.
 */
export function findPostedReply(thread: MallInquiry, reply: LocalReply, claimedByOthers: ReadonlySet<string>): MallMessage | null {
  let found: MallMessage | null = null;
  for (const message of thread.messages) {
    if (claimedByOthers.has(message.mallMessageId) || !isOwnReply(message, reply)) continue;
    if (!found || message.sentAt.getTime() >= found.sentAt.getTime()) found = message;
  }
  return found;
}
