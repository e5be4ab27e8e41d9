/**
 * A faithful local Yahoo! Shopping externalTalk API (malls/yahoo.md): the same paths under
 * /ShoppingWebService/V1/, the YConnect token endpoint, Bearer and public-key checks, the key-casing quirks,
 * Unix-second strings in detail and numbers in the list, the limits and the error shapes. State is in memory.
 *
 * createYahooSimulator() returns { app, control }: `app` is a Hono app (hand `app.fetch` to a client in tests,
 * or serve it with @hono/node-server), `control` adds stores and inquiries, plays the customer, reads what
 * arrived and injects faults. The same control API is served as JSON under /_sim/ (control.ts).
 */
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { API_ROOT, apiRoutes } from './api.ts';
import { controlRoutes, topicView, type SimFileInput, type YahooSimulatorControl, type YahooStoreCredentials } from './control.ts';
import { YahooFaultState } from './faults.ts';
import { gateway, reasonError, tokenRoute, xmlError, type Env } from './gateway.ts';
import { generateFollowUp, generateTopic } from './generator.ts';
import {
  SimError,
  YahooMall,
  completeTopic,
  createTopic,
  customerPosts,
  newKeyPair,
  storeFile,
  storePosts,
  type NewFile,
  type SimStore,
  type YahooMallOptions,
} from './state.ts';

export type {
  AddStoreInput,
  AddTopicInput,
  SimFileInput,
  SimFileView,
  SimTopicView,
  YahooPublicKeyFacts,
  YahooSimulatorControl,
  YahooStoreCredentials,
} from './control.ts';
export type { YahooFaults } from './faults.ts';

/** The mall's options (clock, settings, rate limit, tokens, seed) and the simulator's own. */
export interface YahooSimulatorOptions extends YahooMallOptions {
  /**
   * Decrypt and check every X-sws-signature (default true). A benchmark of sync throughput may turn it off:
   * RSA decryption costs about 0.4 ms a call; a present signature with a known version is then taken as valid.
   */
  verifySignatures?: boolean;
}

export interface YahooSimulator {
  app: Hono;
  control: YahooSimulatorControl;
  /** `app.fetch` shaped for createYahooClient's `fetch` option (in-process, no socket) */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

export function createYahooSimulator(options: YahooSimulatorOptions = {}): YahooSimulator {
  const mall = new YahooMall(options);
  const { settings, random, stores, storeByClient, storeByAccessToken, storeByRefreshToken } = mall;
  const faults = new YahooFaultState();
  let generatorTimer: ReturnType<typeof setInterval> | null = null;
  const credentialsByStore = new Map<string, YahooStoreCredentials>();
  const clock = { now: () => mall.now() };
  const nowMs = () => mall.nowMs();
  const nowSec = () => mall.nowSec();
  const requireStore = (sellerId: string) => mall.requireStore(sellerId);
  const requireTopic = (store: SimStore, topicId: string) => mall.requireTopic(store, topicId);
  const issueRefreshToken = (store: SimStore) => mall.issueRefreshToken(store);

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

    setFaults: (next) => faults.set(next),

    clearFaults: () => faults.clear(),

    faults: () => ({ ...faults.current }),

    now: () => clock.now(),

    advanceTime(ms) {
      mall.advancedMs += ms;
      return clock.now();
    },

    setRateLimit(ms) {
      mall.rateLimitMs = ms;
    },

    setListFiltersRefused(refused) {
      mall.refuseListFilters = refused;
    },

    generate({ sellerId, newTopics = 1, followUps = 0, orders = [] }) {
      const store = requireStore(sellerId);
      const created: string[] = [];
      const followedUp: string[] = [];
      for (let i = 0; i < newTopics; i++) {
        const g = generateTopic(random, sellerId, orders);
        // an order someone already wrote about: the same customer writes again, about the order's item
        const known = g.orderId ? [...store.topics.values()].find((t) => t.orderId === g.orderId) : undefined;
        created.push(
          control.addTopic(sellerId, {
            title: g.title,
            qaType: g.qaType,
            categoryId: g.categoryId,
            itemCode: known?.itemCode ?? g.itemCode,
            orderId: g.orderId,
            ...(known ? { userMaskedId: known.userMaskedId } : {}),
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

  const app = new Hono<Env>();

  app.onError((error) => {
    if (error instanceof SimError) {
      // Auth and permission refusals come from the gateway (XML with a px- code); business errors from the API.
      if (error.status === 401 || error.status === 403) return xmlError(error.status, error.reason, error.code);
      return reasonError(error.status, error.reason);
    }
    return xmlError(500, 'Internal Server Error', null);
  });


  tokenRoute(app, mall);
  app.route('/_sim', controlRoutes(control));

  const api = new Hono<Env>();
  api.use(`${API_ROOT}/*`, gateway(mall, faults, options.verifySignatures !== false));
  api.route('/', apiRoutes(mall));
  // Anything else under the API, a reopen included (there is none), is an unknown URL.
  api.all(`${API_ROOT}/*`, () => xmlError(404, 'URL does not exist', 'px-04400'));

  app.route('/', api);
  app.notFound(() => xmlError(404, 'URL does not exist', 'px-04400'));

  return { app: app as unknown as Hono, control, fetch: simulatorFetch(app as unknown as Hono) };
}

/** A fetch for createYahooClient that calls the simulator in-process. */
export function simulatorFetch(app: Hono): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => app.fetch(new Request(url, init));
}
