/** What a page of the inbox asks for: filters, the search words and where the last page ended. */
import type { InquiryStatus, Mall } from '../../shared/api.ts';

export interface InboxCursor {
  lastActivityAt: string;
  id: string;
}

export interface InboxFilter {
  status?: InquiryStatus;
  mall?: Mall;
  q?: string;
  cursor?: InboxCursor | null;
  limit: number;
}
