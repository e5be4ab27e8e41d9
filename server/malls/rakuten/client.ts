/**
 * Rakuten RMS InquiryManagementAPI client (malls/rakuten.md). Speaks the wire format, maps every record
 * into mall-model.ts at this edge, and turns both of Rakuten's error shapes into MallError.
 * Every call goes through the account's RequestGate; reads are retried once on a network error or 5xx,
 * writes never (the outbox decides after re-reading the thread).
 */
import type { CredentialFacts, MallClient, UploadFile } from '../mall-client.ts';
import { MallError } from '../mall-client.ts';
import type { MallAttachment, MallInquiry } from '../mall-model.ts';
import { exchangeWithDeadline, MALL_CALL_TIMEOUT_MS, MallCallTimeout, retryReadOnce, type MallExchange } from '../mall-call.ts';
import { RequestGate } from '../request-gate.ts';
import { decodeRakutenError } from './errors.ts';
import { parseRmsDateTime, toRmsRequestDateTime } from './jst-time.ts';
import { parseAttachmentKey, shopIdOfInquiryNumber, toMallAttachment, toMallInquiry } from './mapping.ts';
import { rakutenSettings, type RakutenSettings } from './settings.ts';
import {
  INQUIRY_NUMBER_PATTERN,
  type RmsAttachment,
  type RmsAttachmentUploadResponse,
  type RmsBulkStateResponse,
  type RmsCountResponse,
  type RmsFunctionName,
  type RmsGetResponse,
  type RmsLicenseExpiryResponse,
  type RmsListResponse,
  type RmsReplyRequest,
} from './wire.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RakutenClientOptions {
  /** ≤ 50 characters */
  serviceSecret: string;
  /** ≤ 50 characters; valid 90 days */
  licenseKey: string;
  /** InquiryManagementAPI base; default settings.rakutenBaseUrl (GOQ_RAKUTEN_BASE_URL) */
  baseUrl?: string;
  /** licence-management base; default settings.rakutenLicenseBaseUrl (GOQ_RAKUTEN_LICENSE_BASE_URL) */
  licenseBaseUrl?: string;
  /** the account's gate; a private one (1 call/s) when absent */
  gate?: RequestGate;
  /** per call, body included; default 15 s */
  timeoutMs?: number;
  clock?: { now(): Date };
  /** default: the global fetch; tests hand the simulator's `fetch` */
  fetch?: FetchLike;
  /** overrides of the settings read from the environment */
  settings?: Partial<RakutenSettings>;
}

export type RakutenBulkAction = 'read' | 'complete' | 'incomplete';

export interface RakutenBulkResult {
  ok: string[];
  error: { inquiryNumber: string; errorMessage: string }[];
}

export interface RakutenListPage {
  totalCount: number;
  totalPageCount: number;
  page: number;
  inquiries: MallInquiry[];
}

