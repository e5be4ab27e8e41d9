/**
 * `POST /webhooks/rakuten/notification`: Rakuten's system event notification (問い合わせユーザアクション通知),
 * a raw `<notifyModel>` XML body with the shop's `authKey` (malls/rakuten.md §8). No Bearer token:
 * the authKey, compared in constant time with each connected account's, is the credential.
 *
 * The answer is `<responseModel><resultCode>` as text/xml: N-000-000 (accepted), E-400-100 (invalid
 * values, malformed XML, an oversized body), E-400-101 (auth key mismatch), E-400-900 (unexpected).
 * Nothing is written before the body has been read within its limit, parsed and authenticated; then
 * the inquiries it names are queued for a fetch by number and a sync run of the account is requested.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Hono } from 'hono';
import type { Db } from '../../db/database.ts';
import { listRakutenAccountsWithCredentials, recordNotification } from '../accounts/mall-accounts.repository.ts';
import type { RakutenCredentials } from '../accounts/mall-credentials.ts';
import { openCredentials } from '../credentials-crypto.ts';
import { RAKUTEN_DEFAULT_SETTINGS, type RakutenSettings } from '../rakuten/settings.ts';
import { queueInquiryFetch } from '../sync/sync-engine.ts';

export const NOTIFICATION_BODY_LIMIT = 64 * 1024;

export type ResultCode = 'N-000-000' | 'E-400-100' | 'E-400-101' | 'E-400-900';

/** What the webhook needs of the running mall side (server/malls/mall-side.ts). */
export interface WebhookContext {
  db: Db;
  secretKey: Buffer;
  /** asks for a sync run of the account */
  requestSync(accountId: string): void;
}

export interface RakutenWebhookOptions {
  settings?: Pick<RakutenSettings, 'rakutenUserActionNotificationServiceId' | 'rakutenUserActionNotificationValueNames'>;
  bodyLimit?: number;
}

class Refusal extends Error {
  constructor(
    readonly resultCode: ResultCode,
    readonly status: 400 | 401 | 413 | 500,
    detail: string,
  ) {
    super(detail);
  }
}

