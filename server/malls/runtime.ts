/**
 * The mall side of the server, composed: one client per account (shared gate), the sync engine and
 * its scheduler, the outbox worker, and what the routes need of them.
 *
 *   const side = startMallSide({ db, hub, config });
 *   createApp({ ..., apiRoutes: [{ path: '/malls', routes: mallAccountsRoutes(() => side) }],
 *               publicRoutes: [{ path: '/webhooks/rakuten', routes: rakutenWebhookRoutes(() => side) }] });
 *   await side.syncNow(shopId, 'rakuten'); ... await side.stop();
 */
import type { Hono } from 'hono';
import type { Mall } from '../../shared/api.ts';
import { signDemoToken } from '../auth/jwt.ts';
import type { Db } from '../db/database.ts';
import { DEMO_SHOP_ID, DEMO_STAFF, isDatabaseEmpty, seedDemoShop } from '../demo/seed.ts';
import { createDemoPages } from '../demo-pages/routes.ts';
import type { StartOptions } from '../server.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ClientRegistry } from './accounts/client-registry.ts';
import { loadMallEnvConfig as mallEndpointsFromEnv } from '../config.ts';
import { createMallClientFactory, type MallEndpoints } from './accounts/mall-client-factory.ts';
import { findAccount } from './accounts/mall-accounts.repository.ts';
import { mallAccountsRoutes, type MallRouteContext } from './accounts/mall-accounts.routes.ts';
import { loadOrCreateSecretKey, parseSecretKey } from './credentials-crypto.ts';
import { OutboxWorker, type OutboxSettings } from './outbox/outbox-worker.ts';
import { AccountLock } from './sync/account-lock.ts';
import { SyncEngine, type SyncRunResult } from './sync/sync-engine.ts';
import { SyncScheduler } from './sync/sync-scheduler.ts';
import { syncSettings, type SyncSettings } from './sync/sync-settings.ts';
import { startDemoMalls } from './demo-malls.ts';
import { rakutenWebhookRoutes, type WebhookContext } from './webhook/rakuten-notification.routes.ts';

export interface MallSideConfig {
  /** the 32-byte key sealing credentials (GOQ_SECRET_KEY) */
  secretKey: Buffer;
  endpoints?: MallEndpoints;
  /** per-account spacing of calls; 1000 ms by default, 0 in tests (GOQ_MALL_MIN_INTERVAL_MS) */
  minIntervalMs?: number;
  sync?: Partial<SyncSettings>;
  outbox?: Partial<OutboxSettings>;
  /** run the scheduled sync (default true); tests drive runs themselves */
  schedule?: boolean;
  /** run the outbox worker (default true) */
  outboxWorker?: boolean;
  now?: () => Date;
}

export interface MallSide extends MallRouteContext, WebhookContext {
  readonly engine: SyncEngine;
  readonly worker: OutboxWorker;
  readonly scheduler: SyncScheduler;
  readonly clients: ClientRegistry;
  /** a sync run of the shop's account of that mall now (or right after the one in progress); null when not connected */
  syncNow(shopId: string, mall: Mall): Promise<SyncRunResult | null>;
  stop(): Promise<void>;
}

export function startMallSide(options: { db: Db; hub?: EventHub; config: MallSideConfig }): MallSide {
  const { db, hub, config } = options;
  const lock = new AccountLock();
  const clients = new ClientRegistry({
    db,
    secretKey: config.secretKey,
    factory: createMallClientFactory(config.endpoints ?? {}),
    minIntervalMs: config.minIntervalMs ?? 1000,
  });
  const settings = syncSettings(config.sync);
  const engine = new SyncEngine({ db, hub, clients, settings, now: config.now });
  const scheduler = new SyncScheduler({ db, engine, lock, intervalMs: settings.intervalMs });
  const worker = new OutboxWorker({ db, hub, clients, lock, settings: config.outbox, now: config.now });
  if (config.schedule ?? true) scheduler.start();
  if (config.outboxWorker ?? true) worker.start();

  return {
    db,
    secretKey: config.secretKey,
    engine,
    worker,
    scheduler,
    clients,
    async syncNow(shopId, mall) {
      const account = await findAccount(db, shopId, mall);
      if (!account) return null;
      return scheduler.request(account.id);
    },
    requestSync(accountId) {
      void scheduler.request(accountId).catch((error) => console.error('[goq] requested sync failed:', error));
    },
    credentialsChanged(accountId) {
      clients.forget(accountId);
    },
    async stop() {
      await Promise.all([scheduler.stop(), worker.stop()]);
    },
  };
}

