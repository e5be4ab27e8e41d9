/**
 * The RMS paths the simulator answers, as the real API does (malls/rakuten.md §1–§7, §10):
 * ESA auth with per-function entitlement and licence expiry, the no-offset date rule, the 31-day span,
 * limit/page/depth errors with their exact messages, the unwrapped list envelope, reply and upload
 * rules, bulk state changes with ok/error lists, and both error shapes.
 */
import { Hono, type Context } from 'hono';
import { parseRmsRequestDateTime, toRmsDateTime } from '../../server/malls/rakuten/jst-time.ts';
import { RAKUTEN_DEFAULT_SETTINGS } from '../../server/malls/rakuten/settings.ts';
import {
  INQUIRY_NUMBER_PATTERN,
  REQUEST_DATETIME_PATTERN,
  type RmsAttachment,
  type RmsFunctionName,
} from '../../server/malls/rakuten/wire.ts';
import type { FaultInjector, RateLimiter } from './faults.ts';
import { apiError, badParameter, createGateway, gatewayError, json, notFound, type CallRecord, type Targets } from './gateway.ts';
import type { Notifier } from './notifier.ts';
import { toWireInquiry, toWireReply, type SimInquiry, type SimState, type SimStore } from './state.ts';

export const INQUIRY_API_PREFIX = '/es/1.0/inquirymng-api';
export const LICENSE_API_PREFIX = '/es/1.0/license-management';

/** What the simulator does where the real API's behaviour is unknown (each documented in docs/malls.md). */
export interface SimBehaviour {
  /** largest accepted span of a list/count period, in days (exactly 31 × 24 h is accepted) */
  maxSpanDays: number;
  /** list/count hide inquiries older than this many days unless the store approved the notification */
  visibilityDays: number;
  /** reply shopId forms accepted: the doc's string, a number, or either */
  replyShopIdForm: 'string' | 'number' | 'either';
  /** `noMerchantReply=true`: 'none' = no shop reply at all; 'last-from-user' = the customer wrote last */
  noMerchantReplyMeaning: 'none' | 'last-from-user';
  /** a shop reply equal to one posted within this many seconds answers 409; 0 turns it off */
  duplicateReplyWindowSeconds: number;
  /** /inquiries/read also marks the customer's replies as read */
  readMarksUserReplies: boolean;
  /** body of the rate limiter's answer (the real one is not documented) */
  rateLimitBody: unknown;
}

export const DEFAULT_SIM_BEHAVIOUR: SimBehaviour = {
  maxSpanDays: 31,
  visibilityDays: RAKUTEN_DEFAULT_SETTINGS.rakutenVisibilityDays,
  replyShopIdForm: 'either',
  noMerchantReplyMeaning: 'none',
  duplicateReplyWindowSeconds: 0,
  readMarksUserReplies: true,
  rateLimitBody: { errors: [{ code: 'TooManyRequests', message: 'Too Many Requests' }] },
};


// The mall's rules are the simulator's own copy, not shared/mall-rules.ts: it must check the product independently.
const REPLY_DOMAINS = [
  'rakuten.co.jp',
  'rakuten.ne.jp',
  'rakuten.com',
  'rakuten-bank.co.jp',
  'trafficgate.net',
  'rakuten-card.co.jp',
  'payment.sej.co.jp',
  'faq.rakuten.net',
  'support.rakuten-card.jp',
];
const UPLOAD_EXTENSIONS: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', pdf: 'application/pdf' };
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_REGEX_MESSAGE = `must match "${REQUEST_DATETIME_PATTERN.source.replace(/\\/g, '\\')}"`;
const NUMBER_REGEX_MESSAGE = `must match "${INQUIRY_NUMBER_PATTERN.source}"`;

interface Period {
  from: Date;
  to: Date;
  noMerchantReply: boolean | null;
}
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function chars(text: string): number {
  return [...text].length;
}

/** Links the reply rule refuses: not https, or outside the allow-listed domains. */
export function refusedLinks(message: string): string[] {
  const refused: string[] = [];
  for (const link of message.match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi) ?? []) {
    try {
      const url = new URL(link);
      const host = url.hostname.toLowerCase();
      const allowed = REPLY_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
      if (url.protocol !== 'https:' || !allowed) refused.push(link);
    } catch {
      refused.push(link);
    }
  }
  return refused;
}

export interface ApiDeps {
  state: SimState;
  faults: FaultInjector;
  limiter: RateLimiter;
  notifier: Notifier;
  behaviour: SimBehaviour;
  calls: CallRecord[];
}

