/**
 * The composition root: the one place that builds the server. In order: the database (migrated),
 * the event hub, in demo mode the simulated malls, the mall side (client registry, sync engine and
 * scheduler, outbox worker), in demo mode the demo shop (seeded when the database is empty and
 * connected to the simulated malls), the app (which mounts the mall routes and the webhook itself,
 * and the demo pages when given), and finally the socket.
 *
 * Demo mode is chosen by the caller (`demo`); `npm start` (main.ts) picks it from the environment.
 * Production mode has no demo shop, no demo pages and no demo token. Nothing below this file imports
 * it; the simulators are reached only through malls/demo-malls.ts, in demo mode.
 *
 *   const server = await startServer({ dbUrl, jwtSecret, corsOrigins, demo: { malls: false } });
 *   … server.url, server.db, server.malls.syncNow(shop, 'rakuten') … await server.close();
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { signDemoToken } from './auth/jwt.ts';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Db, type DbKind } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createDemoPages } from './demo-pages/routes.ts';
import { ensureWidgetsBuilt } from './demo-pages/widget-files.ts';
import { DEMO_SECOND_MEMBER, DEMO_SHOP_ID, DEMO_STAFF, isDatabaseEmpty, seedDemoShop } from './demo/seed.ts';
import { createPostgresBus, type ClusterBus } from './events/cluster-bus.ts';
import { startPresenceSweep } from './presence/presence.service.ts';
import { createEventHub, type EventHub } from './events/event-hub.ts';
import { startDemoMalls, type DemoMalls, type DemoMallsOptions } from './malls/demo-malls.ts';
import { MallError } from './malls/mall-client.ts';
import { startMallSide, type MallSide, type MallSideConfig, type MallSideObserver } from './malls/mall-side.ts';
import type { Logger } from './ops/logger.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';

export interface DemoOptions {
  /**
   * The simulated malls the demo shop is connected to (its inquiries arrive through the sync), or
   * false: no simulators, the demo shop's inquiries come from the seed (tests).
   */
  malls: DemoMallsOptions | false;
}

export interface ComposeOptions extends ServerConfig {
  /** file path or postgres:// URL */
  dbUrl: string;
  /**
   * The mall side. Without a `secretKey`, one is made for this process (credentials sealed with it
   * cannot be read after a restart: tests only). Scheduled sync and outbox worker run by default.
   */
  malls?: Partial<MallSideConfig>;
  /** demo mode when given; production mode when absent or false */
  demo?: DemoOptions | false;
  /** built widget files for the demo pages (default `dist`) */
  distDir?: string;
  /**
   * Demo mode: build the widget files before the socket opens when they are missing (`npm start`), so
   * no first request waits for a build. Tests leave it off: their widget requests build on demand.
   */
  buildWidgets?: boolean;
  /** heartbeat interval of GET /events (tests shorten it) */
  sseHeartbeatMs?: number;
  /** how long `POST /malls/{mall}/sync` waits for the run before answering 202 */
  mallSyncWaitMs?: number;
  /** one JSON line per request and per background event (production); none when absent */
  logger?: Logger;
}

export interface Composition {
  mode: 'demo' | 'production';
  app: Hono;
  db: Db;
  dbKind: DbKind;
  hub: EventHub;
  malls: MallSide;
  metrics: Metrics;
  /** PostgreSQL: how the instances tell each other (events, sync requests, outbox wakes); SQLite: null */
  bus: ClusterBus | null;
  /** demo mode: the demo shop's token; production mode: null */
  demoToken: string | null;
  /** demo mode with simulated malls */
  demoMalls: DemoMalls | null;
  /** stops the mall side and the simulated malls, closes the database */
  close(): Promise<void>;
}

