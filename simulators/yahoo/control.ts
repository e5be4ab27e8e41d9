/**
 * The simulator's control API: its in-process shape (`YahooSimulatorControl`, built by simulator.ts) and
 * the same operations as JSON over HTTP under /_sim/ for a developer and the demo. File bytes travel as
 * Base64; times as ISO 8601.
 */
import { Hono, type Context } from 'hono';
import type { KeyObject } from 'node:crypto';
import type { YahooSettings } from '../../server/malls/yahoo/settings.ts';
import type { YahooFaults } from './faults.ts';
import { SimError, statusOf, type SimFile, type SimRequest, type SimTopic } from './state.ts';

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
  /** refuse externalTalkList's filters (requestFilter, dateType, startDate, endDate) with a 400 */
  setListFiltersRefused(refused: boolean): void;
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

export function bytesView(file: SimFile): SimFileView {
  return { objectKey: file.objectKey, fileName: file.fileName, fileExt: file.fileExt, contentType: file.contentType, size: file.bytes.byteLength };
}

export function topicView(topic: SimTopic): SimTopicView {
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

interface WireFile {
  name: string;
  contentType?: string;
  base64: string;
}

function files(input: unknown): SimFileInput[] | undefined {
  if (!Array.isArray(input)) return undefined;
  return (input as WireFile[]).map((f) => ({
    name: String(f.name),
    contentType: f.contentType,
    bytes: new Uint8Array(Buffer.from(String(f.base64 ?? ''), 'base64')),
  }));
}

async function json(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SimError(400, 'body must be JSON');
  }
}

export function controlRoutes(control: YahooSimulatorControl): Hono {
  const sim = new Hono();
  sim.onError((error) => {
    const status = error instanceof SimError ? error.status : 500;
    return Response.json({ error: error.message }, { status });
  });

  sim.get('/stores', (c) => c.json({ stores: control.stores() }));
  sim.post('/stores', async (c) => {
    const body = await json(c);
    const credentials = control.addStore({
      sellerId: String(body.sellerId ?? ''),
      publicKeyAuth: body.publicKeyAuth as boolean | undefined,
      signatureRequired: body.signatureRequired as boolean | undefined,
    });
    return c.json(credentials, 201);
  });
  // A local simulator's demo credentials: handed to a developer so any client can be pointed at it.
  sim.get('/stores/:sellerId/credentials', (c) => c.json(control.credentials(c.req.param('sellerId'))));
  sim.get('/stores/:sellerId/topics', (c) => c.json({ topics: control.topics(c.req.param('sellerId')) }));
  sim.post('/stores/:sellerId/topics', async (c) => {
    const body = await json(c);
    const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
    const input: AddTopicInput = {
      ...(body as unknown as AddTopicInput),
      messages: messages.map((m) => ({
        from: m.from === 'shop' ? 'shop' : 'customer',
        body: String(m.body ?? ''),
        at: typeof m.at === 'string' ? new Date(m.at) : undefined,
        files: files(m.files),
      })),
    };
    return c.json({ topicId: control.addTopic(c.req.param('sellerId'), input) }, 201);
  });
  sim.get('/stores/:sellerId/topics/:topicId', (c) => {
    const topic = control.topic(c.req.param('sellerId'), c.req.param('topicId'));
    return topic ? c.json(topic) : c.json({ error: 'unknown topic' }, 404);
  });
  sim.post('/stores/:sellerId/topics/:topicId/messages', async (c) => {
    const body = await json(c);
    const messageId = control.addCustomerMessage(c.req.param('sellerId'), c.req.param('topicId'), {
      body: String(body.body ?? ''),
      at: typeof body.at === 'string' ? new Date(body.at) : undefined,
      files: files(body.files),
    });
    return c.json({ messageId }, 201);
  });
  sim.get('/stores/:sellerId/requests', (c) => c.json({ requests: control.requests(c.req.param('sellerId')) }));
  sim.delete('/stores/:sellerId/requests', (c) => {
    control.clearRequests(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/authorize', (c) => c.json(control.authorize(c.req.param('sellerId'))));
  sim.post('/stores/:sellerId/revoke', (c) => {
    control.revokeTokens(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/expire-access-tokens', (c) => {
    control.expireAccessTokens(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/rotate-key', (c) => c.json(control.rotateKey(c.req.param('sellerId'))));
  sim.get('/faults', (c) => c.json(control.faults()));
  sim.put('/faults', async (c) => {
    control.setFaults((await json(c)) as Partial<YahooFaults>);
    return c.json(control.faults());
  });
  sim.delete('/faults', (c) => {
    control.clearFaults();
    return c.json(control.faults());
  });
  sim.put('/rate-limit', async (c) => {
    const body = await json(c);
    control.setRateLimit(Number(body.minIntervalMs ?? 0));
    return c.json({ minIntervalMs: Number(body.minIntervalMs ?? 0) });
  });
  sim.put('/list-filters', async (c) => {
    const refused = (await json(c)).refused === true;
    control.setListFiltersRefused(refused);
    return c.json({ refused });
  });
  sim.get('/clock', (c) => c.json({ now: control.now().toISOString() }));
  sim.put('/clock', async (c) => {
    const body = await json(c);
    return c.json({ now: control.advanceTime(Number(body.advanceMs ?? 0)).toISOString() });
  });
  sim.patch('/stores/:sellerId', async (c) => {
    const body = await json(c);
    if (typeof body.signatureRequired === 'boolean') control.setSignatureRequired(c.req.param('sellerId'), body.signatureRequired);
    return c.json({ status: 'ok' });
  });
  sim.post('/generate', async (c) => {
    const body = await json(c);
    return c.json(
      control.generate({
        sellerId: String(body.sellerId ?? ''),
        newTopics: Number(body.newTopics ?? 1),
        followUps: Number(body.followUps ?? 0),
        orders: Array.isArray(body.orders) ? (body.orders as string[]) : undefined,
      }),
    );
  });
  return sim;
}
