/**
 * The Yahoo! externalTalk API behind the gateway (malls/yahoo.md): list, detail, post, read, complete,
 * private, file upload, download and delete under /ShoppingWebService/V1/, with the key-casing quirks,
 * Unix-second strings in detail and numbers in the list, the limits and the business error shape.
 */
import { Hono, type Context } from 'hono';
import { charCount } from '../../shared/mall-rules.ts';
import { COMPLETE_CONDITIONS, PATHS, type TalkDetailResponse, type TalkHeadline, type TalkListResponse } from '../../server/malls/yahoo/wire.ts';
import { xmlError, type Env } from './gateway.ts';
import {
  SimError,
  completeTopic,
  extensionOf,
  isUnanswered,
  sellerPostTime,
  statusOf,
  storeFile,
  storePosts,
  userPostTime,
  type SimStore,
  type SimTopic,
  type YahooMall,
} from './state.ts';

export const API_ROOT = '/ShoppingWebService';
const FILTERS = new Set(['all', 'unanswered', 'answered', 'completed']);

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

type StorePostFile = { fileName?: unknown; filePath?: unknown; fileExt?: unknown };

/** The API routes; `gateway()` must run in front of them (it sets the caller's store). */
export function apiRoutes(mall: YahooMall): Hono<Env> {
  const { settings, random } = mall;
  const nowSec = () => mall.nowSec();
  const requireTopic = (store: SimStore, topicId: string) => mall.requireTopic(store, topicId);
  const api = new Hono<Env>();

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
    if (mall.refuseListFilters && ['requestFilter', 'dateType', 'startDate', 'endDate'].some((name) => q(name) !== undefined)) {
      throw new SimError(400, 'requestFilter, dateType, startDate and endDate are not supported');
    }
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

  return api;
}
