/**
 * The simulated mall's memory: stores (with their application credentials, tokens and RSA keys) and their
 * topics, messages and files, with the state transitions of malls/yahoo.md §4. The HTTP layer
 * (simulator.ts) and the control API both act through these functions.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { contentTypeOf, extensionOf } from '../../shared/file-types.ts';
import { charCount } from '../../shared/mall-rules.ts';
import { yahooSettings, type YahooSettings } from '../../server/malls/yahoo/settings.ts';
import { seededRandom, type Random } from '../support/random.ts';

export interface SimFile {
  objectKey: string;
  topicId: string;
  fileName: string;
  fileExt: string;
  contentType: string;
  bytes: Uint8Array;
  postedBy: 'user' | 'seller';
  /** a store upload is attached once a message references it */
  attached: boolean;
  uploadedAt: number;
}

export interface SimMessage {
  messageId: number;
  postUserType: 'user' | 'seller';
  postdate: number;
  body: string;
  files: SimFile[];
}

export interface SimTopic {
  topicId: string;
  title: string;
  qaType: 'item' | 'order';
  categoryId: number;
  categoryName: string;
  itemCode: string | null;
  orderId: string | null;
  /** masked customer id, e.g. "ab***": the mall never gives a name */
  userMaskedId: string;
  isPrivate: boolean;
  isMail: boolean;
  isComplete: boolean;
  completeConditionId: number | null;
  /** true while the customer posted last (未回答) */
  isNoAnswer: boolean;
  isSellerUnRead: boolean;
  isUserUnRead: boolean;
  sellerLastReadTime: number;
  userLastReadTime: number;
  memo: string | null;
  messages: SimMessage[];
}

export interface SimRequest {
  at: number;
  method: string;
  /** endpoint name, e.g. externalTalkAdd, or the token path */
  endpoint: string;
  topicId: string | null;
  status: number;
}

export interface SimStore {
  sellerId: string;
  clientId: string;
  clientSecret: string;
  /** public-key auth set up in 暗号鍵管理: refresh tokens last 28 days instead of 12 hours */
  publicKeyAuth: boolean;
  /** refuse calls without a valid X-sws-signature (401 px-04102), as measured on the real inquiry API */
  signatureRequired: boolean;
  /** 有効 keys by version (at most two on the real mall) */
  privateKeys: Map<string, KeyObject>;
  publicKeys: Map<string, string>;
  currentKeyVersion: string;
  /** refresh token → issued at (ms) */
  refreshTokens: Map<string, number>;
  /** access token → expires at (ms) */
  accessTokens: Map<string, number>;
  topics: Map<string, SimTopic>;
  files: Map<string, SimFile>;
  requests: SimRequest[];
  /** performance.now() of the last accepted API call, for the 1 q/s rule */
  lastCallAt: number;
}

/** Customer-side categories: the real table was not captured (malls/yahoo.md §9.9); these are assumed. */
export const SIM_CATEGORIES: Record<number, string> = {
  1: '商品について',
  2: '注文内容について',
  3: '配送について',
  4: 'お支払いについて',
  5: '返品・交換について',
  6: 'その他',
};

export { extensionOf };

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly code: string | null = null,
  ) {
    super(reason);
  }
}

