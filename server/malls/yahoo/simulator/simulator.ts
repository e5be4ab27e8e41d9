/**
 * A faithful local Yahoo! Shopping externalTalk API (malls/yahoo.md): the same paths under
 * /ShoppingWebService/V1/, the YConnect token endpoint, Bearer and public-key checks, the key-casing quirks,
 * Unix-second strings in detail and numbers in the list, the limits and the error shapes. State is in memory.
 *
 * createYahooSimulator() returns { app, control }: `app` is a Hono app (hand `app.fetch` to a client in tests,
 * or serve it with @hono/node-server), `control` adds stores and inquiries, plays the customer, reads what
 * arrived and injects faults. The same control API is served as JSON under /_sim/ (control-http.ts).
 */
import { Hono, type Context } from 'hono';
import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { charCount } from '../../../../shared/mall-rules.ts';
import { extensionOf } from '../mapping.ts';
import { COMPLETE_CONDITIONS, PATHS, TOKEN_PATH, type TalkDetailResponse, type TalkHeadline, type TalkListResponse } from '../wire.ts';
import { yahooSettings, type YahooSettings } from '../yahoo-settings.ts';
import { controlRoutes } from './control-http.ts';
import { generateFollowUp, generateTopic } from './generator.ts';
import { seededRandom, type Random } from '../../simulator-support/random.ts';
import { checkSignature, type SignatureVerdict } from './signature-check.ts';
import {
  SimError,
  completeTopic,
  createTopic,
  customerPosts,
  isUnanswered,
  newKeyPair,
  sellerPostTime,
  statusOf,
  storeFile,
  storePosts,
  userPostTime,
  type NewFile,
  type SimFile,
  type SimRequest,
  type SimStore,
  type SimTopic,
} from './store.ts';

export interface YahooSimulatorOptions {
  /** the mall's clock: timestamps, token and signature expiry (rate limiting uses real time) */
  clock?: { now(): Date };
  settings?: Partial<YahooSettings>;
  /** minimum ms between two API calls of one store (the 1 q/s rule); 0 turns it off. Default 0. */
  rateLimitMs?: number;
  /** `expires_in` of access tokens; default 3600 */
  accessTokenLifetimeSeconds?: number;
  /** hand out a new refresh token on refresh (the real mall may or may not, §2.1); default false */
  rotateRefreshTokens?: boolean;
  /** seeds ids, masked ids and generated text */
  seed?: number;
  /**
   * Decrypt and check every X-sws-signature (default true). A benchmark of sync throughput may turn it off:
   * RSA decryption costs about 0.4 ms a call; a present signature with a known version is then taken as valid.
   */
  verifySignatures?: boolean;
}

export interface YahooPublicKeyFacts {
  pem: string;
  version: string;
}

/** What a store's owner would copy into the product: the application, the token and the public key. */
export interface YahooStoreCredentials {
  sellerId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  refreshTokenIssuedAt: Date;
  publicKey: YahooPublicKeyFacts | null;
}

export interface AddStoreInput {
  sellerId: string;
  clientId?: string;
  clientSecret?: string;
  /** public-key auth set up (default true): refresh tokens last 28 days, not 12 hours */
  publicKeyAuth?: boolean;
  /** refuse unsigned calls with 401 px-04102 (default: same as publicKeyAuth) */
  signatureRequired?: boolean;
  /** reuse a key pair instead of generating a 2048-bit one */
  keyPair?: { publicKeyPem: string; privateKey: KeyObject };
  keyVersion?: string;
}

export interface SimFileInput {
  name: string;
  contentType?: string;
  /** bytes, or Base64 over /_sim/ */
  bytes: Uint8Array;
}

export interface AddTopicInput {
  title: string;
  qaType?: 'item' | 'order';
  categoryId?: number;
  itemCode?: string | null;
  orderId?: string | null;
  userMaskedId?: string;
  isPrivate?: boolean;
  isMail?: boolean;
  /** oldest first; the first one is the customer's question */
  messages: Array<{ from: 'customer' | 'shop'; body: string; at?: Date; files?: SimFileInput[] }>;
  /** completion condition 1–5 when the store has completed the topic */
  completedWith?: number | null;
  /** the store has opened it since the last customer post */
  readByStore?: boolean;
}

export interface YahooFaults {
  /** share of API calls answered 500/503 */
  errorRate: number;
  /** share of API calls that hang for `hangMs`, then answer 504 */
  timeoutRate: number;
  /** share of API calls answered 401 invalid_token */
  unauthorizedRate: number;
  /** share of API calls answered 403 "Your Request was Forbidden" */
  rateLimitRate: number;
  /** share of API calls delayed by `slowMs` */
  slowRate: number;
  slowMs: number;
  hangMs: number;
  /** for writes, the share of 5xx/timeouts that strike after the mall has acted (the ambiguous case) */
  afterWriteShare: number;
  /** only these endpoints (e.g. ["externalTalkAdd"]); empty = all */
  endpoints: string[];
  seed?: number;
}

