/**
 * Recognising the shop's own reply in a thread re-read from the mall. Used before any resend (was
 * the earlier, ambiguous attempt delivered after all?), after a Rakuten post (the mall returns no
 * reply id, so the id is read back), and by the sync (a delivered reply is the local message, not a
 * new one).
 */
import type { MallInquiry, MallMessage } from '../mall-model.ts';

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

/**
 * The shop message in `thread` with the same body as `body`, posted no earlier than `since` (minus the
 * clock skew), whose mall id is not already another local message's. The newest such one wins: a
 * reply just posted is the last one with its text.
 */
export function findPostedReply(
  thread: MallInquiry,
  body: string,
  since: Date,
  claimedByOthers: ReadonlySet<string>,
): MallMessage | null {
  const wanted = normaliseBody(body);
  const from = since.getTime() - MATCH_CLOCK_SKEW_MS;
  let found: MallMessage | null = null;
  for (const message of thread.messages) {
    if (message.sender !== 'shop') continue;
    if (claimedByOthers.has(message.mallMessageId)) continue;
    if (message.sentAt.getTime() < from) continue;
    if (normaliseBody(message.body) !== wanted) continue;
    if (!found || message.sentAt.getTime() >= found.sentAt.getTime()) found = message;
  }
  return found;
}
