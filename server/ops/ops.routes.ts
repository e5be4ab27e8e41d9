/**
 * The operator's endpoints, outside /api/v1 and without a Bearer token (keep them off the public
 * listener or filter them at the load balancer): `GET /healthz` (the process answers and reaches its
 * database), `GET /readyz` (the database answers and every migration has run: send traffic),
 * `GET /metrics` (Prometheus text format).
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { migrationsDone } from '../db/migrate.ts';
import type { Metrics } from './metrics.ts';

export function opsRoutes(options: { db: Db; metrics?: Metrics }): Hono {
  const { db, metrics } = options;
  const app = new Hono();
  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(db);
    return c.json({ ok: true });
  });
  app.get('/readyz', async (c) => {
    const checks = { database: false, migrations: false };
    try {
      await sql`select 1`.execute(db);
      checks.database = true;
      checks.migrations = await migrationsDone(db);
    } catch {
      /* reported as not ready below */
    }
    const ready = checks.database && checks.migrations;
    return c.json({ ready, checks }, ready ? 200 : 503);
  });
  if (metrics) {
    app.get('/metrics', async (c) => {
      const text = await metrics.registry.metrics();
      return c.body(text, 200, { 'Content-Type': metrics.registry.contentType });
    });
  }
  return app;
}
