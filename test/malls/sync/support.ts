/**
 * The mall side against both simulators, in-process: a fresh database (SQLite, and PostgreSQL when it
 * answers), the two simulators with one store each, the mall side started on them (no schedule, no
 * background worker: tests drive runs), and the app with the mall routes and the webhook mounted.
 * Each test file runs its suite once per database kind (`forEachDatabase`).
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import type { Hono } from 'hono';
import pg from 'pg';
import type { Mall } from '../../../shared/api.ts';
import { createApp } from '../../../server/app.ts';
import type { Db, DbKind } from '../../../server/db/database.ts';
import { createEventHub, type EventHub } from '../../../server/events/event-hub.ts';
import { createRakutenSimulator, type RakutenSimulator } from '../../../simulators/rakuten/simulator.ts';
import { startMallSide, type MallSide, type MallSideConfig } from '../../../server/malls/mall-side.ts';
import {
  createYahooSimulator,
  simulatorFetch,
  type YahooSimulator,
  type YahooStoreCredentials,
} from '../../../simulators/yahoo/simulator.ts';
import { testKeyPair } from '../yahoo/helpers.ts';
import { createTestDatabase, signedRequests, TEST_PG_URL, TEST_SECRET, type SignedRequests, type TestDatabase } from '../../server/support/context.ts';

export { createTestDatabase, newShopId, type TestDatabase } from '../../server/support/context.ts';

export const DAY = 24 * 60 * 60 * 1000;

export const RAKUTEN_SHOP = 373343;
export const RAKUTEN_SECRET = 'SP373343_syncTestSecret';
export const RAKUTEN_LICENCE = 'SL373343_syncTestLicence';
export const RAKUTEN_AUTH_KEY = 'notify-auth-key-0123456789';
export const SELLER_ID = 'goq-sync-test';
export const RAKUTEN_ORIGIN = 'http://rakuten.sim.test';
export const YAHOO_ORIGIN = 'http://yahoo.sim.test';

/** The clients' endpoints for the two in-process simulators (no sockets). */
export function simulatorEndpoints(rakuten: RakutenSimulator, yahoo: YahooSimulator, timeoutMs = 2000) {
  return {
    rakutenBaseUrl: `${RAKUTEN_ORIGIN}${rakuten.paths.inquiry}`,
    rakutenLicenseBaseUrl: `${RAKUTEN_ORIGIN}${rakuten.paths.license}`,
    rakutenFetch: rakuten.fetch,
    yahooBaseUrl: YAHOO_ORIGIN,
    yahooAuthBaseUrl: YAHOO_ORIGIN,
    yahooFetch: simulatorFetch(yahoo.app),
    timeoutMs,
  };
}

/** What a shop enters to connect the test store of each simulated mall. */
export function mallCredentials(mall: Mall, yahooStore: YahooStoreCredentials): Record<string, unknown> {
  return mall === 'rakuten'
    ? { serviceSecret: RAKUTEN_SECRET, licenseKey: RAKUTEN_LICENCE, shopId: String(RAKUTEN_SHOP), authKey: RAKUTEN_AUTH_KEY }
    : {
        sellerId: yahooStore.sellerId,
        clientId: yahooStore.clientId,
        clientSecret: yahooStore.clientSecret,
        refreshToken: yahooStore.refreshToken,
        publicKeyPem: yahooStore.publicKey!.pem,
        publicKeyVersion: yahooStore.publicKey!.version,
      };
}

let pgAnswers: Promise<boolean> | null = null;
function postgresAnswers(): Promise<boolean> {
  pgAnswers ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgAnswers;
}

/**
 * Runs `suite` once on SQLite and once on PostgreSQL. PostgreSQL is skipped with a notice when it
 * does not answer, unless GOQ_REQUIRE_PG=1 (CI), where that is a failure.
 */