/** The MallClient plus the Rakuten calls that have no mall-neutral counterpart. */
export interface RakutenClient extends MallClient {
  readonly mall: 'rakuten';
  /** Number of inquiries created in the period (sliced into windows and summed). */
  count(period: { from: Date; to: Date }, options?: { noMerchantReply?: boolean }): Promise<number>;
  /** One page of one window, as the API answers it (the window must respect the 31-day span). */
  listPage(query: { from: Date; to: Date; page?: number; limit?: number; noMerchantReply?: boolean }): Promise<RakutenListPage>;
  /** read / complete / incomplete for up to rakutenBulkMaxNumbers numbers per call (larger lists are chunked). */
  bulk(action: RakutenBulkAction, inquiryNumbers: string[]): Promise<RakutenBulkResult>;
  /** The licence key's expiry date (license.expiryDate.get). */
  licenceExpiry(): Promise<Date>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const KEY_MAX = 50;
const ALREADY_SET = 'already set value as specified';

type Exchange = MallExchange;

function textOf(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}

function checkKey(name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new MallError('auth', `Rakuten ${name} is missing`);
  if (value.length > KEY_MAX) throw new MallError('auth', `Rakuten ${name} is longer than ${KEY_MAX} characters`);
  // Base64 of ASCII only: anything else cannot be a key RMS issued.
  if (!/^[\x21-\x7e]+$/.test(value)) throw new MallError('auth', `Rakuten ${name} contains characters RMS keys never have`);
}

/** `Authorization: ESA base64(serviceSecret:licenseKey)`, no line breaks. */
export function esaAuthorization(serviceSecret: string, licenseKey: string): string {
  checkKey('serviceSecret', serviceSecret);
  checkKey('licenseKey', licenseKey);
  return `ESA ${Buffer.from(`${serviceSecret}:${licenseKey}`, 'ascii').toString('base64')}`;
}

export function createRakutenClient(options: RakutenClientOptions): RakutenClient {
  const settings = rakutenSettings(options.settings ?? {});
  const baseUrl = (options.baseUrl ?? settings.rakutenBaseUrl).replace(/\/+$/, '');
  const licenseBaseUrl = (options.licenseBaseUrl ?? settings.rakutenLicenseBaseUrl).replace(/\/+$/, '');
  const gate = options.gate ?? new RequestGate({ minIntervalMs: 1000 });
  const timeoutMs = options.timeoutMs ?? MALL_CALL_TIMEOUT_MS;
  const clock = options.clock ?? { now: () => new Date() };
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  const exchange = (url: string, init: RequestInit): Promise<Exchange> => exchangeWithDeadline(fetchImpl, url, init, timeoutMs);

  /**
   * One call to Rakuten. `write` calls are never retried and their unknown outcomes are flagged
   * ambiguous; reads get one more try after a network error, timeout or 5xx.
   */
  async function call(
    fn: RmsFunctionName,
    url: string,
    init: { method: string; body?: BodyInit; json?: unknown },
    write: boolean,
  ): Promise<Exchange> {
    const authorization = esaAuthorization(options.serviceSecret, options.licenseKey);
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    let body: BodyInit | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['Content-Type'] = settings.rakutenJsonContentType;
    } else if (init.body === undefined) {
      // the docs list this Content-Type on every call, GETs included
      headers['Content-Type'] = settings.rakutenJsonContentType;
    }
    const attempt = async (): Promise<Exchange> => {
      let result: Exchange;
      try {
        result = await exchange(url, { method: init.method, headers, ...(body !== undefined ? { body } : {}) });
      } catch (error) {
        const reason = error instanceof MallCallTimeout ? error.message : `network error: ${(error as Error).message}`;
        throw new MallError('unavailable', `Rakuten ${fn}: ${reason}`, write ? { ambiguous: true } : {});
      }
      if (result.status >= 200 && result.status < 300) return result;
      throw decodeRakutenError(result.status, result.headers, textOf(result.body), write, clock.now());
    };
    return retryReadOnce(write, () => gate.run(attempt));
  }

  async function callJson<T>(
    fn: RmsFunctionName,
    url: string,
    init: { method: string; body?: BodyInit; json?: unknown },
    write: boolean,
  ): Promise<T> {
    const result = await call(fn, url, init, write);
    try {
      return JSON.parse(textOf(result.body)) as T;
    } catch {
      throw new MallError('unavailable', `Rakuten ${fn}: unreadable answer`, {
        status: result.status,
        ...(write ? { ambiguous: true } : {}),
      });
    }
  }

  function periodQuery(from: Date, to: Date, noMerchantReply: boolean | undefined): URLSearchParams {
    const query = new URLSearchParams({ fromDate: toRmsRequestDateTime(from), toDate: toRmsRequestDateTime(to) });
    if (noMerchantReply !== undefined) query.set('noMerchantReply', String(noMerchantReply));
    return query;
  }

  /** [from, to] cut into windows of rakutenListWindowDays, newest first, at whole seconds. */
  function windows(period: { from: Date; to: Date }): { from: Date; to: Date }[] {
    const from = Math.floor(period.from.getTime() / 1000) * 1000;
    let end = Math.floor(period.to.getTime() / 1000) * 1000;
    const span = settings.rakutenListWindowDays * DAY_MS;
    const out: { from: Date; to: Date }[] = [];
    while (end >= from) {
      const start = Math.max(from, end - span + 1000);
      out.push({ from: new Date(start), to: new Date(end) });
      end = start - 1000;
    }
    return out;
  }

  async function listPage(query: {
    from: Date;
    to: Date;
    page?: number;
    limit?: number;
    noMerchantReply?: boolean;
  }): Promise<RakutenListPage> {
    const params = periodQuery(query.from, query.to, query.noMerchantReply);
    params.set('limit', String(query.limit ?? settings.rakutenListPageSize));
    params.set('page', String(query.page ?? 1));
    const body = await callJson<RmsListResponse>('inquirymngapi.inquiries.get', `${baseUrl}/inquiries?${params}`, { method: 'GET' }, false);
    return {
      totalCount: body.totalCount,
      totalPageCount: body.totalPageCount,
      page: body.page,
      inquiries: (body.list ?? []).map(toMallInquiry),
    };
  }