const NO_FAULTS: YahooFaults = {
  errorRate: 0,
  timeoutRate: 0,
  unauthorizedRate: 0,
  rateLimitRate: 0,
  slowRate: 0,
  slowMs: 0,
  hangMs: 30_000,
  afterWriteShare: 0.5,
  endpoints: [],
};

export interface SimFileView {
  objectKey: string;
  fileName: string;
  fileExt: string;
  contentType: string;
  size: number;
}

export interface SimTopicView {
  topicId: string;
  title: string;
  status: 'unanswered' | 'answered' | 'completed';
  qaType: 'item' | 'order';
  itemCode: string | null;
  orderId: string | null;
  userMaskedId: string;
  isComplete: boolean;
  completeConditionId: number | null;
  isNoAnswer: boolean;
  isSellerUnRead: boolean;
  isPrivate: boolean;
  messages: Array<{ messageId: number; postUserType: 'user' | 'seller'; postdate: number; body: string; files: SimFileView[] }>;
}

export interface YahooSimulatorControl {
  readonly settings: YahooSettings;
  addStore(input: AddStoreInput): YahooStoreCredentials;
  stores(): string[];
  /** what addStore handed out for the store (its first authorization and current public key) */
  credentials(sellerId: string): YahooStoreCredentials;
  /** a new authorization (a refresh token) as if the store's owner consented again */
  authorize(sellerId: string): { refreshToken: string; issuedAt: Date };
  /** invalidates every token of the store (a password change or a withdrawn consent) */
  revokeTokens(sellerId: string): void;
  /** makes the store's current access tokens expired, so the next call answers 401 invalid_token */
  expireAccessTokens(sellerId: string): void;
  /** issues a new key version and makes it current (the old one stays 有効) */
  rotateKey(sellerId: string): YahooPublicKeyFacts;
  setSignatureRequired(sellerId: string, required: boolean): void;
  addTopic(sellerId: string, input: AddTopicInput): string;
  /** the customer writes again (a follow-up) */
  addCustomerMessage(sellerId: string, topicId: string, input: { body: string; at?: Date; files?: SimFileInput[] }): number;
  topics(sellerId: string): SimTopicView[];
  topic(sellerId: string, topicId: string): SimTopicView | null;
  fileBytes(sellerId: string, objectKey: string): Uint8Array | null;
  /** calls the store made, oldest first (what arrived, and how many times) */
  requests(sellerId: string): SimRequest[];
  clearRequests(sellerId: string): void;
  setFaults(faults: Partial<YahooFaults>): void;
  clearFaults(): void;
  faults(): YahooFaults;
  setRateLimit(minIntervalMs: number): void;
  /** the mall's time now (its clock plus any advance) */
  now(): Date;
  /** moves the mall's time forward (token and refresh-token expiry, post times) */
  advanceTime(ms: number): Date;
  /** new customer inquiries and follow-ups on open ones */
  generate(input: { sellerId: string; newTopics?: number; followUps?: number; orders?: readonly string[] }): {
    created: string[];
    followedUp: string[];
  };
  startGenerator(input: { sellerId: string; intervalMs: number; orders?: readonly string[] }): void;
  stopGenerator(): void;
}

