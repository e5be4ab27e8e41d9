/**
 * A fresh, migrated database per suite, on the database GOQ_TEST_DB names (`sqlite`, the default, or
 * `postgres`), and the app built on it. SQLite: a temp file. PostgreSQL: a uniquely named database
 * created through GOQ_TEST_PG_URL's connection and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import pg from 'pg';
import { createApp } from '../../../server/app.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { openDatabase, type Db, type DbKind } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { createEventHub, type EventHub } from '../../../server/events/event-hub.ts';
import { startMallSide, type MallSide } from '../../../server/malls/mall-side.ts';

export const TEST_DB: DbKind = process.env.GOQ_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_PG_URL = process.env.GOQ_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_SECRET = 'test-secret-of-the-host-app';

export interface TestDatabase {
  url: string;
  kind: DbKind;
  db: Db;
  close(): Promise<void>;
}

/** Creates an empty migrated database of that kind (default: GOQ_TEST_DB's); `close()` removes it. */
export async function createTestDatabase(kind: DbKind = TEST_DB): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const name = `goq_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    const opened = openDatabase(url.toString(), { poolSize: 5 });
    await migrateToLatest(opened.db);
    return {
      url: url.toString(),
      kind: 'postgres',
      db: opened.db,
      async close() {
        await opened.close();
        const drop = new pg.Client({ connectionString: TEST_PG_URL });
        await drop.connect();
        try {
          // The pool's close resolves while its connections are still saying goodbye; a forced drop
          // then kills them mid-way, and the killed connection's error surfaces in a later test.
          for (let tries = 0; tries < 100; tries++) {
            const open = await drop.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
            if (open.rows[0]!.n === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await drop.query(`drop database if exists ${name} with (force)`);
        } finally {
          await drop.end();
        }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'goq-test-'));
  const url = join(dir, 'test.sqlite');
  const opened = openDatabase(url);
  await migrateToLatest(opened.db);
  return {
    url,
    kind: 'sqlite',
    db: opened.db,
    async close() {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SignedRequests {
  /** a valid token for a shop */
  token(shop: string, staff?: string): string;
  /** `app.request` with the shop's token */
  request(shop: string, path: string, init?: RequestInit): Promise<Response>;
}

/** Tokens signed with TEST_SECRET, as the host app would issue them, and requests to `app` carrying one. */
export function signedRequests(app: Hono, defaultStaff = '担当 太郎'): SignedRequests {
  // an admin, as the host app's own back-office user would be; member tokens are signed with memberToken()
  const token = (shop: string, staff = defaultStaff) => signToken({ shop, staff, role: 'admin' }, TEST_SECRET, { expiresInSeconds: 3600 });
  return {
    token,
    request(shop, path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${token(shop)}`);
      return Promise.resolve(app.request(path, { ...init, headers }));
    },
  };
}

/** A token for one member of a shop: `sub`, display name and role. */
export function memberToken(shop: string, member: { sub: string; staff: string; role?: 'admin' | 'staff' }): string {
  return signToken({ shop, staff: member.staff, sub: member.sub, ...(member.role ? { role: member.role } : {}) }, TEST_SECRET, { expiresInSeconds: 3600 });
}

/** `app.request` as that member. */
export function requestAs(app: Hono, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return Promise.resolve(app.request(path, { ...init, headers }));
}

export interface TestContext extends TestDatabase, SignedRequests {
  app: Hono;
  hub: EventHub;
  malls: MallSide;
}

/** A mall side that neither syncs nor delivers on its own (no mall is connected in these tests). */
export function idleMallSide(db: Db, hub?: EventHub): MallSide {
  return startMallSide({ db, hub, config: { secretKey: randomBytes(32), schedule: false, outboxWorker: false } });
}

export async function createTestContext(options: { corsOrigins?: string[]; sseHeartbeatMs?: number } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const hub = createEventHub();
  const malls = idleMallSide(database.db, hub);
  const app = createApp({
    db: database.db,
    hub,
    malls,
    config: { jwtSecret: TEST_SECRET, corsOrigins: options.corsOrigins ?? [] },
    sseHeartbeatMs: options.sseHeartbeatMs,
  });
  return {
    ...database,
    app,
    hub,
    malls,
    ...signedRequests(app),
    async close() {
      await malls.stop();
      await database.close();
    },
  };
}

/** A shop id no other test uses, so tests in one suite never see each other's rows. */
export function newShopId(label = 'shop'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}