  /**
   * All inquiries of one window. The API cannot page past row 10,000, so a window that holds more is
   * halved until each half fits (a single second holding more than that is read as deep as the API goes).
   */
  async function* listWindow(from: Date, to: Date, beforeCall?: () => Promise<void>): AsyncGenerator<MallInquiry> {
    const limit = settings.rakutenListPageSize;
    await beforeCall?.();
    const first = await listPage({ from, to, page: 1, limit });
    const span = to.getTime() - from.getTime();
    if (first.totalCount > settings.rakutenListMaxDepth && span >= 1000) {
      const mid = from.getTime() + Math.floor(span / 2000) * 1000;
      yield* listWindow(new Date(mid + 1000), to, beforeCall);
      yield* listWindow(from, new Date(mid), beforeCall);
      return;
    }
    yield* first.inquiries;
    const deepest = Math.floor(settings.rakutenListMaxDepth / limit);
    // the page count is re-read on every page: rows arriving meanwhile may add one
    let lastPage = Math.min(first.totalPageCount, deepest);
    for (let page = 2; page <= lastPage; page++) {
      await beforeCall?.();
      const next = await listPage({ from, to, page, limit });
      yield* next.inquiries;
      if (next.inquiries.length === 0) break;
      lastPage = Math.min(next.totalPageCount, deepest);
    }
  }

  async function bulk(action: RakutenBulkAction, inquiryNumbers: string[]): Promise<RakutenBulkResult> {
    const fn: RmsFunctionName = `inquirymngapi.inquiries.patch.${action}`;
    const result: RakutenBulkResult = { ok: [], error: [] };
    for (let i = 0; i < inquiryNumbers.length; i += settings.rakutenBulkMaxNumbers) {
      const chunk = inquiryNumbers.slice(i, i + settings.rakutenBulkMaxNumbers);
      const body = await callJson<RmsBulkStateResponse>(
        fn,
        `${baseUrl}/inquiries/${action}`,
        { method: 'PATCH', json: { inquiryNumbers: chunk } },
        true,
      );
      result.ok.push(...(body.result?.ok ?? []));
      result.error.push(...(body.result?.error ?? []));
    }
    return result;
  }

  /** One number's state change; "already set" counts as done, so repeating it is harmless. */
  async function setOne(action: RakutenBulkAction, inquiryNumber: string): Promise<void> {
    const result = await bulk(action, [inquiryNumber]);
    if (result.ok.includes(inquiryNumber)) return;
    const failure = result.error.find((e) => e.inquiryNumber === inquiryNumber);
    if (!failure || failure.errorMessage === ALREADY_SET) return;
    if (/not found/i.test(failure.errorMessage)) {
      throw new MallError('not_found', `Rakuten ${action}: ${inquiryNumber} ${failure.errorMessage}`);
    }
    throw new MallError('rejected', `Rakuten ${action}: ${inquiryNumber} ${failure.errorMessage}`);
  }

  async function licenceExpiry(): Promise<Date> {
    const query = new URLSearchParams({ licenseKey: options.licenseKey });
    const body = await callJson<RmsLicenseExpiryResponse>(
      'license.expiryDate.get',
      `${licenseBaseUrl}/license-key/expiry-date?${query}`,
      { method: 'GET' },
      false,
    );
    if (typeof body.expiryDate !== 'string') throw new MallError('unavailable', 'Rakuten licence expiry: no expiryDate');
    return parseRmsDateTime(body.expiryDate);
  }

