/** Builders of mall inquiries and bulk rows for tests. */
import { randomBytes } from 'node:crypto';
import type { Mall, Sender } from '../../../shared/api.ts';
import type { Db } from '../../../server/db/database.ts';
import { newId } from '../../../server/db/ids.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import type { MallInquiry, MallMessage } from '../../../server/malls/mall-model.ts';

export function mallMessage(sender: Sender, body: string, sentAt: Date, mallMessageId?: string): MallMessage {
  return { mallMessageId: mallMessageId ?? randomBytes(6).toString('hex'), sender, body, sentAt, attachments: [] };
}

export function mallInquiry(mall: Mall, overrides: Partial<MallInquiry> = {}): MallInquiry {
  const createdAt = overrides.createdAt ?? new Date('2026-11-01T00:00:00Z');
  const messages = overrides.messages ?? [mallMessage('customer', 'お問い合わせです', createdAt, 'm1')];
  return {
    mall,
    mallInquiryId: `inq-${randomBytes(5).toString('hex')}`,
    orderId: null,
    subject: '件名',
    customerName: mall === 'rakuten' ? '楽天 太郎' : null,
    itemName: null,
    createdAt,
    updatedAt: messages[messages.length - 1]?.sentAt ?? createdAt,
    completed: false,
    ...overrides,
    messages,
  };
}

/** Stores an inquiry through the sync path and returns its id. */
export async function storeInquiry(db: Db, shopId: string, inquiry: MallInquiry): Promise<string> {
  return (await recordMallInquiry(db, shopId, null, inquiry)).inquiryId;
}

/** Inserts many inquiry rows at once (for paging), spread over statuses and malls, some with equal times. */
export async function insertManyInquiries(db: Db, shopId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const statuses = ['needs-reply', 'replied', 'completed'] as const;
  const rows = Array.from({ length: count }, (_, i) => {
    const id = newId();
    ids.push(id);
    const status = statuses[i % 3]!;
    // every 4 rows share a time, so the id must break ties
    const at = new Date(Date.UTC(2026, 9, 1) + Math.floor(i / 4) * 60_000).toISOString();
    return {
      id,
      shop_id: shopId,
      mall: (i % 2 === 0 ? 'rakuten' : 'yahoo') as Mall,
      mall_account_id: null,
      mall_inquiry_id: `bulk-${i}`,
      order_id: `order-${i}`,
      subject: `件名 ${i}`,
      customer_name: null,
      item_name: null,
      status,
      completed: status === 'completed' ? 1 : 0,
      mall_completed: 0,
      last_sender: (status === 'needs-reply' ? 'customer' : 'shop') as Sender,
      last_activity_at: at,
      created_at: at,
      updated_at: at,
      preview: '',
      message_count: 0,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('inquiries').values(rows.slice(i, i + 100)).execute();
  return ids;
}

/** Row counts and the newest update of every table: equal snapshots mean nothing was written. */
export async function snapshot(db: Db): Promise<string> {
  const tables = ['shops', 'inquiries', 'messages', 'attachments', 'templates', 'shop_settings', 'outbox'] as const;
  const parts: string[] = [];
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    parts.push(`${table}=${Number(row.n)}`);
  }
  const inquiries = await db.selectFrom('inquiries').select(['id', 'status', 'updated_at', 'message_count']).orderBy('id').execute();
  const templates = await db.selectFrom('templates').select(['id', 'updated_at', 'body']).orderBy('id').execute();
  const settings = await db.selectFrom('shop_settings').selectAll().orderBy('shop_id').execute();
  return JSON.stringify({ parts, inquiries, templates, settings });
}

export function pngBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

/** `size` bytes that start as a PDF does (%PDF-). */
export function pdfBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
  return bytes;
}

export function replyForm(body: string | null, files: { name: string; bytes: Uint8Array; type?: string }[] = []): FormData {
  const form = new FormData();
  if (body !== null) form.append('body', body);
  for (const f of files) form.append('files[]', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/octet-stream' }));
  return form;
}
