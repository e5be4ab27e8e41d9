/**
 * Shared set-up for the Yahoo! contract tests: a simulator with one store, and a client wired to it
 * in-process (its fetch is the simulator's app.fetch), both on one movable clock.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createYahooClient, type YahooClient, type YahooClientOptions, type YahooCredentials } from '../../../server/malls/yahoo/client.ts';
import { RequestGate } from '../../../server/malls/request-gate.ts';
import {
  createYahooSimulator,
  simulatorFetch,
  type AddStoreInput,
  type YahooSimulator,
  type YahooSimulatorOptions,
  type YahooStoreCredentials,
} from '../../../simulators/yahoo/simulator.ts';

export const BASE = 'http://yahoo.sim.test';

export interface MovableClock {
  now(): Date;
  advance(ms: number): void;
}

export function movableClock(startIso = '2026-11-20T03:00:00Z'): MovableClock {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

let sharedKeys: { publicKeyPem: string; privateKey: KeyObject } | null = null;
/** One 2048-bit pair for the whole run: generating one per test would cost half a second each. */
export function testKeyPair(): { publicKeyPem: string; privateKey: KeyObject } {
  if (!sharedKeys) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sharedKeys = { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
  }
  return sharedKeys;
}

export function credentialsFrom(store: YahooStoreCredentials): YahooCredentials {
  return {
    sellerId: store.sellerId,
    clientId: store.clientId,
    clientSecret: store.clientSecret,
    refreshToken: store.refreshToken,
    refreshTokenIssuedAt: store.refreshTokenIssuedAt,
    publicKey: store.publicKey,
  };
}

export interface Setup {
  sim: YahooSimulator;
  store: YahooStoreCredentials;
  client: YahooClient;
  clock: MovableClock;
  sellerId: string;
  makeClient(overrides?: Partial<YahooClientOptions>): YahooClient;
}

export function setup(
  input: { sim?: YahooSimulatorOptions; store?: Partial<AddStoreInput>; client?: Partial<YahooClientOptions> } = {},
): Setup {
  const clock = movableClock();
  const sim = createYahooSimulator({ clock, seed: 7, ...input.sim });
  const sellerId = input.store?.sellerId ?? 'goq-test';
  const store = sim.control.addStore({ sellerId, keyPair: testKeyPair(), ...input.store });
  const makeClient = (overrides: Partial<YahooClientOptions> = {}) =>
    createYahooClient({
      credentials: credentialsFrom(store),
      baseUrl: BASE,
      authBaseUrl: BASE,
      gate: new RequestGate({ minIntervalMs: 0 }),
      clock,
      fetch: simulatorFetch(sim.app),
      timeoutMs: 2000,
      ...input.client,
      ...overrides,
    });
  return { sim, store, client: makeClient(), clock, sellerId, makeClient };
}

/** A question from a customer, optionally answered by the shop. */
export function addQuestion(
  s: Setup,
  input: { title?: string; orderId?: string | null; itemCode?: string | null; answered?: boolean; at?: Date } = {},
): string {
  const at = input.at ?? s.clock.now();
  const messages: Array<{ from: 'customer' | 'shop'; body: string; at: Date }> = [
    { from: 'customer', body: '注文した商品はいつ届きますか。', at },
  ];
  if (input.answered) messages.push({ from: 'shop', body: '明日発送いたします。', at: new Date(at.getTime() + 60_000) });
  return s.sim.control.addTopic(s.sellerId, {
    title: input.title ?? '配送について',
    orderId: input.orderId === undefined ? `${s.sellerId}-10000001` : input.orderId,
    itemCode: input.itemCode ?? null,
    messages,
  });
}

export const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);
