/**
 * A Rakuten simulator with one store and a client pointed at it through `app.fetch`, at a fixed time
 * that the test can move.
 */
import { RequestGate } from '../../../server/malls/request-gate.ts';
import { createRakutenClient, type RakutenClient, type RakutenClientOptions } from '../../../server/malls/rakuten/client.ts';
import { createRakutenSimulator, type RakutenSimulator, type RakutenSimulatorOptions } from '../../../simulators/rakuten/simulator.ts';

export const SHOP_ID = 373343;
export const SERVICE_SECRET = 'SP373343_6pQ2xTestSecret';
export const LICENSE_KEY = 'SL373343_9fKe1TestLicence';
export const ORIGIN = 'http://rakuten.test';
/** 2026-11-20 12:00 JST */
export const T0 = new Date('2026-11-20T03:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

export interface Harness {
  sim: RakutenSimulator;
  client: RakutenClient;
  makeClient(overrides?: Partial<RakutenClientOptions>): RakutenClient;
  /** raw call to the simulator with the store's ESA header */
  raw(path: string, init?: RequestInit & { auth?: string | null }): Promise<Response>;
  esa: string;
}

export function harness(options: RakutenSimulatorOptions = {}, clientOptions: Partial<RakutenClientOptions> = {}): Harness {
  const sim = createRakutenSimulator({ clock: { now: () => new Date(T0) }, ...options });
  sim.control.addStore({ shopId: SHOP_ID, serviceSecret: SERVICE_SECRET, licenseKey: LICENSE_KEY, shopUrl: 'goq-demo' });
  const makeClient = (overrides: Partial<RakutenClientOptions> = {}) =>
    createRakutenClient({
      serviceSecret: SERVICE_SECRET,
      licenseKey: LICENSE_KEY,
      baseUrl: `${ORIGIN}${sim.paths.inquiry}`,
      licenseBaseUrl: `${ORIGIN}${sim.paths.license}`,
      gate: new RequestGate({ minIntervalMs: 0 }),
      fetch: sim.fetch,
      clock: sim.control.clock,
      timeoutMs: 2000,
      ...clientOptions,
      ...overrides,
    });
  const esa = `ESA ${Buffer.from(`${SERVICE_SECRET}:${LICENSE_KEY}`).toString('base64')}`;
  const raw = (path: string, init: RequestInit & { auth?: string | null } = {}) => {
    const { auth, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (auth !== null) headers.set('Authorization', auth ?? esa);
    if (!headers.has('Content-Type') && typeof rest.body === 'string') headers.set('Content-Type', 'application/json; charset=utf-8');
    return sim.fetch(`${ORIGIN}${path.startsWith('/_sim') || path.startsWith('/es/') ? path : sim.paths.inquiry + path}`, { ...rest, headers });
  };
  return { sim, client: makeClient(), makeClient, raw, esa };
}

/** A minimal valid PNG (1×1), for upload tests. */
export const PNG_1x1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