export interface StartOptions extends ComposeOptions {
  /** default 0 (a free port) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
}

export interface RunningServer extends Composition {
  url: string;
  port: number;
}

/** Builds everything but the socket. */
export async function compose(options: ComposeOptions): Promise<Composition> {
  const { db, kind, close: closeDb } = openDatabase(options.dbUrl);
  const log = options.logger;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    await closeDb();
  };
  try {
    await migrateToLatest(db);
    const bus = kind === 'postgres' ? await createPostgresBus({ db, url: options.dbUrl, onError: (error) => log?.warn({ err: error.message }, 'cluster bus') }) : null;
    if (bus) stops.push(() => bus.close());
    const hub = createEventHub({ bus: bus ?? undefined });
    const metrics = createMetrics({ db, hub });
    const demo = options.demo || null;
    const demoMalls = demo?.malls ? await startDemoMalls(demo.malls) : null;
    if (demoMalls) stops.push(() => demoMalls.stop());
    const mallConfig: MallSideConfig = {
      ...options.malls,
      secretKey: options.malls?.secretKey ?? randomBytes(32),
      endpoints: { ...options.malls?.endpoints, ...demoMalls?.endpoints },
    };
    if (demo) {
      // with simulated malls, the seed gives settings and templates; the inquiries come from the malls
      if (await isDatabaseEmpty(db)) await seedDemoShop(db, new Date(), { inquiries: !demoMalls });
      if (demoMalls) await demoMalls.connectDemoShop(db, DEMO_SHOP_ID, mallConfig.secretKey);
    }
    const malls = startMallSide({ db, hub, bus: bus ?? undefined, observer: mallObserver(metrics, log), config: mallConfig });
    stops.push(() => malls.stop());
    if (demo && options.buildWidgets) await ensureWidgetsBuilt(options.distDir ?? 'dist');
    const demoToken = demo ? signDemoToken(options.jwtSecret, DEMO_SHOP_ID, DEMO_STAFF) : null;
    // the second demo member, a staff, for trying two people side by side (?as=sato)
    const memberTokens = demo
      ? { [DEMO_SECOND_MEMBER.id]: { name: DEMO_SECOND_MEMBER.name, token: signDemoToken(options.jwtSecret, DEMO_SHOP_ID, DEMO_SECOND_MEMBER.name, { sub: DEMO_SECOND_MEMBER.id, role: 'staff' }) } }
      : undefined;
    const presenceSweep = startPresenceSweep(db, hub);
    stops.push(() => presenceSweep.stop());
    const app = createApp({
      db,
      hub,
      malls,
      config: {
        jwtSecret: options.jwtSecret,
        corsOrigins: options.corsOrigins,
        jwtMaxAgeSeconds: options.jwtMaxAgeSeconds,
        frameAncestors: options.frameAncestors,
        // the demo token is year-long: its shop is exempt from the token lifetime in demo mode only
        maxAgeExemptShop: 'maxAgeExemptShop' in options ? options.maxAgeExemptShop : demo ? DEMO_SHOP_ID : undefined,
      },
      sseHeartbeatMs: options.sseHeartbeatMs,
      mallSyncWaitMs: options.mallSyncWaitMs,
      logger: log,
      metrics,
      demoPages: demoToken
        ? createDemoPages({ demoToken, memberTokens, distDir: options.distDir ?? 'dist', orders: demoMalls ? () => demoMalls.orders() : undefined })
        : undefined,
    });
    let closed: Promise<void> | null = null;
    return {
      mode: demo ? 'demo' : 'production',
      app,
      db,
      dbKind: kind,
      hub,
      malls,
      metrics,
      bus,
      demoToken,
      demoMalls,
      close: () => (closed ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The mall side's background events as log lines and metrics: ids, states, counts and codes. */
function mallObserver(metrics: Metrics, log: Logger | undefined): MallSideObserver {
  return {
    mallCall(mall, error) {
      metrics.observeMallCall(mall ?? 'unknown', error === null ? null : errorCode(error));
    },
    syncFinished(result, ms) {
      metrics.observeSync(result.mall, result.ok);
      log?.info(
        { event: 'sync', account: result.accountId, mall: result.mall, ok: result.ok, seen: result.seen, created: result.created, newMessages: result.newMessages, error: result.error?.code, ms },
        'sync run',
      );
    },
    outboxSettled(row, state, error) {
      log?.info({ event: 'outbox', outbox: row.id, shop: row.shop_id, kind: row.kind, attempt: row.attempts, state, error: error ?? undefined }, 'outbox row settled');
    },
    leaseTakenOver(accountId, releasedRows) {
      metrics.observeLeaseTakeOver();
      log?.warn({ event: 'lease', account: accountId, releasedRows }, 'mall account lease taken over from a stopped instance');
    },
  };
}

function errorCode(error: unknown): string {
  if (error instanceof MallError) return error.details.mallCode ?? error.kind;
  return 'network';
}

/** Serves a composition on a socket; close() closes the socket first, then the composition. */
export async function listen(composition: Composition, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: composition.app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await composition.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  // the simulated Rakuten sends its user-action notifications to this server's webhook
  composition.demoMalls?.setNotificationUrl(`${url}/webhooks/rakuten/notification`);
  let closed: Promise<void> | null = null;
  return {
    ...composition,
    url,
    port,
    close: () =>
      (closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // open SSE streams would keep close() waiting
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await composition.close();
      })()),
  };
}

/** compose() and listen(): the whole server. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  return listen(await compose(options), { port: options.port, host: options.host });
}
