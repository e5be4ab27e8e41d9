/**
 * Status rules (DESIGN.md §2): the status follows from who wrote last and the completion flag,
 * with the malls' own rules on top. Kept here so the server's writes and the widgets' optimistic
 * updates agree.
 */
import type { InquiryStatus, Mall, Sender } from './api.ts';

export interface StatusFacts {
  completed: boolean;
  lastSender: Sender;
}

/** 対応完了 when completed; otherwise 返信が必要 when the customer wrote last, 返信済み when the shop did. */
export function deriveStatus(facts: StatusFacts): InquiryStatus {
  if (facts.completed) return 'completed';
  return facts.lastSender === 'customer' ? 'needs-reply' : 'replied';
}

/**
 * A new customer message. Rakuten: a completed inquiry opens again (the customer is waiting);
 * Yahoo!: a completed topic never leaves 対応完了 (no reopen by the mall's rules).
 */
export function afterCustomerMessage(mall: Mall, facts: StatusFacts): StatusFacts {
  if (facts.completed && mall === 'yahoo') return { completed: true, lastSender: 'customer' };
  return { completed: false, lastSender: 'customer' };
}

/** A shop reply leaves completion as it was: replying does not complete, and does not reopen. */
export function afterShopMessage(facts: StatusFacts): StatusFacts {
  return { completed: facts.completed, lastSender: 'shop' };
}

/** Only Rakuten lets a completed inquiry be reopened. */
export function canReopen(mall: Mall, completed: boolean): boolean {
  return completed && mall === 'rakuten';
}