/** The mall side's configuration from the environment (`npm start`). */
export function mallSideConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv): MallSideConfig {
  const intervalMs = env.GOQ_SYNC_INTERVAL_MS ? Number(env.GOQ_SYNC_INTERVAL_MS) : undefined;
  if (intervalMs !== undefined && !(Number.isFinite(intervalMs) && intervalMs >= 1000)) {
    throw new Error('GOQ_SYNC_INTERVAL_MS must be a number of milliseconds, at least 1000');
  }
  const minIntervalMs = env.GOQ_MALL_MIN_INTERVAL_MS ? Number(env.GOQ_MALL_MIN_INTERVAL_MS) : undefined;
  if (minIntervalMs !== undefined && !(Number.isFinite(minIntervalMs) && minIntervalMs >= 0)) {
    throw new Error('GOQ_MALL_MIN_INTERVAL_MS must be a number of milliseconds');
  }
  return {
    secretKey: env.GOQ_SECRET_KEY ? parseSecretKey(env.GOQ_SECRET_KEY) : loadOrCreateSecretKey(dataDir, env),
    endpoints: mallEndpointsFromEnv(env),
    minIntervalMs,
    sync: intervalMs !== undefined ? { intervalMs } : {},
  };
}

/**
 * What `npm start` adds to startServer: the mall side (accounts API, webhook, sync schedule, outbox
 * worker), and, unless real mall base URLs are configured or GOQ_DEMO_MALLS=0, the demo malls: both
 * simulators in-process (GOQ_SIM_RAKUTEN_PORT 8788, GOQ_SIM_YAHOO_PORT 8789) with new customer messages
 * every GOQ_DEMO_GENERATE_MS (120000), the demo shop connected to them, and the demo pages listing
 * their orders. `afterListen` tells the Rakuten simulator where the webhook is.
 */
export async function mallStartOptions(
  env: NodeJS.ProcessEnv,
  config: { dataDir: string; jwtSecret: string; distDir: string },
): Promise<{
  options: Pick<StartOptions, 'seed' | 'demo' | 'extend'>;
  afterListen(server: { url: string }): void;
  describe(): string[];
}> {
  const mallConfig = mallSideConfigFromEnv(config.dataDir, env);
  const realMalls = Boolean(env.GOQ_RAKUTEN_BASE_URL || env.GOQ_YAHOO_BASE_URL);
  const wantDemo = env.GOQ_DEMO_MALLS ? env.GOQ_DEMO_MALLS !== '0' : !realMalls;
  const demoMalls = wantDemo
    ? await startDemoMalls({
        rakutenPort: Number(env.GOQ_SIM_RAKUTEN_PORT ?? 8788),
        yahooPort: Number(env.GOQ_SIM_YAHOO_PORT ?? 8789),
        generateEveryMs: Number(env.GOQ_DEMO_GENERATE_MS ?? 120_000),
      })
    : null;
  if (demoMalls) mallConfig.endpoints = { ...mallConfig.endpoints, ...demoMalls.endpoints };
  let side: MallSide | null = null;
  const extend: NonNullable<StartOptions['extend']> = async ({ db, hub }) => {
    const publicRoutes: { path: string; routes: Hono<any> }[] = [{ path: '/webhooks/rakuten', routes: rakutenWebhookRoutes(() => side) }];
    if (demoMalls) {
      // settings and templates from the seed; the inquiries come from the simulated malls
      if (await isDatabaseEmpty(db)) await seedDemoShop(db, new Date(), { inquiries: false });
      await demoMalls.connectDemoShop(db, DEMO_SHOP_ID, mallConfig.secretKey);
      const demoToken = signDemoToken(config.jwtSecret, DEMO_SHOP_ID, DEMO_STAFF);
      publicRoutes.push({ path: '/', routes: createDemoPages({ demoToken, distDir: config.distDir, orders: () => demoMalls.orders() }) });
    }
    side = startMallSide({ db, hub, config: mallConfig });
    return {
      apiRoutes: [{ path: '/malls', routes: mallAccountsRoutes(() => side) }],
      publicRoutes,
      async stop() {
        await side?.stop();
        await demoMalls?.stop();
      },
    };
  };
  return {
    // with the demo malls, the demo shop and the demo pages are composed in `extend`
    options: demoMalls ? { seed: false, demo: false, extend } : { extend },
    afterListen(server) {
      demoMalls?.setNotificationUrl(`${server.url}/webhooks/rakuten/notification`);
    },
    describe() {
      return demoMalls
        ? [
            `Demo malls: Rakuten simulator ${demoMalls.rakutenOrigin} (control: /_sim/), Yahoo! simulator ${demoMalls.yahooOrigin} (control: /_sim/)`,
          ]
        : [];
    },
  };
}
