/**
 * Yahoo! Shopping store-side inquiry client (externalTalk API, malls/yahoo.md). Implements MallClient:
 * every request carries a fresh Bearer token and the public-key headers, goes through the account's
 * RequestGate, and is mapped into the product's model at this edge (mapping.ts). The call rule (deadline,
 * reads retried once, writes never: the outbox re-reads the thread first) is mall-call.ts.
 */
import { checkAttachments } from '../../../shared/mall-rules.ts';
import { MallError, type CredentialFacts, type MallClient, type UploadFile } from '../mall-client.ts';
import type { MallAttachment, MallInquiry } from '../mall-model.ts';
import { exchangeWithDeadline, MALL_CALL_TIMEOUT_MS, MallCallTimeout, retryReadOnce, type MallExchange } from '../mall-call.ts';
import { RequestGate } from '../request-gate.ts';
import { bearerError, errorFromResponse, parseErrorBody, tokenAnswer } from './errors.ts';
import { createTopicLister, type YahooListMode } from './listing.ts';
import { extensionOf } from '../../../shared/file-types.ts';
import { toInquiry } from './mapping.ts';
import { swsSignature } from './signature.ts';
import {
  PATHS,
  TOKEN_PATH,
  pick,
  type FileAddResponse,
  type TalkAddBody,
  type TalkCompleteBody,
  type TalkDetailResponse,
  type TalkListResponse,
} from './wire.ts';
import { yahooSettings, type YahooSettings } from './settings.ts';

export const YAHOO_DEFAULT_BASE_URL = 'https://circus.shopping.yahooapis.jp';
export const YAHOO_DEFAULT_AUTH_BASE_URL = 'https://auth.login.yahoo.co.jp';
export { YAHOO_PAGE_SIZE, type YahooListMode } from './listing.ts';

export interface YahooPublicKey {
  /** the PEM issued in ストアクリエイターPro → 設定 → 暗号鍵管理 */
  pem: string;
  /** its バージョン, sent as X-sws-signature-version */
  version: string;
}

export interface YahooCredentials {
  /** ストアアカウント */
  sellerId: string;
  /** the application's Client ID and secret (YConnect) */
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** when the store last authorized (the refresh token's lifetime counts from here); null when unknown */
  refreshTokenIssuedAt?: Date | null;
  accessToken?: string | null;
  accessTokenExpiresAt?: Date | null;
  /** without it the mall limits the session to 12 hours and may refuse inquiry calls (px-04102) */
  publicKey?: YahooPublicKey | null;
}

/** Tokens after a refresh, for the caller to persist (encrypted) so a restart does not re-authorize. */
export interface YahooTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenIssuedAt: Date | null;
}

export type YahooFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface YahooClientOptions {
  credentials: YahooCredentials;
  /** GOQ_YAHOO_BASE_URL; default https://circus.shopping.yahooapis.jp */
  baseUrl?: string;
  /** GOQ_YAHOO_AUTH_BASE_URL; default https://auth.login.yahoo.co.jp */
  authBaseUrl?: string;
  /** the account's gate; default one with a 1 s interval */
  gate?: RequestGate;
  timeoutMs?: number; // per request, body included; default 15 s
  clock?: { now(): Date };
  fetch?: YahooFetch; // default the global fetch; tests hand in the simulator's app.fetch
  settings?: Partial<YahooSettings>;
  /** called after every token refresh */
  onTokens?: (tokens: YahooTokens) => void | Promise<void>;
  /** hears which list form is in use (the official filters, or the fallback scan) whenever it changes */
  onListMode?: (mode: YahooListMode) => void | Promise<void>;
}

export interface YahooClient extends MallClient {
  readonly mall: 'yahoo';
  /** the last X-SWS-Authorize-Status seen ("authorized" when public-key auth worked); null before any call */
  authorizeStatus(): string | null;
  /** the tokens in use now */
  tokens(): YahooTokens | null;
}

interface CallSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
  write: boolean;
}