function answer(resultCode: ResultCode, status: number): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<responseModel><resultCode>${resultCode}</resultCode></responseModel>\n`;
  return new Response(xml, { status, headers: { 'Content-Type': 'text/xml; charset=UTF-8', 'Cache-Control': 'no-store' } });
}

/** Reads at most `limit` bytes; a longer body is refused without being read whole. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new Refusal('E-400-100', 413, 'body too large');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Refusal('E-400-100', 413, 'body too large');
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Refusal('E-400-100', 400, 'body is not UTF-8');
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // entities stay as written: no expansion, no DOCTYPE processing
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'notifyInfoModel',
});

const XML_ESCAPES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
/** The five predefined XML escapes only (no numeric or declared entities are needed for these values). */
function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (m) => XML_ESCAPES[m]!);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return unescapeXml(value);
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as { '#text': unknown })['#text']);
  return null;
}

export interface ParsedNotification {
  authKey: string;
  /** inquiry numbers named by user-action notifications */
  inquiryNumbers: string[];
}

/** Parses and checks the XML; throws a Refusal with E-400-100 for anything malformed or invalid. */
export function parseNotification(xml: string, settings: NonNullable<RakutenWebhookOptions['settings']>): ParsedNotification {
  // Declarations could define entities; a notification never needs one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Refusal('E-400-100', 400, 'DOCTYPE is not accepted');
  if (XMLValidator.validate(xml) !== true) throw new Refusal('E-400-100', 400, 'malformed XML');
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw new Refusal('E-400-100', 400, 'malformed XML');
  }
  const root = document.notifyModel as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') throw new Refusal('E-400-100', 400, 'no notifyModel');
  const auth = root.authModel as Record<string, unknown> | undefined;
  const authKey = auth ? text(auth.authKey) : null;
  if (!authKey) throw new Refusal('E-400-100', 400, 'no authKey');
  const infos = (root.notifyInfoModel as unknown[] | undefined) ?? [];
  if (infos.length === 0) throw new Refusal('E-400-100', 400, 'no notifyInfoModel');
  const inquiryNumbers: string[] = [];
  for (const info of infos) {
    if (!info || typeof info !== 'object') throw new Refusal('E-400-100', 400, 'bad notifyInfoModel');
    const record = info as Record<string, unknown>;
    const serviceId = text(record.serviceId);
    if (!serviceId) throw new Refusal('E-400-100', 400, 'no serviceId');
    // other notifications sent to this URL are acknowledged and ignored
    if (serviceId !== settings.rakutenUserActionNotificationServiceId) continue;
    let inquiryNumber: string | null = null;
    for (let slot = 1; slot <= 10; slot++) {
      const value = record[`value${slot}`];
      if (value && typeof value === 'object' && (value as Record<string, unknown>)['@_name'] === settings.rakutenUserActionNotificationValueNames.inquiryNumber) {
        inquiryNumber = text(value);
      }
    }
    if (!inquiryNumber || !/^[0-9A-Za-z-]{1,40}$/.test(inquiryNumber)) throw new Refusal('E-400-100', 400, 'no valid inquiry number');
    inquiryNumbers.push(inquiryNumber);
  }
  return { authKey, inquiryNumbers };
}

/** Equal-length digests compared with timingSafeEqual: the time taken says nothing about the key. */
function sameKey(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

interface KnownAccount {
  fingerprint: string;
  /** the Rakuten shop id inside the credentials */
  shopId: string;
  authKey: string | null;
}

export function rakutenWebhookRoutes(context: WebhookContext, options: RakutenWebhookOptions = {}): Hono {
  const settings = options.settings ?? RAKUTEN_DEFAULT_SETTINGS;
  const limit = options.bodyLimit ?? NOTIFICATION_BODY_LIMIT;
  // decrypted (shopId, authKey) per account, kept while its sealed blob is unchanged
  const known = new Map<string, KnownAccount>();

  /** The accounts whose authKey this is: our shop (`owner`), the Rakuten shop id (`shopId`). */
  async function authenticatedAccounts(authKey: string): Promise<{ id: string; owner: string; shopId: string }[]> {
    const rows = await listRakutenAccountsWithCredentials(context.db);
    const matches: { id: string; owner: string; shopId: string }[] = [];
    for (const row of rows) {
      const fingerprint = createHash('sha256').update(row.credentials!).digest('hex');
      let entry = known.get(row.id);
      if (!entry || entry.fingerprint !== fingerprint) {
        try {
          const credentials = openCredentials<RakutenCredentials>(context.secretKey, row.credentials!);
          entry = { fingerprint, shopId: credentials.shopId, authKey: credentials.authKey ?? null };
        } catch {
          continue;
        }
        known.set(row.id, entry);
      }
      // every account is compared, matching or not, so the answer time does not depend on which one
      const match = entry.authKey !== null && sameKey(entry.authKey, authKey);
      if (match) matches.push({ id: row.id, owner: row.shop_id, shopId: entry.shopId });
    }
    return matches;
  }

  const routes = new Hono();
  routes.post('/notification', async (c) => {
    try {
      const xml = await readLimited(c.req.raw, limit);
      const notification = parseNotification(xml, settings);
      const accounts = await authenticatedAccounts(notification.authKey);
      if (accounts.length === 0) throw new Refusal('E-400-101', 401, 'auth key mismatch');
      const perAccount = new Map<string, { owner: string; numbers: string[] }>();
      for (const inquiryNumber of notification.inquiryNumbers) {
        const shopId = inquiryNumber.split('-')[0];
        const owners = accounts.filter((a) => a.shopId === shopId);
        if (owners.length === 0) throw new Refusal('E-400-100', 400, 'inquiry of another shop');
        for (const account of owners) {
          const entry = perAccount.get(account.id) ?? { owner: account.owner, numbers: [] };
          entry.numbers.push(inquiryNumber);
          perAccount.set(account.id, entry);
        }
      }
      for (const [accountId, { owner, numbers }] of perAccount) await queueInquiryFetch(context.db, owner, accountId, numbers);
      // the settings screen shows the notification as approved and arriving
      const at = new Date().toISOString();
      for (const account of accounts) await recordNotification(context.db, account.owner, account.id, at);
      for (const accountId of perAccount.keys()) context.requestSync(accountId);
      return answer('N-000-000', 200);
    } catch (error) {
      if (error instanceof Refusal) return answer(error.resultCode, error.status);
      console.error('[goq] Rakuten notification failed:', error instanceof Error ? error.message : 'unknown error');
      return answer('E-400-900', 500);
    }
  });
  return routes;
}