export function forEachDatabase(title: string, suite: (kind: DbKind) => void): void {
  describe(`${title} [sqlite]`, () => suite('sqlite'));
  describe(`${title} [postgres]`, async () => {
    if (!(await postgresAnswers())) {
      if (process.env.GOQ_REQUIRE_PG === '1') throw new Error(`PostgreSQL does not answer at ${TEST_PG_URL}`);
      console.log(`NOTICE: PostgreSQL does not answer at ${TEST_PG_URL}: "${title}" skipped on postgres`);
      return;
    }
    suite('postgres');
  });
}

export interface MallHarness extends SignedRequests {
  database: TestDatabase;
  db: Db;
  hub: EventHub;
  app: Hono;
  side: MallSide;
  rakuten: RakutenSimulator;
  yahoo: YahooSimulator;
  yahooStore: YahooStoreCredentials;
  secretKey: Buffer;
  /** connects the shop's account of that mall to its simulator store through PUT /api/v1/malls/{mall} */
  connect(shop: string, mall: Mall, extra?: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export async function createMallHarness(
  kind: DbKind,
  options: { config?: Partial<MallSideConfig>; rakutenApproved?: boolean; timeoutMs?: number } = {},
): Promise<MallHarness> {
  const database = await createTestDatabase(kind);
  const hub = createEventHub();
  const clock = { now: () => new Date() };
  // the simulator's notifications reach the app in-process
  let appRef: Hono | null = null;
  const rakuten = createRakutenSimulator({
    clock,
    notifyFetch: async (input, init) => (appRef ? appRef.request(input, init) : new Response('not ready', { status: 503 })),
  });
  rakuten.control.addStore({
    shopId: RAKUTEN_SHOP,
    serviceSecret: RAKUTEN_SECRET,
    licenseKey: RAKUTEN_LICENCE,
    shopUrl: 'goq-sync',
    userActionNotificationApproved: options.rakutenApproved ?? false,
    notification: { authKey: RAKUTEN_AUTH_KEY, url: 'http://goq.test/webhooks/rakuten/notification' },
  });
  const yahoo = createYahooSimulator({ clock, seed: 11 });
  const yahooStore = yahoo.control.addStore({ sellerId: SELLER_ID, keyPair: testKeyPair() });
  const secretKey = randomBytes(32);
  const side = startMallSide({
    db: database.db,
    hub,
    config: {
      secretKey,
      minIntervalMs: 0,
      schedule: false,
      outboxWorker: false,
      endpoints: simulatorEndpoints(rakuten, yahoo, options.timeoutMs),
      ...options.config,
    },
  });
  const app = createApp({
    db: database.db,
    hub,
    malls: side,
    mallSyncWaitMs: 10_000,
    config: { jwtSecret: TEST_SECRET, corsOrigins: [] },
  });
  appRef = app;
  const { token, request } = signedRequests(app, '担当 花子');
  const connect = (shop: string, mall: Mall, extra: Record<string, unknown> = {}) => {
    const credentials = mallCredentials(mall, yahooStore);
    return request(shop, `/api/v1/malls/${mall}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ credentials: { ...credentials, ...extra } }),
    });
  };
  return {
    database,
    db: database.db,
    hub,
    app,
    side,
    rakuten,
    yahoo,
    yahooStore,
    secretKey,
    token,
    request,
    connect,
    async close() {
      await side.stop();
      await rakuten.control.close();
      yahoo.control.stopGenerator();
      await database.close();
    },
  };
}

/** Everything the database holds for a shop's inquiries, for before/after comparisons. */
export async function snapshot(db: Db, shopId: string) {
  const inquiries = await db.selectFrom('inquiries').selectAll().where('shop_id', '=', shopId).orderBy('id').execute();
  const messages = await db.selectFrom('messages').selectAll().where('shop_id', '=', shopId).orderBy('id').execute();
  const attachments = await db.selectFrom('attachments').select(['id', 'message_id', 'name', 'size']).where('shop_id', '=', shopId).orderBy('id').execute();
  return { inquiries, messages, attachments };
}
