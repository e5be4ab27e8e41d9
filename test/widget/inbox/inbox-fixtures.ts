/**
 * Server-side set-up for the inbox browser tests: every test gets a shop of its own (so counts and
 * tabs are exact however the tests run), filled through the same service functions the mall sync
 * and the demo use, and a token for it. Also the outbox outcomes a test needs (a reply refused by
 * the mall, a reply delivered), applied with the server's own repository functions.
 */
import { randomUUID } from 'node:crypto';
import type { Mall } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { DEMO_TEMPLATES, demoInquiries } from '../../../server/demo/seed.ts';
import { markMessageFailed, markMessageSent } from '../../../server/inquiries/delivery.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { upsertAccount, recordHealth } from '../../../server/malls/accounts/mall-accounts.repository.ts';
import { sealCredentials } from '../../../server/malls/credentials-crypto.ts';
import type { MallInquiry } from '../../../server/malls/mall-model.ts';
import type { RunningServer } from '../../../server/compose.ts';
import { saveSettings } from '../../../server/settings/settings.service.ts';
import { ensureShop } from '../../../server/shops/shops.repository.ts';
import { createTemplate } from '../../../server/templates/templates.service.ts';

export const TEST_STAFF = '山田 花子';

export interface ShopRequest {
  /** the demo shop's inquiries, templates and settings (default true) */
  demo?: boolean;
  /** this many extra 返信が必要 inquiries (Rakuten and Yahoo! alternating), for paging */
  bulk?: number;
  /** leave the phone number empty, so [店舗電話番号] stays unfilled */
  noPhone?: boolean;
  /** mall accounts with their health */
  accounts?: { mall: Mall; apiOption?: boolean; health?: 'ok' | 'auth_failed' | 'api_not_enabled' | 'licence_expiring' | 'token_expiring' | 'error'; error?: { code: string; message: string } }[];
}

export interface ShopCreated {
  url: string;
  token: string;
  shopId: string;
  /** inquiry ids by the mall's inquiry number */
  ids: Record<string, string>;
}

function bulkInquiry(i: number, now: Date): MallInquiry {
  const mall: Mall = i % 2 === 0 ? 'rakuten' : 'yahoo';
  const sentAt = new Date(now.getTime() - (i + 1) * 60_000);
  const number = String(i + 1).padStart(3, '0');
  return {
    mall,
    mallInquiryId: `bulk-${number}`,
    orderId: `order-bulk-${number}`,
    subject: `一括テスト ${number}`,
    customerName: mall === 'rakuten' ? `顧客 ${number}` : null,
    itemName: null,
    createdAt: sentAt,
    updatedAt: sentAt,
    completed: false,
    messages: [{ mallMessageId: `bulk-${number}-m`, sender: 'customer', body: `お問い合わせ本文 ${number}`, sentAt, attachments: [] }],
  };
}

export async function createShop(server: RunningServer, jwtSecret: string, request: ShopRequest): Promise<ShopCreated> {
  const { db } = server;
  const shopId = `inbox-test-${randomUUID()}`;
  const now = new Date();
  await ensureShop(db, shopId, '和みの茶屋');
  await saveSettings(db, shopId, {
    storeNames: { rakuten: '和みの茶屋 楽天市場店', yahoo: '和みの茶屋 Yahoo!店' },
    phone: request.noPhone ? '' : '03-1234-5678',
    email: 'support@nagomi-chaya.example.jp',
  });
  if (request.demo ?? true) {
    for (const inquiry of demoInquiries(now)) await recordMallInquiry(db, shopId, null, inquiry);
    for (const template of DEMO_TEMPLATES) await createTemplate(db, shopId, template);
    await createTemplate(db, shopId, { category: 'テスト', name: '不明な差し込み', body: '[出店モール店舗名]です。[ポイント残高]をご確認ください。' });
  }
  for (let i = 0; i < (request.bulk ?? 0); i++) await recordMallInquiry(db, shopId, null, bulkInquiry(i, now));
  for (const account of request.accounts ?? []) {
    // connected (sealed placeholder credentials: the test servers never sync), so its health is what GET /malls shows
    const credentials = sealCredentials(server.malls.secretKey, { placeholder: true });
    const row = await upsertAccount(db, shopId, account.mall, { credentials, apiOption: account.apiOption ?? true, health: account.health ?? 'ok' });
    if (account.error) await recordHealth(db, shopId, row.id, { health: account.health ?? 'error', error: account.error });
  }
  const rows = await db.selectFrom('inquiries').select(['id', 'mall_inquiry_id']).where('shop_id', '=', shopId).execute();
  const ids: Record<string, string> = {};
  for (const row of rows) ids[row.mall_inquiry_id] = row.id;
  const token = signToken({ shop: shopId, staff: TEST_STAFF, role: 'admin' }, jwtSecret, { expiresInSeconds: 3600 });
  return { url: server.url, token, shopId, ids };
}

/** The mall refused the reply for good (what the outbox does on a permanent error). */
export function failMessage(server: RunningServer, shopId: string, messageId: string, reason: string): Promise<void> {
  return markMessageFailed(server.db, shopId, messageId, reason, { hub: server.hub });
}

/** The mall has the reply (what the outbox does once the mall accepted it). */
export function deliverMessage(server: RunningServer, shopId: string, messageId: string): Promise<void> {
  return markMessageSent(server.db, shopId, messageId, `mall-${messageId}`, { hub: server.hub });
}

/** A customer writes a new inquiry, stored the way the mall sync stores one (and announced to open pages). */
export async function customerWrites(server: RunningServer, shopId: string, subject: string): Promise<void> {
  const now = new Date();
  await recordMallInquiry(
    server.db,
    shopId,
    null,
    {
      mall: 'rakuten',
      mallInquiryId: `new-${now.getTime()}`,
      orderId: null,
      subject,
      customerName: '小林 真央',
      itemName: null,
      createdAt: now,
      updatedAt: now,
      completed: false,
      messages: [{ mallMessageId: 'first', sender: 'customer', body: `${subject}について教えてください。`, sentAt: now, attachments: [] }],
    },
    new Map(),
    { hub: server.hub },
  );
}

/** Another member of a shop's team: their own token (`sub` their id, `staff` their name). */
export function memberToken(jwtSecret: string, shopId: string, member: { staff: string; sub?: string; role?: 'admin' | 'staff' }): string {
  return signToken({ shop: shopId, staff: member.staff, sub: member.sub ?? member.staff, role: member.role ?? 'staff' }, jwtSecret, { expiresInSeconds: 3600 });
}

/** The replies the simulated Rakuten holds on one inquiry, read through the real client (what the mall has). */
export async function rakutenShopMessages(server: RunningServer, mallInquiryId: string): Promise<string[]> {
  const { createRakutenClient } = await import('../../../server/malls/rakuten/client.ts');
  const { DEMO_RAKUTEN_SHOP } = await import('../../../simulators/rakuten/demo-store.ts');
  const client = createRakutenClient({
    serviceSecret: DEMO_RAKUTEN_SHOP.serviceSecret,
    licenseKey: DEMO_RAKUTEN_SHOP.licenseKey,
    baseUrl: server.demoMalls!.endpoints.rakutenBaseUrl,
  });
  const inquiry = await client.get(mallInquiryId);
  return (inquiry?.messages ?? []).filter((m) => m.sender === 'shop').map((m) => m.body);
}