const decoder = new TextDecoder();

export function createYahooClient(options: YahooClientOptions): YahooClient {
  const settings = yahooSettings(options.settings);
  const credentials = options.credentials;
  const sellerId = credentials.sellerId;
  const baseUrl = (options.baseUrl ?? YAHOO_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const authBaseUrl = (options.authBaseUrl ?? YAHOO_DEFAULT_AUTH_BASE_URL).replace(/\/+$/, '');
  const gate = options.gate ?? new RequestGate({ minIntervalMs: 1000 });
  const timeoutMs = options.timeoutMs ?? MALL_CALL_TIMEOUT_MS;
  const clock = options.clock ?? { now: () => new Date() };
  const doFetch: YahooFetch = options.fetch ?? ((url, init) => fetch(url, init));

  let accessToken = credentials.accessToken ?? null;
  let accessTokenExpiresAt = credentials.accessTokenExpiresAt ?? null;
  let refreshToken = credentials.refreshToken;
  let refreshTokenIssuedAt = credentials.refreshTokenIssuedAt ?? null;
  let lastAuthorizeStatus: string | null = null;
  let refreshing: Promise<void> | null = null;

  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  /** One HTTP exchange under the shared deadline; a hung or unreachable mall counts as unavailable. */
  async function exchange(url: string, init: RequestInit, write: boolean): Promise<MallExchange> {
    try {
      return await exchangeWithDeadline(doFetch, url, init, timeoutMs);
    } catch (error) {
      const reason = error instanceof MallCallTimeout ? `did not answer within ${timeoutMs} ms` : `unreachable: ${(error as Error).message}`;
      throw new MallError('unavailable', `Yahoo! ${reason}`, { ambiguous: write });
    }
  }

  function signatureHeaders(): Record<string, string> {
    const key = credentials.publicKey;
    if (!key || !key.pem.trim()) return {};
    let signature: string;
    try {
      signature = swsSignature(key.pem, sellerId, nowSeconds());
    } catch (error) {
      // A PEM that is not an RSA public key: the shop must paste the key from 暗号鍵管理 again.
      throw new MallError('auth', `the Yahoo! public key cannot be used: ${(error as Error).message}`, {
        mallCode: 'public_key_invalid',
      });
    }
    return { 'X-sws-signature': signature, 'X-sws-signature-version': key.version };
  }

  async function refreshAccessToken(): Promise<void> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64');
    const headers: Record<string, string> = {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
      ...(settings.yahooSignTokenRequest ? signatureHeaders() : {}),
    };
    const result = await exchange(`${authBaseUrl}${TOKEN_PATH}`, { method: 'POST', headers, body: form.toString() }, false);
    const token = tokenAnswer(result.status, decoder.decode(result.body));
    accessToken = token.access_token;
    accessTokenExpiresAt = new Date(clock.now().getTime() + (Number(token.expires_in) || 3600) * 1000);
    // The mall may or may not send a new refresh token; without one the old one stays valid.
    if (typeof token.refresh_token === 'string' && token.refresh_token && token.refresh_token !== refreshToken) {
      refreshToken = token.refresh_token;
      refreshTokenIssuedAt = clock.now();
    }
    await options.onTokens?.({ accessToken, accessTokenExpiresAt, refreshToken, refreshTokenIssuedAt });
  }

  /** Refreshes once for everyone waiting on it. */
  function refreshOnce(): Promise<void> {
    refreshing ??= refreshAccessToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function tokenIsFresh(): boolean {
    if (!accessToken) return false;
    if (!accessTokenExpiresAt) return true;
    return accessTokenExpiresAt.getTime() - settings.yahooAccessTokenRefreshMarginMs > clock.now().getTime();
  }

  function urlFor(spec: CallSpec): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.toString();
    return `${baseUrl}${spec.path}${qs ? `?${qs}` : ''}`;
  }

  async function attempt(spec: CallSpec): Promise<MallExchange> {
    if (!tokenIsFresh()) await refreshOnce();
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, ...signatureHeaders() };
    let body: BodyInit | undefined;
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(spec.json);
    } else if (spec.form) {
      body = spec.form;
    }
    const result = await exchange(urlFor(spec), { method: spec.method, headers, body }, spec.write);
    const status = result.headers.get('X-SWS-Authorize-Status');
    if (status !== null) lastAuthorizeStatus = status;
    return result;
  }

  function failure(spec: CallSpec, result: MallExchange): MallError {
    return errorFromResponse({
      status: result.status,
      bodyText: decoder.decode(result.body),
      wwwAuthenticate: result.headers.get('WWW-Authenticate'),
      write: spec.write,
      settings,
    });
  }

  function isExpiredToken(result: MallExchange): boolean {
    if (result.status !== 401) return false;
    if (bearerError(result.headers.get('WWW-Authenticate')) === 'invalid_token') return true;
    return parseErrorBody(decoder.decode(result.body))?.code === 'px-04102';
  }

  /** One call through the gate: refresh on a 401 invalid_token once; reads retry once on a network error or 5xx. */
  async function call(spec: CallSpec): Promise<MallExchange> {
    const once = async (): Promise<MallExchange> => {
      // The refresh takes its own turn: inside the API call's turn it would delay the call past the gate's
      // spacing, and the mall counts the calls' arrival.
      if (!tokenIsFresh()) await gate.run(() => (tokenIsFresh() ? Promise.resolve() : refreshOnce()));
      let result = await gate.run(() => attempt(spec));
      if (isExpiredToken(result)) {
        await gate.run(() => refreshOnce());
        // A 401 means the mall did not act, so even a write may go again.
        result = await gate.run(() => attempt(spec));
      }
      if (result.status < 200 || result.status >= 300) throw failure(spec, result);
      return result;
    };
    return retryReadOnce(spec.write, once);
  }

  async function callJson<T>(spec: CallSpec): Promise<T> {
    const result = await call(spec);
    const text = decoder.decode(result.body);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new MallError('unavailable', 'Yahoo! answered with a body that is not JSON', {
        status: result.status,
        ambiguous: spec.write,
      });
    }
    // Business errors can come as {"error":{"reason"}} even on a 2xx.
    const info = parsed && typeof parsed === 'object' && ('error' in parsed || 'Error' in parsed) ? parseErrorBody(text) : null;
    if (info) throw new MallError('rejected', info.message, { status: result.status, mallCode: info.code ?? undefined });
    return parsed as T;
  }

  async function expectOk(spec: CallSpec): Promise<void> {
    const answer = await callJson<Record<string, unknown>>(spec);
    if (answer?.status !== 'ok') {
      throw new MallError('unavailable', `Yahoo! answered without status "ok": ${JSON.stringify(answer).slice(0, 200)}`, {
        ambiguous: spec.write,
      });
    }
  }

  async function get(topicId: string): Promise<MallInquiry | null> {
    try {
      const detail = await callJson<TalkDetailResponse>({
        method: 'GET',
        path: PATHS.detail,
        query: { sellerId, topicId },
        write: false,
      });
      return toInquiry(topicId, detail);
    } catch (error) {
      if (error instanceof MallError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  const lister = createTopicLister({
    settings,
    listPage: (query) => callJson<TalkListResponse>({ method: 'GET', path: PATHS.list, query: { sellerId, ...query }, write: false }),
    onListMode: options.onListMode,
  });

  return {
    mall: 'yahoo',

    authorizeStatus: () => lastAuthorizeStatus,

    tokens: () =>
      accessToken && accessTokenExpiresAt ? { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenIssuedAt } : null,

    list: (period, options = {}) => lister.topics(period, get, options.beforeCall),

    get,

    async downloadAttachment(attachment: MallAttachment): Promise<Uint8Array> {
      const result = await call({
        method: 'GET',
        path: PATHS.fileDownload,
        query: { sellerId, key: attachment.mallKey },
        write: false,
      });
      return result.body;
    },

    async uploadAttachment(topicId: string, file: UploadFile): Promise<MallAttachment> {
      const problems = checkAttachments([{ name: file.name, size: file.bytes.byteLength }], {
        maxChars: 2000,
        maxCharsPerLine: null,
        allowedLinkDomains: null,
        attachments: settings.yahooAttachmentRules,
      });
      if (problems.length > 0) {
        throw new MallError('rejected', `attachment refused before upload: ${problems.map((p) => p.code).join(', ')}`, {
          mallCode: problems[0].code,
        });
      }
      const form = new FormData();
      form.set('file', new Blob([Uint8Array.from(file.bytes)], { type: file.contentType }), file.name);
      const answer = await callJson<FileAddResponse>({
        method: 'POST',
        path: PATHS.fileAdd,
        query: { topicId, sellerId },
        form,
        write: true,
      });
      const objectKey = pick<string>(answer as unknown as Record<string, unknown>, 'objectKey', 'objectkey');
      if (!objectKey) throw new MallError('unavailable', 'externalTalkFileAdd answered without objectKey', { ambiguous: true });
      return { mallKey: String(objectKey), name: file.name, contentType: file.contentType, size: file.bytes.byteLength };
    },

    async postReply(topicId: string, body: string, attachments: MallAttachment[]) {
      const payload: TalkAddBody = { sellerId, body: body.replace(/\r\n?/g, '\n') };
      if (attachments.length > 0) {
        payload.fileList = attachments.map((a) => ({ fileName: a.name, filePath: a.mallKey, fileExt: extensionOf(a.name) }));
      }
      const answer = await callJson<Record<string, unknown>>({
        method: 'POST',
        path: PATHS.add,
        query: { topicId },
        json: payload,
        write: true,
      });
      const messageId = pick(answer, 'messageid', 'messageId');
      return { mallMessageId: messageId === undefined || messageId === null ? null : String(messageId) };
    },

    async complete(topicId: string, context?: { shopHasReplied: boolean }) {
      const condition =
        context?.shopHasReplied === false ? settings.yahooCompleteConditionWithoutReply : settings.yahooCompleteConditionId;
      const payload: TalkCompleteBody = {
        sellerId,
        completeConditionId: settings.yahooCompleteConditionIdAsString ? String(condition) : condition,
      };
      await expectOk({ method: 'PUT', path: PATHS.complete, query: { topicId }, json: payload, write: true });
    },

    async reopen(topicId: string) {
      // No externalTalk endpoint reopens a topic, and a completed Yahoo! inquiry never returns to 返信が必要.
      throw new MallError('rejected', `Yahoo! cannot reopen a completed inquiry (${topicId})`, { mallCode: 'reopen_not_allowed' });
    },

    async markRead(topicIds: string[]) {
      for (const topicId of topicIds) {
        await expectOk({ method: 'PUT', path: PATHS.read, query: { topicId }, json: { sellerId }, write: true });
      }
    },

    async checkCredentials(): Promise<CredentialFacts> {
      await callJson<TalkListResponse>({
        method: 'GET',
        path: PATHS.list,
        query: { sellerId, start: 1, result: 1 },
        write: false,
      });
      if (!refreshTokenIssuedAt) return { credentialExpiresAt: null };
      // A bad or expired key can fail silently (HTTP 200 without "authorized"): the token then lasts 12 hours.
      const withPublicKey =
        !!credentials.publicKey && (lastAuthorizeStatus === null || lastAuthorizeStatus.toLowerCase() === 'authorized');
      const lifetime = withPublicKey
        ? settings.yahooRefreshTokenLifetimeWithPublicKeyMs
        : settings.yahooRefreshTokenLifetimeWithoutPublicKeyMs;
      return { credentialExpiresAt: new Date(refreshTokenIssuedAt.getTime() + lifetime) };
    },
  };
}
