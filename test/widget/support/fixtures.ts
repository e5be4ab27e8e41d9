/**
 * Server-side set-up for the browser tests of the panel and the template admin: a shop of their own
 * per test (so lists are exact however the tests run), filled through the same service function
 * the mall sync uses, and a token for it.
 */
import { randomUUID } from 'node:crypto';
import { signToken } from '../../../server/auth/jwt.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import type { MallInquiry } from '../../../server/malls/mall-model.ts';
import type { RunningServer } from '../../../server/compose.ts';
import { ensureShop } from '../../../server/shops/shops.repository.ts';

export const TEST_STAFF = '佐藤 次郎';

/** A mall inquiry as the browser sends it: dates as ISO strings, attachments with their bytes in base64. */
export interface InquiryPayload {
  mall: 'rakuten' | 'yahoo';
  mallInquiryId?: string;
  orderId: string | null;
  subject: string;
  customerName: string | null;
  itemName?: string | null;
  completed?: boolean;
  messages: Array<{
    sender: 'customer' | 'shop';
    body: string;
    sentAt: string;
    attachments?: Array<{ name: string; contentType: string; base64: string }>;
  }>;
}

export async function createShop(server: RunningServer, jwtSecret: string): Promise<{ shopId: string; token: string }> {
  const shopId = `test-${randomUUID()}`;
  await ensureShop(server.db, shopId);
  // the host's back-office user: an admin (templates, settings and mall accounts change only by one)
  return { shopId, token: signToken({ shop: shopId, staff: TEST_STAFF, role: 'admin' }, jwtSecret) };
}

export async function recordInquiry(server: RunningServer, shopId: string, payload: InquiryPayload): Promise<void> {
  const files = new Map<string, Uint8Array>();
  const mallInquiryId = payload.mallInquiryId ?? randomUUID();
  const inquiry: MallInquiry = {
    mall: payload.mall,
    mallInquiryId,
    orderId: payload.orderId,
    subject: payload.subject,
    customerName: payload.customerName,
    itemName: payload.itemName ?? null,
    createdAt: new Date(payload.messages[0]?.sentAt ?? Date.now()),
    updatedAt: new Date(payload.messages.at(-1)?.sentAt ?? Date.now()),
    completed: payload.completed ?? false,
    messages: payload.messages.map((m, i) => ({
      mallMessageId: `${mallInquiryId}-${i}`,
      sender: m.sender,
      body: m.body,
      sentAt: new Date(m.sentAt),
      attachments: (m.attachments ?? []).map((a, j) => {
        const mallKey = `${mallInquiryId}-${i}-${j}`;
        const bytes = Uint8Array.from(Buffer.from(a.base64, 'base64'));
        files.set(mallKey, bytes);
        return { mallKey, name: a.name, contentType: a.contentType, size: bytes.length };
      }),
    })),
  };
  await recordMallInquiry(server.db, shopId, null, inquiry, files, { hub: server.hub });
}

/** Another member of a shop's team: their own token (`sub` their id, `staff` their name; role default `staff`). */
export function memberToken(jwtSecret: string, shopId: string, member: { staff: string; sub?: string; role?: 'admin' | 'staff' }): string {
  return signToken({ shop: shopId, staff: member.staff, sub: member.sub ?? member.staff, role: member.role ?? 'staff' }, jwtSecret);
}