  const client: RakutenClient = {
    mall: 'rakuten',

    async *list(period, options = {}) {
      const seen = new Set<string>();
      for (const window of windows(period)) {
        for await (const inquiry of listWindow(window.from, window.to, options.beforeCall)) {
          // rows shift down when a new inquiry arrives mid-paging: the repeat is dropped here
          if (seen.has(inquiry.mallInquiryId)) continue;
          seen.add(inquiry.mallInquiryId);
          yield inquiry;
        }
      }
    },

    listPage,

    async count(period, countOptions = {}) {
      let total = 0;
      for (const window of windows(period)) {
        const params = periodQuery(window.from, window.to, countOptions.noMerchantReply);
        const body = await callJson<RmsCountResponse>('inquirymngapi.counts.get', `${baseUrl}/inquiries/count?${params}`, { method: 'GET' }, false);
        total += body.result?.count ?? 0;
      }
      return total;
    },

    async get(mallInquiryId) {
      if (mallInquiryId.length < 1 || mallInquiryId.length > 40 || !INQUIRY_NUMBER_PATTERN.test(mallInquiryId)) return null;
      try {
        const body = await callJson<RmsGetResponse>(
          'inquirymngapi.inquiry.get',
          `${baseUrl}/inquiry/${encodeURIComponent(mallInquiryId)}`,
          { method: 'GET' },
          false,
        );
        return toMallInquiry(body.result);
      } catch (error) {
        if (error instanceof MallError && error.kind === 'not_found') return null;
        throw error;
      }
    },

    async downloadAttachment(attachment: MallAttachment) {
      let key: RmsAttachment;
      try {
        key = parseAttachmentKey(attachment.mallKey);
      } catch {
        throw new MallError('rejected', `not a Rakuten attachment: ${attachment.name}`);
      }
      const query = new URLSearchParams({ path: key.path, label: key.label });
      const result = await call('inquirymngapi.attachment.get', `${baseUrl}/attachment?${query}`, { method: 'GET' }, false);
      return result.body;
    },

    async uploadAttachment(_mallInquiryId: string, file: UploadFile) {
      const form = new FormData();
      // a copy keeps the Blob independent of a caller's shared buffer
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
      const body = await callJson<RmsAttachmentUploadResponse>(
        'inquirymngapi.attachment.post',
        `${baseUrl}/attachment`,
        { method: 'POST', body: form },
        true,
      );
      if (!body.result || body.result.errorMessage || !body.result.path) {
        throw new MallError('unavailable', `Rakuten upload not stored: ${body.result?.errorMessage ?? 'no path returned'}`, {
          status: 201,
        });
      }
      return { ...toMallAttachment({ label: body.result.label, path: body.result.path }), size: file.bytes.byteLength };
    },

    async postReply(mallInquiryId, body, attachments) {
      let shopId: string;
      try {
        shopId = shopIdOfInquiryNumber(mallInquiryId);
      } catch (error) {
        throw new MallError('rejected', (error as Error).message);
      }
      const request: RmsReplyRequest = {
        inquiryNumber: mallInquiryId,
        shopId: settings.rakutenReplyShopIdAsString ? shopId : Number(shopId),
        message: body,
      };
      if (attachments.length > 0) {
        try {
          request.attachments = attachments.map((a) => parseAttachmentKey(a.mallKey));
        } catch {
          throw new MallError('rejected', 'a reply attachment was not uploaded to Rakuten');
        }
      }
      await callJson('inquirymngapi.reply.post', `${baseUrl}/inquiry/reply`, { method: 'POST', json: request }, true);
      // Rakuten returns no reply id: the thread has to be re-read to learn it
      return { mallMessageId: null };
    },

    complete: (mallInquiryId) => setOne('complete', mallInquiryId),
    reopen: (mallInquiryId) => setOne('incomplete', mallInquiryId),

    async markRead(mallInquiryIds) {
      const result = await bulk('read', mallInquiryIds);
      const missing = result.error.filter((e) => e.errorMessage !== ALREADY_SET);
      if (missing.length > 0) {
        const kind = missing.every((e) => /not found/i.test(e.errorMessage)) ? 'not_found' : 'rejected';
        throw new MallError(kind, `Rakuten read: ${missing.map((e) => `${e.inquiryNumber} ${e.errorMessage}`).join(', ')}`);
      }
    },

    bulk,
    licenceExpiry,

    /**
     * A count over the last day proves the keys and the inquiry functions (401 GA0001 otherwise);
     * the expiry comes from license.expiryDate.get, which a key may not be entitled to: then it is unknown.
     */
    async checkCredentials(): Promise<CredentialFacts> {
      const now = clock.now();
      await client.count({ from: new Date(now.getTime() - DAY_MS), to: now });
      try {
        return { credentialExpiresAt: await licenceExpiry() };
      } catch (error) {
        if (error instanceof MallError && (error.kind === 'auth' || error.kind === 'not_found')) return { credentialExpiresAt: null };
        throw error;
      }
    },
  };
  return client;
}