export interface YahooSimulator {
  app: Hono;
  control: YahooSimulatorControl;
  /** `app.fetch` shaped for createYahooClient's `fetch` option (in-process, no socket) */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

type Env = { Variables: { store: SimStore; endpoint: string } };

const ENDPOINT_BY_PATH = new Map<string, string>(
  Object.values(PATHS).map((path) => [path, path.slice(path.lastIndexOf('/') + 1)] as [string, string]),
);

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The gateway's XML error (auth, IP, session, unknown URL). */
function xmlError(status: number, message: string, code: string | null, headers: Record<string, string> = {}): Response {
  const codePart = code ? `<Code>${xmlEscape(code)}</Code>` : '';
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Message>${xmlEscape(message)}</Message>${codePart}</Error>`;
  return new Response(body, { status, headers: { 'Content-Type': 'application/xml; charset=UTF-8', ...headers } });
}

/** The inquiry API's own business error. */
function reasonError(status: number, reason: string): Response {
  return Response.json({ error: { reason } }, { status });
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A hung answer must not keep a finished test process alive.
    (timer as { unref?: () => void }).unref?.();
  });

function bytesView(file: SimFile): SimFileView {
  return { objectKey: file.objectKey, fileName: file.fileName, fileExt: file.fileExt, contentType: file.contentType, size: file.bytes.byteLength };
}

function topicView(topic: SimTopic): SimTopicView {
  return {
    topicId: topic.topicId,
    title: topic.title,
    status: statusOf(topic),
    qaType: topic.qaType,
    itemCode: topic.itemCode,
    orderId: topic.orderId,
    userMaskedId: topic.userMaskedId,
    isComplete: topic.isComplete,
    completeConditionId: topic.completeConditionId,
    isNoAnswer: topic.isNoAnswer,
    isSellerUnRead: topic.isSellerUnRead,
    isPrivate: topic.isPrivate,
    messages: topic.messages.map((m) => ({
      messageId: m.messageId,
      postUserType: m.postUserType,
      postdate: m.postdate,
      body: m.body,
      files: m.files.map(bytesView),
    })),
  };
}

function headlineOf(topic: SimTopic): TalkHeadline {
  const first = topic.messages[0];
  return {
    topicId: topic.topicId,
    isUnread: topic.isSellerUnRead,
    isUserUnRead: topic.isUserUnRead,
    isNoAnswer: topic.isNoAnswer,
    isCompleted: topic.isComplete,
    completeConditionId: topic.completeConditionId ?? 0,
    completeConditionShortName: topic.completeConditionId ? COMPLETE_CONDITIONS[topic.completeConditionId] : null,
    // numbers in the list, strings in detail: as the real API
    userPostTime: userPostTime(topic),
    sellerPostTime: sellerPostTime(topic),
    qaType: topic.qaType,
    isPrivate: topic.isPrivate,
    category: topic.categoryId,
    title: topic.title,
    body: first?.body ?? '',
    messageCount: topic.messages.length,
    userMaskedId: topic.userMaskedId,
    ...(topic.itemCode ? { itemCode: topic.itemCode } : {}),
    ...(topic.orderId ? { orderId: topic.orderId } : {}),
    firstPoster: first?.postUserType ?? 'user',
    serviceType: 'shp',
    memo: topic.memo,
  };
}

function detailOf(topic: SimTopic): TalkDetailResponse {
  return {
    topic: {
      accessUserType: 'seller',
      userLastReadTime: String(topic.userLastReadTime),
      isUserUnRead: topic.isUserUnRead,
      sellerLastReadTime: String(topic.sellerLastReadTime),
      isSellerUnRead: topic.isSellerUnRead,
      isPrivate: topic.isPrivate,
      isComplete: topic.isComplete,
      completeConditionId: topic.completeConditionId,
      isMail: topic.isMail,
      userMaskedIdx: topic.userMaskedId,
      ...(topic.itemCode ? { itemcode: topic.itemCode } : {}),
      ...(topic.orderId ? { orderid: topic.orderId } : {}),
      categoryid: topic.categoryId,
      categoryName: topic.categoryName,
      title: topic.title,
      qaType: topic.qaType,
    },
    messages: topic.messages.map((m) => ({
      messageId: m.messageId,
      postUserType: m.postUserType,
      bid: null,
      postdate: String(m.postdate),
      body: m.body,
      fileList: m.files.map((f) => ({
        fileName: f.fileName,
        objectKey: f.objectKey,
        fileExt: f.fileExt,
        fileSize: f.bytes.byteLength,
      })),
    })),
  };
}

const API_ROOT = '/ShoppingWebService';
const FILTERS = new Set(['all', 'unanswered', 'answered', 'completed']);

export function createYahooSimulator(options: YahooSimulatorOptions = {}): YahooSimulator {
  const settings = yahooSettings(options.settings);
  const baseClock = options.clock ?? { now: () => new Date() };
  let advancedMs = 0;
  const clock = { now: () => new Date(baseClock.now().getTime() + advancedMs) };
  const random: Random = seededRandom(options.seed ?? 20261128);
  const accessLifetime = options.accessTokenLifetimeSeconds ?? 3600;
  let rateLimitMs = options.rateLimitMs ?? 0;
  let faults: YahooFaults = { ...NO_FAULTS };
  let faultRandom: Random = seededRandom(1);
  let generatorTimer: ReturnType<typeof setInterval> | null = null;

  const stores = new Map<string, SimStore>();
  const storeByClient = new Map<string, SimStore>();
  const storeByAccessToken = new Map<string, SimStore>();
  const storeByRefreshToken = new Map<string, SimStore>();
  const credentialsByStore = new Map<string, YahooStoreCredentials>();

  const nowMs = () => clock.now().getTime();
  const nowSec = () => Math.floor(nowMs() / 1000);
  const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

  function requireStore(sellerId: string): SimStore {
    const store = stores.get(sellerId);
    if (!store) throw new SimError(404, `unknown store ${sellerId}`);
    return store;
  }

  function requireTopic(store: SimStore, topicId: string): SimTopic {
    const topic = store.topics.get(topicId);
    if (!topic) throw new SimError(404, `topicId is not found: ${topicId}`);
    return topic;
  }

  function issueRefreshToken(store: SimStore): { refreshToken: string; issuedAt: Date } {
    const refreshToken = token('rt.');
    const issuedAt = nowMs();
    store.refreshTokens.set(refreshToken, issuedAt);
    storeByRefreshToken.set(refreshToken, store);
    return { refreshToken, issuedAt: new Date(issuedAt) };
  }

  function refreshLifetimeMs(store: SimStore): number {
    return store.publicKeyAuth
      ? settings.yahooRefreshTokenLifetimeWithPublicKeyMs
      : settings.yahooRefreshTokenLifetimeWithoutPublicKeyMs;
  }

  function toNewFiles(files: SimFileInput[] | undefined): NewFile[] {
    return (files ?? []).map((f) => ({ name: f.name, contentType: f.contentType, bytes: f.bytes }));
  }

  // ───────────── control ─────────────

  const control: YahooSimulatorControl = {
    settings,

    addStore(input) {
      if (stores.has(input.sellerId)) throw new SimError(409, `store ${input.sellerId} exists`);
      const publicKeyAuth = input.publicKeyAuth ?? true;
      const keys = input.keyPair ?? newKeyPair();
      const version = input.keyVersion ?? '1';
      const store: SimStore = {
        sellerId: input.sellerId,
        clientId: input.clientId ?? `dj00${randomBytes(16).toString('hex')}`,
        clientSecret: input.clientSecret ?? randomBytes(20).toString('hex'),
        publicKeyAuth,
        signatureRequired: input.signatureRequired ?? publicKeyAuth,
        privateKeys: new Map([[version, keys.privateKey]]),
        publicKeys: new Map([[version, keys.publicKeyPem]]),
        currentKeyVersion: version,
        refreshTokens: new Map(),
        accessTokens: new Map(),
        topics: new Map(),
        files: new Map(),
        requests: [],
        lastCallAt: -Infinity,
      };
      stores.set(store.sellerId, store);
      storeByClient.set(store.clientId, store);
      const { refreshToken, issuedAt } = issueRefreshToken(store);
      const handedOut: YahooStoreCredentials = {
        sellerId: store.sellerId,
        clientId: store.clientId,
        clientSecret: store.clientSecret,
        refreshToken,
        refreshTokenIssuedAt: issuedAt,
        publicKey: publicKeyAuth ? { pem: keys.publicKeyPem, version } : null,
      };
      credentialsByStore.set(store.sellerId, handedOut);
      return handedOut;
    },

    credentials(sellerId) {
      const store = requireStore(sellerId);
      const handedOut = credentialsByStore.get(sellerId)!;
      const version = store.currentKeyVersion;
      return { ...handedOut, publicKey: handedOut.publicKey ? { pem: store.publicKeys.get(version)!, version } : null };
    },

    stores: () => [...stores.keys()],

    authorize: (sellerId) => issueRefreshToken(requireStore(sellerId)),

    revokeTokens(sellerId) {
      const store = requireStore(sellerId);
      for (const t of store.refreshTokens.keys()) storeByRefreshToken.delete(t);
      for (const t of store.accessTokens.keys()) storeByAccessToken.delete(t);
      store.refreshTokens.clear();
      store.accessTokens.clear();
    },

    expireAccessTokens(sellerId) {
      const store = requireStore(sellerId);
      for (const t of store.accessTokens.keys()) store.accessTokens.set(t, nowMs() - 1);
    },

    rotateKey(sellerId) {
      const store = requireStore(sellerId);
      const keys = newKeyPair();
      const version = String(Math.max(...[...store.privateKeys.keys()].map(Number).filter(Number.isFinite), 0) + 1);
      store.privateKeys.set(version, keys.privateKey);
      store.publicKeys.set(version, keys.publicKeyPem);
      // At most two keys are 有効 at once: the oldest goes.
      while (store.privateKeys.size > 2) {
        const oldest = store.privateKeys.keys().next().value as string;
        store.privateKeys.delete(oldest);
        store.publicKeys.delete(oldest);
      }
      store.currentKeyVersion = version;
      return { pem: keys.publicKeyPem, version };
    },

    setSignatureRequired(sellerId, required) {
      requireStore(sellerId).signatureRequired = required;
    },

    addTopic(sellerId, input) {
      const store = requireStore(sellerId);
      if (input.messages.length === 0 || input.messages[0].from !== 'customer') {
        throw new SimError(400, 'a topic starts with the customer\'s message');
      }
      const times = input.messages.map((m) => Math.floor((m.at ?? clock.now()).getTime() / 1000));
      const topic = createTopic(store, random, {
        title: input.title,
        qaType: input.qaType ?? (input.orderId ? 'order' : 'item'),
        categoryId: input.categoryId,
        itemCode: input.itemCode,
        orderId: input.orderId,
        userMaskedId: input.userMaskedId,
        isPrivate: input.isPrivate,
        isMail: input.isMail,
        createdAt: times[0],
      });
      input.messages.forEach((m, i) => {
        if (m.from === 'customer') {
          customerPosts(store, random, settings, topic, m.body, times[i], toNewFiles(m.files));
        } else {
          const uploaded = toNewFiles(m.files).map((f) => storeFile(store, random, topic.topicId, f, 'seller', times[i], false));
          storePosts(
            store,
            settings,
            topic,
            { body: m.body, fileList: uploaded.map((f) => ({ fileName: f.fileName, filePath: f.objectKey, fileExt: f.fileExt })) },
            times[i],
          );
        }
      });
      if (input.readByStore) {
        topic.isSellerUnRead = false;
        topic.sellerLastReadTime = times[times.length - 1];
      }
      if (input.completedWith) completeTopic(settings, topic, input.completedWith);
      return topic.topicId;
    },

    addCustomerMessage(sellerId, topicId, input) {
      const store = requireStore(sellerId);
      const topic = requireTopic(store, topicId);
      const at = Math.floor((input.at ?? clock.now()).getTime() / 1000);
      return customerPosts(store, random, settings, topic, input.body, at, toNewFiles(input.files)).messageId;
    },

    topics: (sellerId) => [...requireStore(sellerId).topics.values()].map(topicView),

    topic(sellerId, topicId) {
      const topic = requireStore(sellerId).topics.get(topicId);
      return topic ? topicView(topic) : null;
    },

    fileBytes: (sellerId, objectKey) => requireStore(sellerId).files.get(objectKey)?.bytes ?? null,

    requests: (sellerId) => [...requireStore(sellerId).requests],

    clearRequests(sellerId) {
      requireStore(sellerId).requests.length = 0;
    },

    setFaults(next) {
      faults = { ...faults, ...next };
      faultRandom = seededRandom(next.seed ?? faults.seed ?? Date.now());
    },

    clearFaults() {
      faults = { ...NO_FAULTS };
    },

    faults: () => ({ ...faults }),

    now: () => clock.now(),

    advanceTime(ms) {
      advancedMs += ms;
      return clock.now();
    },

    setRateLimit(ms) {
      rateLimitMs = ms;
    },

    generate({ sellerId, newTopics = 1, followUps = 0, orders = [] }) {
      const store = requireStore(sellerId);
      const created: string[] = [];
      const followedUp: string[] = [];
      for (let i = 0; i < newTopics; i++) {
        const g = generateTopic(random, sellerId, orders);
        created.push(
          control.addTopic(sellerId, {
            title: g.title,
            qaType: g.qaType,
            categoryId: g.categoryId,
            itemCode: g.itemCode,
            orderId: g.orderId,
            messages: [{ from: 'customer', body: g.body }],
          }),
        );
      }
      // Follow-ups go to threads the store has answered (completed ones included: the customer may still write).
      const answered = [...store.topics.values()].filter((t) => !t.isNoAnswer);
      for (let i = 0; i < followUps && answered.length > 0; i++) {
        const topic = answered.splice(random.int(0, answered.length - 1), 1)[0];
        customerPosts(store, random, settings, topic, generateFollowUp(random), nowSec());
        followedUp.push(topic.topicId);
      }
      return { created, followedUp };
    },

    startGenerator({ sellerId, intervalMs, orders }) {
      control.stopGenerator();
      generatorTimer = setInterval(() => {
        control.generate({ sellerId, newTopics: random.next() < 0.6 ? 1 : 0, followUps: random.next() < 0.5 ? 1 : 0, orders });
      }, intervalMs);
      (generatorTimer as { unref?: () => void }).unref?.();
    },

    stopGenerator() {
      if (generatorTimer) clearInterval(generatorTimer);
      generatorTimer = null;
    },
  };

  // ───────────── HTTP ─────────────

  const app = new Hono<Env>();

  app.onError((error) => {
    if (error instanceof SimError) {
      // Auth and permission refusals come from the gateway (XML with a px- code); business errors from the API.
      if (error.status === 401 || error.status === 403) return xmlError(error.status, error.reason, error.code);
      return reasonError(error.status, error.reason);
    }
    return xmlError(500, 'Internal Server Error', null);
  });

  // YConnect v2 token endpoint (refresh_token grant; the client authenticates by Basic or by form fields).
  app.post(TOKEN_PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(c.req.header('Authorization') ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decoded.slice(0, colon);
      clientSecret = decoded.slice(colon + 1);
    }
    const store = clientId ? storeByClient.get(clientId) : undefined;
    const answer = (status: number, body: unknown) => {
      if (store) store.requests.push({ at: nowMs(), method: 'POST', endpoint: 'token', topicId: null, status });
      return c.json(body as object, status as 200);
    };
    if (!store || store.clientSecret !== clientSecret) {
      return answer(401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    const grant = form.get('grant_type');
    if (grant !== 'refresh_token') {
      return answer(400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant} is not supported here` });
    }
    const refreshToken = form.get('refresh_token') ?? '';
    const issuedAt = store.refreshTokens.get(refreshToken);
    if (issuedAt === undefined || storeByRefreshToken.get(refreshToken) !== store) {
      return answer(400, { error: 'invalid_grant', error_description: 'invalid refresh token' });
    }
    if (nowMs() >= issuedAt + refreshLifetimeMs(store)) {
      return answer(400, { error: 'invalid_grant', error_description: 'expired refresh token' });
    }
    const accessToken = token('at.');
    store.accessTokens.set(accessToken, nowMs() + accessLifetime * 1000);
    storeByAccessToken.set(accessToken, store);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: accessLifetime };
    if (options.rotateRefreshTokens) {
      // A new string, but the authorization keeps its original expiry.
      const next = token('rt.');
      store.refreshTokens.set(next, issuedAt);
      storeByRefreshToken.set(next, store);
      body.refresh_token = next;
    }
    return answer(200, body);
  });

  app.route('/_sim', controlRoutes(control));

  const api = new Hono<Env>();

  api.use(`${API_ROOT}/*`, async (c, next) => {
    const endpoint = ENDPOINT_BY_PATH.get(c.req.path) ?? c.req.path;
    c.set('endpoint', endpoint);
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? null;
    const store = bearer ? storeByAccessToken.get(bearer) : undefined;
    const realm = 'Bearer realm="yahooapis.jp"';
    if (!store) {
      const challenge = bearer
        ? `${realm}, error="invalid_token", error_description="invalid token"`
        : `${realm}, error="invalid_request", error_description="no token"`;
      return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
    }
    const record = (status: number) =>
      store.requests.push({ at: nowMs(), method: c.req.method, endpoint, topicId: c.req.query('topicId') ?? null, status });
    const expiresAt = store.accessTokens.get(bearer!) ?? 0;
    if (nowMs() >= expiresAt) {
      const challenge = `${realm}, error="invalid_token", error_description="expired token"`;
      record(401);
      return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
    }
    c.set('store', store);

    // About 1 query per second per store; a burst is locked out with the daily-cap message (§5).
    const now = performance.now();
    // 10% grace: a client spacing its calls by the interval sees them arrive with network jitter.
    if (rateLimitMs > 0 && now - store.lastCallAt < rateLimitMs * 0.9) {
      record(403);
      return xmlError(403, 'Your Request was Forbidden', null);
    }
    store.lastCallAt = now;

    // Public-key auth: measured as 401 px-04102 when the signature is missing or wrong (§2.3).
    const verdict: SignatureVerdict =
      options.verifySignatures === false
        ? c.req.header('X-sws-signature') && store.privateKeys.has(c.req.header('X-sws-signature-version') ?? '')
          ? { ok: true, sellerId: store.sellerId, unixSeconds: nowSec() }
          : { ok: false, reason: 'missing' }
        : checkSignature({
            signature: c.req.header('X-sws-signature') ?? null,
            version: c.req.header('X-sws-signature-version') ?? null,
            keys: store.privateKeys,
            expectedSellerId: store.sellerId,
            nowSeconds: nowSec(),
            skewSeconds: settings.yahooSignatureClockSkewSeconds,
          });
    if (!verdict.ok && store.signatureRequired) {
      record(401);
      return xmlError(401, 'AccessToken has been expired. This API session is shorter than another API.', 'px-04102');
    }
    // Injected faults, deterministic for a seed; after the gateway's checks, so a write that goes through did pass them.
    const targeted = faults.endpoints.length === 0 || faults.endpoints.includes(endpoint);
    const write = c.req.method !== 'GET';
    if (targeted) {
      if (faults.slowRate > 0 && faultRandom.next() < faults.slowRate) await sleep(faults.slowMs);
      if (faults.unauthorizedRate > 0 && faultRandom.next() < faults.unauthorizedRate) {
        const challenge = `${realm}, error="invalid_token", error_description="expired token"`;
        record(401);
        return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
      }
      if (faults.rateLimitRate > 0 && faultRandom.next() < faults.rateLimitRate) {
        record(403);
        return xmlError(403, 'Your Request was Forbidden', null);
      }
      const error = faults.errorRate > 0 && faultRandom.next() < faults.errorRate;
      const hang = !error && faults.timeoutRate > 0 && faultRandom.next() < faults.timeoutRate;
      if (error || hang) {
        // For a write, the fault may strike after the mall has acted: the client cannot tell which.
        if (write && faultRandom.next() < faults.afterWriteShare) await next();
        if (hang) await sleep(faults.hangMs);
        const status = hang ? 504 : faultRandom.next() < 0.5 ? 500 : 503;
        record(status);
        const response = xmlError(status, hang ? 'Gateway Timeout' : 'Service Temporarily Unavailable', null);
        c.res = response;
        return response;
      }
    }

    await next();
    c.res.headers.set('X-SWS-Authorize-Status', verdict.ok ? 'authorized' : settings.yahooAuthorizeStatusFailure);
    record(c.res.status);
  });

  /** sellerId must name the token's store (query for GETs and file calls, JSON body for PUT/POST). */
  function checkSeller(c: Context<Env>, sellerId: unknown): SimStore {
    const store = c.get('store');
    if (typeof sellerId !== 'string' || sellerId === '') throw new SimError(400, 'sellerId is required');
    if (sellerId !== store.sellerId) throw new SimError(403, `sellerId is not allowed: ${sellerId}`, 'px-14304');
    return store;
  }

  async function jsonBody(c: Context<Env>): Promise<Record<string, unknown>> {
    try {
      const parsed = JSON.parse(await c.req.text()) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new SimError(400, 'request body must be a JSON object');
  }

  function topicParam(c: Context<Env>): string {
    const topicId = c.req.query('topicId');
    if (!topicId) throw new SimError(400, 'topicId is required');
    return topicId;
  }

  // A sync pages through every topic 20 at a time; filtering and sorting all of them again for each
  // page made listing a large store quadratic. The ordered list is kept per store and query while a
  // cheap pass over the topics finds nothing that changes which topics match or their order.
  const orderedLists = new WeakMap<SimStore, Map<string, { fingerprint: number; topics: SimTopic[] }>>();
  function listFingerprint(store: SimStore): { fingerprint: number; unanswered: number } {
    let hash = store.topics.size;
    let unanswered = 0;
    for (const t of store.topics.values()) {
      const flags = (t.isComplete ? 1 : 0) | (t.isNoAnswer ? 2 : 0) | (t.isPrivate ? 4 : 0);
      hash = (Math.imul(hash, 31) + t.messages.length * 8 + flags) | 0;
      if (isUnanswered(t)) unanswered++;
    }
    return { fingerprint: hash, unanswered };
  }

  api.get(PATHS.list, (c) => {
    const store = checkSeller(c, c.req.query('sellerId'));
    const q = (name: string) => c.req.query(name);
    const start = q('start') === undefined ? 1 : Number(q('start'));
    if (!Number.isInteger(start) || start < 1) throw new SimError(400, 'start is invalid');
    const requested = q('result') === undefined ? 20 : Number(q('result'));
    if (!Number.isInteger(requested) || requested < 1) throw new SimError(400, 'result is invalid');
    const result = Math.min(requested, 20);
    const filterParam = q('requestFilter') ?? 'all';
    const filters = filterParam.split(',').map((f) => f.trim().toLowerCase());
    if (filters.some((f) => !FILTERS.has(f))) throw new SimError(400, `requestFilter is invalid: ${filterParam}`);
    const dateType = q('dateType');
    let range: { type: string; from: number; to: number } | null = null;
    if (dateType !== undefined) {
      if (dateType !== 'userPostTime' && dateType !== 'sellerPostTime') throw new SimError(400, 'dateType is invalid');
      const from = q('startDate');
      const to = q('endDate');
      if (!from || !to || !/^\d+$/.test(from) || !/^\d+$/.test(to)) {
        throw new SimError(400, 'startDate and endDate are required with dateType');
      }
      range = { type: dateType, from: Number(from), to: Number(to) };
    }
    const qaType = q('qaType');
    const isPrivate = q('isPrivate');
    const category = q('category');
    const sort = q('sort') ?? 'userPostTime';
    if (sort !== 'userPostTime' && sort !== 'sellerPostTime') throw new SimError(400, 'sort is invalid');
    const ascending = q('sortOrder') === 'asc';

    const listKey = JSON.stringify([filters, range, qaType, isPrivate, category, sort, ascending]);
    const lists = orderedLists.get(store) ?? new Map<string, { fingerprint: number; topics: SimTopic[] }>();
    orderedLists.set(store, lists);
    const { fingerprint, unanswered } = listFingerprint(store);
    const kept = lists.get(listKey);
    const matching = kept && kept.fingerprint === fingerprint ? kept.topics : orderTopics();
    if (matching !== kept?.topics) lists.set(listKey, { fingerprint, topics: matching });
    function orderTopics(): SimTopic[] {
      const matching = [...store.topics.values()].filter((t) => {
        if (!filters.includes('all') && !filters.includes(statusOf(t))) return false;
        if (qaType && t.qaType !== qaType) return false;
        if (isPrivate !== undefined && String(t.isPrivate) !== isPrivate) return false;
        if (category && String(t.categoryId) !== category) return false;
        if (range) {
          const time = range.type === 'userPostTime' ? userPostTime(t) : sellerPostTime(t);
          if (time === null || time < range.from || time > range.to) return false;
        }
        return true;
      });
      // each topic's post time once per call: the comparisons would otherwise rescan its messages
      const keys = new Map<SimTopic, number>(matching.map((t) => [t, sort === 'userPostTime' ? userPostTime(t) : (sellerPostTime(t) ?? 0)]));
      matching.sort((a, b) => {
        const d = ascending ? keys.get(a)! - keys.get(b)! : keys.get(b)! - keys.get(a)!;
        return d !== 0 ? d : a.topicId < b.topicId ? -1 : 1;
      });
      return matching;
    }
    const page = matching.slice(start - 1, start - 1 + result);
    const body: TalkListResponse = {
      summary: {
        // echoed in upper case, as observed
        filter: filterParam.toUpperCase(),
        unansweredCount: unanswered,
        topic: { start, end: start + page.length - 1, count: matching.length },
      },
      headlines: page.map(headlineOf),
    };
    return c.json(body);
  });

  api.get(PATHS.detail, (c) => {
    const store = checkSeller(c, c.req.query('sellerId'));
    return c.json(detailOf(requireTopic(store, topicParam(c))));
  });

  api.post(PATHS.add, async (c) => {
    const topicId = topicParam(c);
    const body = await jsonBody(c);
    const store = checkSeller(c, body.sellerId);
    const topic = requireTopic(store, topicId);
    if (typeof body.body !== 'string') throw new SimError(400, 'body is required');
    if (body.fileList !== undefined && !Array.isArray(body.fileList)) throw new SimError(400, 'fileList is invalid');
    const message = storePosts(
      store,
      settings,
      topic,
      { body: body.body, fileList: (body.fileList ?? []) as StorePostFile[] },
      nowSec(),
    );
    // lower-case keys in this answer, as the real API
    return c.json({ topicid: topic.topicId, messageid: message.messageId, postdate: String(message.postdate) });
  });

  api.put(PATHS.read, async (c) => {
    const topicId = topicParam(c);
    const store = checkSeller(c, (await jsonBody(c)).sellerId);
    const topic = requireTopic(store, topicId);
    topic.isSellerUnRead = false;
    topic.sellerLastReadTime = nowSec();
    return c.json({ status: 'ok' });
  });

  api.put(PATHS.complete, async (c) => {
    const topicId = topicParam(c);
    const body = await jsonBody(c);
    const store = checkSeller(c, body.sellerId);
    const topic = requireTopic(store, topicId);
    const raw = body.completeConditionId;
    // Sent as a number or a numeric string; omitted means 1 (通常完了).
    const condition = raw === undefined || raw === null ? 1 : typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
    completeTopic(settings, topic, condition);
    return c.json({ status: 'ok' });
  });

  api.put(PATHS.private, async (c) => {
    const topicId = topicParam(c);
    const store = checkSeller(c, (await jsonBody(c)).sellerId);
    requireTopic(store, topicId).isPrivate = true;
    return c.json({ status: 'ok' });
  });

  api.post(PATHS.fileAdd, async (c) => {
    const topicId = topicParam(c);
    const store = checkSeller(c, c.req.query('sellerId'));
    const topic = requireTopic(store, topicId);
    const rules = settings.yahooAttachmentRules;
    const declared = Number(c.req.header('Content-Length') ?? 0);
    // Refuse an oversized upload before reading it whole.
    if (declared > rules.maxBytes + 64 * 1024) throw new SimError(400, `file must be ${rules.maxBytes} bytes or less`);
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new SimError(400, 'multipart/form-data with a file part is required');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new SimError(400, 'file is required');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const ext = extensionOf(file.name);
    if (!rules.extensions.includes(ext)) throw new SimError(400, `file type is not allowed: ${ext || file.name}`);
    if (bytes.byteLength === 0) throw new SimError(400, 'file is empty');
    if (bytes.byteLength > rules.maxBytes) throw new SimError(400, `file must be ${rules.maxBytes} bytes or less`);
    if (charCount(file.name) > rules.maxNameLength) throw new SimError(400, 'file name is too long');
    const stored = storeFile(store, random, topic.topicId, { name: file.name, contentType: file.type, bytes }, 'seller', nowSec(), false);
    return c.json({ objectKey: stored.objectKey });
  });

  api.get(PATHS.fileDownload, (c) => {
    const store = checkSeller(c, c.req.query('sellerId'));
    const key = c.req.query('key');
    if (!key) throw new SimError(400, 'key is required');
    const file = store.files.get(key);
    // An upload nobody posted is not part of any thread yet; it can still be fetched by its key.
    if (!file) throw new SimError(404, `key is not found: ${key}`);
    return new Response(Uint8Array.from(file.bytes), {
      status: 200,
      headers: { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.byteLength) },
    });
  });

  api.delete(PATHS.fileDelete, (c) => {
    const store = checkSeller(c, c.req.query('sellerId'));
    const key = c.req.query('key');
    if (!key) throw new SimError(400, 'key is required');
    const file = store.files.get(key);
    if (!file) throw new SimError(404, `key is not found: ${key}`);
    if (file.attached) throw new SimError(400, 'file is already posted');
    store.files.delete(key);
    return c.json({ status: 'ok' });
  });

  // Anything else under the API, a reopen included (there is none), is an unknown URL.
  api.all(`${API_ROOT}/*`, () => xmlError(404, 'URL does not exist', 'px-04400'));

  app.route('/', api);
  app.notFound(() => xmlError(404, 'URL does not exist', 'px-04400'));

  return { app: app as unknown as Hono, control, fetch: simulatorFetch(app as unknown as Hono) };
}

type StorePostFile = { fileName?: unknown; filePath?: unknown; fileExt?: unknown };

/** A fetch for createYahooClient that calls the simulator in-process. */
export function simulatorFetch(app: Hono): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => app.fetch(new Request(url, init));
}