export function newKeyPair(): { publicKeyPem: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

export function userPostTime(topic: SimTopic): number {
  let last = 0;
  for (const m of topic.messages) if (m.postUserType === 'user' && m.postdate > last) last = m.postdate;
  return last || (topic.messages[0]?.postdate ?? 0);
}

export function sellerPostTime(topic: SimTopic): number | null {
  let last: number | null = null;
  for (const m of topic.messages) if (m.postUserType === 'seller' && (last === null || m.postdate > last)) last = m.postdate;
  return last;
}

export function isUnanswered(topic: SimTopic): boolean {
  return topic.isNoAnswer && !topic.isComplete;
}

export function statusOf(topic: SimTopic): 'unanswered' | 'answered' | 'completed' {
  if (topic.isComplete) return 'completed';
  return topic.isNoAnswer ? 'unanswered' : 'answered';
}

export function objectKeyFor(random: Random, topicId: string, at: number, who: 'USER' | 'SELLER', ext: string): string {
  const d = new Date(at * 1000);
  const stamp = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${topicId.slice(0, 23)}/${stamp}_${random.hex(8)}_${who}.${ext || 'bin'}`;
}

export function maskedId(random: Random): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `${random.pick([...letters])}${random.pick([...letters])}***`;
}

export interface NewFile {
  name: string;
  contentType?: string;
  bytes: Uint8Array;
}

export function storeFile(
  store: SimStore,
  random: Random,
  topicId: string,
  file: NewFile,
  postedBy: 'user' | 'seller',
  at: number,
  attached: boolean,
): SimFile {
  const ext = extensionOf(file.name);
  const stored: SimFile = {
    objectKey: objectKeyFor(random, topicId, at, postedBy === 'user' ? 'USER' : 'SELLER', ext),
    topicId,
    fileName: file.name,
    fileExt: ext,
    contentType: file.contentType || contentTypeOf(file.name),
    bytes: file.bytes,
    postedBy,
    attached,
    uploadedAt: at,
  };
  store.files.set(stored.objectKey, stored);
  return stored;
}

function nextMessageId(topic: SimTopic): number {
  return topic.messages.reduce((max, m) => Math.max(max, m.messageId), 0) + 1;
}

/** A customer post: the topic is unanswered and unread by the store again (§4). */
export function customerPosts(
  store: SimStore,
  random: Random,
  settings: YahooSettings,
  topic: SimTopic,
  body: string,
  at: number,
  files: NewFile[] = [],
): SimMessage {
  const message: SimMessage = {
    messageId: nextMessageId(topic),
    postUserType: 'user',
    postdate: at,
    body,
    files: files.map((f) => storeFile(store, random, topic.topicId, f, 'user', at, true)),
  };
  topic.messages.push(message);
  topic.isNoAnswer = true;
  topic.isSellerUnRead = true;
  topic.userLastReadTime = at;
  // Assumed (§9.6): a completed topic stays completed; only isNoAnswer flips.
  if (topic.isComplete && settings.yahooCustomerPostAfterCompletion === 'reopens') {
    topic.isComplete = false;
    topic.completeConditionId = null;
  }
  return message;
}

export interface StorePost {
  body: string;
  fileList: Array<{ fileName?: unknown; filePath?: unknown; fileExt?: unknown }>;
}

/** externalTalkAdd: checks the documented limit and the assumed attachment rules, then appends. */
export function storePosts(store: SimStore, settings: YahooSettings, topic: SimTopic, post: StorePost, at: number): SimMessage {
  const body = post.body.replace(/\r\n?/g, '\n');
  if (body.trim().length === 0) throw new SimError(400, 'body is required', 'body_empty');
  // the mall's limit as the simulator's own number, not shared/mall-rules.ts: it checks the product independently
  if (charCount(body) > 2000) throw new SimError(400, 'body must be 2000 characters or less', 'body_too_long');
  if (topic.isComplete && settings.yahooStorePostAfterCompletion === 'rejected') {
    throw new SimError(400, 'topic is already completed', 'topic_completed');
  }
  const rules = settings.yahooAttachmentRules;
  if (post.fileList.length > rules.maxFiles) {
    throw new SimError(400, `fileList must have ${rules.maxFiles} files or less`, 'too_many_files');
  }
  const files: SimFile[] = [];
  for (const entry of post.fileList) {
    const key = typeof entry.filePath === 'string' ? entry.filePath : '';
    const file = store.files.get(key);
    if (!file || file.topicId !== topic.topicId || file.postedBy !== 'seller') {
      throw new SimError(400, `filePath is invalid: ${key}`, 'file_not_found');
    }
    if (file.attached) throw new SimError(400, `filePath is already used: ${key}`, 'file_already_used');
    files.push(file);
  }
  for (const file of files) {
    file.attached = true;
    if (typeof post.fileList.find((f) => f.filePath === file.objectKey)?.fileName === 'string') {
      file.fileName = String(post.fileList.find((f) => f.filePath === file.objectKey)!.fileName);
    }
  }
  const message: SimMessage = { messageId: nextMessageId(topic), postUserType: 'seller', postdate: at, body, files };
  topic.messages.push(message);
  topic.isNoAnswer = false;
  topic.isUserUnRead = true;
  topic.sellerLastReadTime = at;
  return message;
}

/** externalTalkComplete: condition 1 (通常完了) needs a store post in the topic (§3.5). */
export function completeTopic(settings: YahooSettings, topic: SimTopic, conditionId: number): void {
  if (!Number.isInteger(conditionId) || conditionId < 1 || conditionId > 5) {
    throw new SimError(400, 'completeConditionId is invalid', 'invalid_condition');
  }
  if (topic.isComplete) {
    if (settings.yahooCompleteTwice === 'rejected') throw new SimError(400, 'topic is already completed', 'already_completed');
    return;
  }
  if (conditionId === 1 && !topic.messages.some((m) => m.postUserType === 'seller')) {
    throw new SimError(400, 'completeConditionId=1 requires a post from the store', 'no_store_post');
  }
  topic.isComplete = true;
  topic.completeConditionId = conditionId;
}

export function createTopic(
  store: SimStore,
  random: Random,
  input: {
    title: string;
    qaType: 'item' | 'order';
    categoryId?: number;
    itemCode?: string | null;
    orderId?: string | null;
    userMaskedId?: string;
    isPrivate?: boolean;
    isMail?: boolean;
    createdAt: number;
  },
): SimTopic {
  let topicId = random.hex(64);
  while (store.topics.has(topicId)) topicId = random.hex(64);
  const categoryId = input.categoryId ?? (input.qaType === 'item' ? 1 : 2);
  const topic: SimTopic = {
    topicId,
    title: input.title,
    qaType: input.qaType,
    categoryId,
    categoryName: SIM_CATEGORIES[categoryId] ?? 'その他',
    itemCode: input.itemCode ?? null,
    orderId: input.orderId ?? null,
    userMaskedId: input.userMaskedId ?? maskedId(random),
    isPrivate: input.isPrivate ?? false,
    isMail: input.isMail ?? false,
    isComplete: false,
    completeConditionId: null,
    isNoAnswer: true,
    isSellerUnRead: true,
    isUserUnRead: false,
    sellerLastReadTime: 0,
    userLastReadTime: input.createdAt,
    memo: null,
    messages: [],
  };
  store.topics.set(topicId, topic);
  return topic;
}

export interface YahooMallOptions {
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
}

/** The whole simulated mall: its stores, found by seller, client and token, its clock and random source. */
export class YahooMall {
  readonly settings: YahooSettings;
  readonly random: Random;
  readonly accessLifetimeSeconds: number;
  readonly rotateRefreshTokens: boolean;
  rateLimitMs: number;
  /**
   * Refuse externalTalkList's filters (requestFilter, dateType, startDate, endDate) with a 400: they are
   * in the official pages, but no public client is known to have used them against the live API.
   */
  refuseListFilters = false;
  advancedMs = 0;
  readonly stores = new Map<string, SimStore>();
  readonly storeByClient = new Map<string, SimStore>();
  readonly storeByAccessToken = new Map<string, SimStore>();
  readonly storeByRefreshToken = new Map<string, SimStore>();
  readonly #baseClock: { now(): Date };

  constructor(options: YahooMallOptions) {
    this.settings = yahooSettings(options.settings);
    this.#baseClock = options.clock ?? { now: () => new Date() };
    this.random = seededRandom(options.seed ?? 20261128);
    this.accessLifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3600;
    this.rotateRefreshTokens = options.rotateRefreshTokens ?? false;
    this.rateLimitMs = options.rateLimitMs ?? 0;
  }

  now(): Date {
    return new Date(this.#baseClock.now().getTime() + this.advancedMs);
  }
  nowMs(): number {
    return this.now().getTime();
  }
  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }
  token(prefix: string): string {
    return `${prefix}${randomBytes(24).toString('base64url')}`;
  }

  requireStore(sellerId: string): SimStore {
    const store = this.stores.get(sellerId);
    if (!store) throw new SimError(404, `unknown store ${sellerId}`);
    return store;
  }

  requireTopic(store: SimStore, topicId: string): SimTopic {
    const topic = store.topics.get(topicId);
    if (!topic) throw new SimError(404, `topicId is not found: ${topicId}`);
    return topic;
  }

  issueRefreshToken(store: SimStore): { refreshToken: string; issuedAt: Date } {
    const refreshToken = this.token('rt.');
    const issuedAt = this.nowMs();
    store.refreshTokens.set(refreshToken, issuedAt);
    this.storeByRefreshToken.set(refreshToken, store);
    return { refreshToken, issuedAt: new Date(issuedAt) };
  }

  refreshLifetimeMs(store: SimStore): number {
    return store.publicKeyAuth
      ? this.settings.yahooRefreshTokenLifetimeWithPublicKeyMs
      : this.settings.yahooRefreshTokenLifetimeWithoutPublicKeyMs;
  }
}
