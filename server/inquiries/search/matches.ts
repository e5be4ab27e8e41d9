/** Where the search word occurs in each inquiry of a result page, for the list to highlight it. */
import type { InquirySummary, SearchMatch } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import type { InquiryRow } from '../../db/schema.ts';
import { findMatch, normaliseSearchText } from './normalise.ts';

/** Characters of a message kept before the word in an excerpt. */
const EXCERPT_BEFORE = 20;
const EXCERPT_CHARS = 80;

export async function addSearchMatches<T extends InquirySummary>(db: Db, q: string, rows: InquiryRow[], items: T[]): Promise<T[]> {
  const needle = normaliseSearchText(q);
  if (!needle) return items;
  const matches = new Map<string, SearchMatch>();
  for (const row of rows) {
    const fields: [SearchMatch['field'], string | null][] = [
      ['subject', row.subject],
      ['customerName', row.mall === 'yahoo' ? null : row.customer_name],
      ['orderId', row.order_id],
      ['mallInquiryId', row.mall_inquiry_id],
      ['preview', row.preview],
    ];
    for (const [field, text] of fields) {
      const at = text && normaliseSearchText(text).includes(needle) ? findMatch(text, needle) : null;
      if (at && text) {
        matches.set(row.id, { field, text, ...at });
        break;
      }
    }
  }
  const rest = rows.filter((r) => !matches.has(r.id)).map((r) => r.id);
  if (rest.length > 0) {
    const messages = await db
      .selectFrom('messages')
      .select(['inquiry_id', 'body'])
      .where('inquiry_id', 'in', rest)
      .orderBy('sent_at', 'desc')
      .execute();
    for (const m of messages) {
      if (matches.has(m.inquiry_id) || !normaliseSearchText(m.body).includes(needle)) continue;
      const at = findMatch(m.body, needle);
      if (!at) continue;
      const from = Math.max(0, at.start - EXCERPT_BEFORE);
      const text = m.body.slice(from, Math.max(from + EXCERPT_CHARS, at.start + at.length)).replace(/\s/g, ' ');
      matches.set(m.inquiry_id, { field: 'message', text, start: at.start - from, length: at.length });
    }
  }
  return items.map((item) => {
    const match = matches.get(item.id);
    return match ? { ...item, match } : item;
  });
}
