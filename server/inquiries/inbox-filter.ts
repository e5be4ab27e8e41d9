/** What a page of the inbox asks for: filters, sort, the search words and where the last page ended. */
import type { InboxSort, InquiryStatus, Mall } from '../../shared/api.ts';

/** Where a page ends: the newest sort by activity; the waiting sort first by wait, then (its tail) by activity. */
export type InboxCursor =
  | { kind: 'activity'; lastActivityAt: string; id: string }
  | { kind: 'waiting'; waitingSince: string; id: string };

export interface InboxFilter {
  status?: InquiryStatus;
  mall?: Mall;
  q?: string;
  /** undefined: everyone's; null: unassigned; a staff id: that member's */
  assigneeId?: string | null;
  sort?: InboxSort;
  cursor?: InboxCursor | null;
  limit: number;
}