export function createRakutenApi(deps: ApiDeps): Hono {
  const { state, faults, limiter, behaviour, calls } = deps;
  const app = new Hono();
  const { route } = createGateway({ state, faults, limiter, calls, behaviour });
  const now = () => state.clock.now();

  /** fromDate/toDate/noMerchantReply of list and count; targets on failure. */
  function periodOf(c: Context): { period: Period } | { targets: Targets } {
    const targets: Targets = {};
    const fromText = c.req.query('fromDate');
    const toText = c.req.query('toDate');
    for (const [name, value] of [['fromDate', fromText], ['toDate', toText]] as const) {
      if (value === undefined || value === '') targets[name] = 'must not be null';
      else if (!REQUEST_DATETIME_PATTERN.test(value) || !parseRmsRequestDateTime(value)) targets[name] = DATE_REGEX_MESSAGE;
    }
    const nmr = c.req.query('noMerchantReply');
    if (nmr !== undefined && nmr !== 'true' && nmr !== 'false') targets.noMerchantReply = 'must be true or false';
    if (Object.keys(targets).length > 0) return { targets };
    const from = parseRmsRequestDateTime(fromText!)!;
    const to = parseRmsRequestDateTime(toText!)!;
    if (from > to) return { targets: { fromDate: 'date time range is invalid.', toDate: 'date time range is invalid.' } };
    if (to.getTime() - from.getTime() > behaviour.maxSpanDays * DAY_MS) {
      const reason = 'date time range should be within 31 days.';
      return { targets: { fromDate: reason, toDate: reason } };
    }
    return { period: { from, to, noMerchantReply: nmr === undefined ? null : nmr === 'true' } };
  }

  function visibleInPeriod(store: SimStore, period: Period): SimInquiry[] {
    const floor = now().getTime() - behaviour.visibilityDays * DAY_MS;
    return [...store.inquiries.values()].filter((inquiry) => {
      const reg = inquiry.regDate.getTime();
      if (reg < period.from.getTime() || reg > period.to.getTime()) return false;
      if (!store.userActionNotificationApproved && reg < floor) return false;
      if (period.noMerchantReply === true) return hasNoMerchantReply(inquiry);
      if (period.noMerchantReply === false) return !hasNoMerchantReply(inquiry);
      return true;
    });
  }

  function hasNoMerchantReply(inquiry: SimInquiry): boolean {
    if (behaviour.noMerchantReplyMeaning === 'last-from-user') {
      const last = [...inquiry.replies].sort((a, b) => a.id - b.id).at(-1);
      return !last || last.replyFrom === 'user';
    }
    return !inquiry.replies.some((r) => r.replyFrom === 'merchant');
  }

  const inq = new Hono();

  inq.get(
    '/inquiries/count',
    route('inquirymngapi.counts.get', false, (c, { store }) => {
      const checked = periodOf(c);
      if ('targets' in checked) return badParameter(checked.targets);
      return json(200, { result: { count: visibleInPeriod(store, checked.period).length } });
    }),
  );

  inq.get(
    '/inquiries',
    route('inquirymngapi.inquiries.get', false, (c, { store }) => {
      const checked = periodOf(c);
      const targets: Targets = 'targets' in checked ? { ...checked.targets } : {};
      const limitText = c.req.query('limit');
      const pageText = c.req.query('page');
      const limit = limitText === undefined ? 10 : Number(limitText);
      const page = pageText === undefined ? 1 : Number(pageText);
      if (!Number.isInteger(limit)) targets.limit = 'must be a number';
      else if (limit > 100) targets.limit = 'should be less than equal 100';
      else if (limit < 1) targets.limit = 'should be greater than equal 1';
      if (Object.keys(targets).length > 0) return badParameter(targets);
      if (!Number.isInteger(page) || page < 1 || page > 10000) return apiError(400, 'IE001', '400 Bad Request');
      if (limit * page > 10000) return apiError(400, 'IE000', '400 Bad Request');
      if (!('period' in checked)) return badParameter(targets);
      const rows = visibleInPeriod(store, checked.period).sort(
        (a, b) => b.regDate.getTime() - a.regDate.getTime() || (a.inquiryNumber < b.inquiryNumber ? 1 : -1),
      );
      return json(200, {
        totalCount: rows.length,
        totalPageCount: Math.ceil(rows.length / limit),
        page,
        list: rows.slice(limit * (page - 1), limit * page).map(toWireInquiry),
      });
    }),
  );

  inq.get(
    '/inquiry/:inquiryNumber',
    route('inquirymngapi.inquiry.get', false, (c, { store }) => {
      const number = c.req.param('inquiryNumber') ?? '';
      if (number.length > 40 || !INQUIRY_NUMBER_PATTERN.test(number)) return badParameter({ inquiryNumber: NUMBER_REGEX_MESSAGE });
      // older than the visibility window: still answered by number (an assumption, docs/malls.md)
      const inquiry = store.inquiries.get(number);
      return inquiry ? json(200, { result: toWireInquiry(inquiry) }) : notFound();
    }),
  );

  inq.post(
    '/inquiry/reply',
    route('inquirymngapi.reply.post', true, async (c, { store }) => {
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(await c.req.text());
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return apiError(400, 'IE001', '400 Bad Request');
      }
      const targets: Targets = {};
      const inquiryNumber = typeof body.inquiryNumber === 'string' ? body.inquiryNumber : '';
      if (inquiryNumber.trim() === '') targets.inquiryNumber = 'must not be blank';
      else if (inquiryNumber.length > 40 || !INQUIRY_NUMBER_PATTERN.test(inquiryNumber)) targets.inquiryNumber = NUMBER_REGEX_MESSAGE;

      const shopId = body.shopId;
      const form = behaviour.replyShopIdForm;
      if (shopId === undefined || shopId === null || shopId === '') targets.shopId = 'must not be null';
      else if (
        (typeof shopId === 'string' && (form === 'number' || !/^\d+$/.test(shopId))) ||
        (typeof shopId === 'number' && form === 'string') ||
        (typeof shopId !== 'string' && typeof shopId !== 'number')
      ) {
        targets.shopId = 'invalid shopId';
      } else if (Number(shopId) !== store.shopId) targets.shopId = 'shopId does not match';

      const message = body.message;
      if (typeof message !== 'string' || message.trim() === '') targets.message = 'must not be blank';
      else if (chars(message) > 2000) targets.message = 'size must be between 1 and 2000';
      else if (message.split(/\r\n|\r|\n/).some((line) => chars(line) > 300)) targets.message = 'each line must be within 300 characters';
      else if (refusedLinks(message).length > 0) targets.message = `url is not allowed: ${refusedLinks(message).join(' ')}`;

      const attachments: RmsAttachment[] = [];
      const raw = body.attachments;
      if (raw !== undefined && raw !== null) {
        if (!Array.isArray(raw)) targets.attachments = 'must be an array';
        else if (raw.length > 1) targets.attachments = 'size must be between 0 and 1';
        else {
          raw.forEach((item: unknown, i) => {
            const a = (item ?? {}) as { label?: unknown; path?: unknown };
            const labelKey = `attachments[${i}].label`;
            const pathKey = `attachments[${i}].path`;
            if (typeof a.label !== 'string' || chars(a.label) < 1 || chars(a.label) > 100) targets[labelKey] = 'size must be between 1 and 100';
            if (typeof a.path !== 'string' || a.path.length < 1 || a.path.length > 1000) targets[pathKey] = 'size must be between 1 and 1000';
            if (targets[labelKey] || targets[pathKey]) return;
            const label = a.label as string;
            const path = (a.path as string).replace(/^\//, '');
            const file = state.liveFile(store, path);
            if (!file) {
              targets[pathKey] = 'attachment not found.';
              return;
            }
            // any name is accepted as long as the extension is allowed and the same as the file's
            const ext = extensionOf(label);
            const fileExts = [...file.labels].map(extensionOf);
            const same = fileExts.includes(ext) || (['jpg', 'jpeg'].includes(ext) && fileExts.some((e) => e === 'jpg' || e === 'jpeg'));
            if (!UPLOAD_EXTENSIONS[ext] || !same) targets[labelKey] = 'invalid file extension.';
            else attachments.push({ label, path });
          });
        }
      }
      if (Object.keys(targets).length > 0) return badParameter(targets);

      const inquiry = store.inquiries.get(inquiryNumber);
      if (!inquiry) return notFound();
      if (behaviour.duplicateReplyWindowSeconds > 0) {
        const since = now().getTime() - behaviour.duplicateReplyWindowSeconds * 1000;
        const duplicate = inquiry.replies.some(
          (r) => r.replyFrom === 'merchant' && r.message === message && r.regDate.getTime() >= since,
        );
        if (duplicate) return apiError(409, 'IE000', 'データ重複のため登録できませんでした');
      }
      for (const a of attachments) state.liveFile(store, a.path)!.labels.add(a.label);
      const reply = state.appendReply(inquiry, { message: message as string, from: 'merchant', attachments });
      const wire = toWireReply(reply);
      // the documented answer carries no reply id
      return json(201, {
        result: { message: wire.message, regDate: wire.regDate, replyFrom: 'merchant', isRead: false, attachments: wire.attachments },
      });
    }),
  );

  inq.post(
    '/attachment',
    route('inquirymngapi.attachment.post', true, async (c, { store }) => {
      const declared = Number(c.req.header('content-length') ?? '0');
      // the gateway refuses an oversized body before the API sees it (multipart overhead allowed)
      if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return gatewayError(413, 'GF0003', 'Request entity too large');
      let files: unknown[];
      try {
        const form = await c.req.parseBody({ all: true });
        const field = form.file;
        files = field === undefined ? [] : Array.isArray(field) ? field : [field];
      } catch {
        return badParameter({ file: 'attachment file is empty.' });
      }
      // several files: only the last is kept
      const file = files.at(-1);
      if (!(file instanceof File) || file.size === 0 || file.name === '') return badParameter({ file: 'attachment file is empty.' });
      if (file.size > MAX_UPLOAD_BYTES) return gatewayError(413, 'GF0003', 'Request entity too large');
      if (chars(file.name) > 100) return badParameter({ file: 'too long attachment file name.' });
      const type = UPLOAD_EXTENSIONS[extensionOf(file.name)];
      if (!type) return badParameter({ file: 'invalid file type.' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const stored = state.addFile(store.shopId, { label: file.name, contentType: type, bytes });
      return json(201, { result: stored });
    }),
  );

  inq.get(
    '/attachment',
    route('inquirymngapi.attachment.get', false, (c, { store }) => {
      const path = c.req.query('path');
      const label = c.req.query('label');
      const targets: Targets = {};
      if (!path) targets.path = 'must not be blank';
      if (!label) targets.label = 'must not be blank';
      if (Object.keys(targets).length > 0) return badParameter(targets);
      const file = state.liveFile(store, path!.replace(/^\//, ''));
      if (!file || !file.labels.has(label!)) return notFound();
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.byteLength) },
      });
    }),
  );

  for (const action of ['read', 'complete', 'incomplete'] as const) {
    inq.patch(
      `/inquiries/${action}`,
      route(`inquirymngapi.inquiries.patch.${action}`, true, async (c, { store }) => {
        let numbers: unknown;
        try {
          numbers = (JSON.parse(await c.req.text()) as { inquiryNumbers?: unknown })?.inquiryNumbers;
        } catch {
          return apiError(400, 'IE001', '400 Bad Request');
        }
        if (!Array.isArray(numbers)) return badParameter({ inquiryNumbers: 'must not be null' });
        if (numbers.length < 1 || numbers.length > 20) return badParameter({ inquiryNumbers: 'size must be between 1 and 20' });
        for (const n of numbers) {
          if (typeof n !== 'string' || n.trim() === '') return badParameter({ 'inquiryNumbers[]': 'must not be blank' });
          if (n.length > 40 || !INQUIRY_NUMBER_PATTERN.test(n)) return badParameter({ 'inquiryNumbers[]': NUMBER_REGEX_MESSAGE });
        }
        const result: { ok: string[]; error: { inquiryNumber: string; errorMessage: string }[] } = { ok: [], error: [] };
        for (const n of numbers as string[]) {
          const inquiry = store.inquiries.get(n);
          if (!inquiry) {
            result.error.push({ inquiryNumber: n, errorMessage: 'not found.' });
            continue;
          }
          const already =
            action === 'read' ? inquiry.readByMerchant : action === 'complete' ? inquiry.isCompleted : !inquiry.isCompleted;
          if (already) {
            result.error.push({ inquiryNumber: n, errorMessage: 'already set value as specified' });
            continue;
          }
          if (action === 'read') {
            inquiry.readByMerchant = true;
            if (behaviour.readMarksUserReplies) for (const r of inquiry.replies) if (r.replyFrom === 'user') r.isRead = true;
          } else if (action === 'complete') {
            inquiry.isCompleted = true;
            inquiry.completedDate = now();
          } else {
            inquiry.isCompleted = false;
            inquiry.completedDate = null;
          }
          result.ok.push(n);
        }
        return json(200, { result });
      }),
    );
  }

  const lic = new Hono();
  lic.get(
    '/license-key/expiry-date',
    route('license.expiryDate.get', false, (c, { store }) => {
      const licenseKey = c.req.query('licenseKey');
      if (!licenseKey) return badParameter({ licenseKey: 'must not be blank' });
      const key = state.keys.get(licenseKey);
      if (!key || key.shopId !== store.shopId) return notFound();
      return json(200, { expiryDate: toRmsDateTime(key.expiresAt) });
    }),
  );

  app.route(INQUIRY_API_PREFIX, inq);
  app.route(LICENSE_API_PREFIX, lic);
  return app;
}
