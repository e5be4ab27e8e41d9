/**
 * Starts the server: opens and migrates the database, seeds the demo shop when empty, builds the app
 * and listens. Returns what tests and the later composition (mall simulators, sync, outbox) need.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from './app.ts';
import { signDemoToken } from './auth/jwt.ts';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Db, type DbKind } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { fallbackDemoPage } from './demo/fallback-page.ts';
import { DEMO_SHOP_ID, DEMO_STAFF, isDatabaseEmpty, seedDemoShop } from './demo/seed.ts';
import { createEventHub, type EventHub } from './events/event-hub.ts';

export interface StartOptions extends ServerConfig {
  /** file path or postgres:// URL */
  dbUrl: string;
  port?: number;
  host?: string;
  /** seed the demo shop when the database is empty (default true) */
  seed?: boolean;
  /** mount the demo pages (default true) */
  demo?: boolean;
  /** built widget files for the demo pages */
  distDir?: string;
  apiRoutes?: AppOptions['apiRoutes'];
  publicRoutes?: AppOptions['publicRoutes'];
  sseHeartbeatMs?: number;
  /**
   * Composes more parts (e.g. the mall sync and outbox) once the database is migrated and the hub
   * exists, before the app is built; their routes are mounted and `stop` runs on close().
   */
  extend?: (ctx: { db: Db; hub: EventHub; dbKind: DbKind }) => ServerExtension | Promise<ServerExtension>;
}

export interface ServerExtension {
  apiRoutes?: AppOptions['apiRoutes'];
  publicRoutes?: AppOptions['publicRoutes'];
  stop?(): Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  app: Hono;
  db: Db;
  dbKind: DbKind;
  hub: EventHub;
  demoToken: string;
  close(): Promise<void>;
}

const demoPagesModule = fileURLToPath(new URL('./demo-pages/routes.ts', import.meta.url));

/** The widget demo pages when that module is present, else the plain API listing. */
async function demoRoutes(db: Db, demoToken: string, distDir: string): Promise<Hono<any>> {
  if (existsSync(demoPagesModule)) {
    const mod = (await import(demoPagesModule)) as { createDemoPages?: (opts: { demoToken: string; distDir: string }) => Hono<any> };
    if (typeof mod.createDemoPages === 'function') return mod.createDemoPages({ demoToken, distDir });
  }
  return fallbackDemoPage({ db, demoToken });
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { db, kind, close: closeDb } = openDatabase(options.dbUrl);
  try {
    await migrateToLatest(db);
    if ((options.seed ?? true) && (await isDatabaseEmpty(db))) await seedDemoShop(db);
  } catch (error) {
    await closeDb();
    throw error;
  }
  const hub = createEventHub();
  let extension: ServerExtension = {};
  let server: ServerType;
  let app: Hono;
  const demoToken = signDemoToken(options.jwtSecret, DEMO_SHOP_ID, DEMO_STAFF);
  try {
    extension = (await options.extend?.({ db, hub, dbKind: kind })) ?? {};
    const publicRoutes = [...(options.publicRoutes ?? []), ...(extension.publicRoutes ?? [])];
    if (options.demo ?? true) publicRoutes.push({ path: '/', routes: await demoRoutes(db, demoToken, options.distDir ?? 'dist') });
    app = createApp({
      db,
      hub,
      config: {
        jwtSecret: options.jwtSecret,
        corsOrigins: options.corsOrigins,
        jwtMaxAgeSeconds: options.jwtMaxAgeSeconds,
        frameAncestors: options.frameAncestors,
        // the demo token is year-long; until start-up knows demo mode from production, the demo shop is exempt
        maxAgeExemptShop: 'maxAgeExemptShop' in options ? options.maxAgeExemptShop : DEMO_SHOP_ID,
      },
      apiRoutes: [...(options.apiRoutes ?? []), ...(extension.apiRoutes ?? [])],
      publicRoutes,
      sseHeartbeatMs: options.sseHeartbeatMs,
    });
    const host = options.host ?? '127.0.0.1';
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await extension.stop?.();
    await closeDb();
    throw error;
  }
  const host = options.host ?? '127.0.0.1';
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let closed = false;
  return {
    url,
    port,
    app,
    db,
    dbKind: kind,
    hub,
    demoToken,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // open SSE streams would keep close() waiting
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await extension.stop?.();
      await closeDb();
    },
  };
}
