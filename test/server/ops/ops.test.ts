/**
 * The operator's view over a real socket: /healthz, /readyz (the database answers, every migration
 * ran), /metrics in Prometheus format (request durations by route, outbox depth and oldest age, sync
 * lag per account, mall calls, open event streams), none behind a Bearer token; and the JSON log: one
 * line per request with a request id, and never the token or a reply's text.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { signToken } from '../../../server/auth/jwt.ts';
import { startServer, type RunningServer } from '../../../server/compose.ts';
import { seedDemoShop, DEMO_SHOP_ID } from '../../../server/demo/seed.ts';
import { upsertAccount } from '../../../server/malls/accounts/mall-accounts.repository.ts';
import { createLogger } from '../../../server/ops/logger.ts';
import { TEST_SECRET, createTestDatabase, type TestDatabase } from '../support/context.ts';

describe('the operator view', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const lines: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    await seedDemoShop(database.db);
    await upsertAccount(database.db, DEMO_SHOP_ID, 'rakuten', { credentials: new Uint8Array([1, 2, 3]), health: 'ok' });
    const destination = new PassThrough();
    let rest = '';
    destination.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
    });
    server = await startServer({
      dbUrl: database.url,
      port: 0,
      jwtSecret: TEST_SECRET,
      corsOrigins: [],
      malls: { schedule: false, outboxWorker: false },
      logger: createLogger({ destination }),
    });
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  const token = () => signToken({ shop: DEMO_SHOP_ID, staff: '担当 花子' }, TEST_SECRET, { expiresInSeconds: 600 });

  test('/healthz and /readyz answer without a token', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ready: true, checks: { database: true, migrations: true } });
  });

  test('/readyz says not ready while a migration is missing', async () => {
    const last = await database.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
    const name = (last as { name: string }).name;
    await database.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', name as never).execute();
    try {
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { ready: false, checks: { database: true, migrations: false } });
    } finally {
      await database.db.insertInto('kysely_migration' as never).values({ name, timestamp: new Date().toISOString() } as never).execute();
    }
  });

  test('/metrics in Prometheus format: requests by route, outbox, sync lag, mall calls, event streams', async () => {
    const inquiry = await server.db.selectFrom('inquiries').select('id').where('shop_id', '=', DEMO_SHOP_ID).executeTakeFirstOrThrow();
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token()}` }, signal: controller.signal });
    assert.equal(stream.status, 200);
    const form = new FormData();
    form.set('body', '秘密の返信本文です');
    const reply = await fetch(`${server.url}/api/v1/inquiries/${inquiry.id}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token()}` }, body: form });
    assert.equal(reply.status, 202);
    const metrics = await fetch(`${server.url}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await metrics.text();
    controller.abort();
    assert.match(text, /goq_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/inquiries\/:id\/replies",status="202"\} 1/);
    assert.match(text, /goq_outbox_depth [1-9]/);
    assert.match(text, /goq_outbox_oldest_pending_age_seconds \d/);
    assert.match(text, /goq_sync_lag_seconds\{account="[^"]+",mall="rakuten"\} -?\d/);
    assert.match(text, /# TYPE goq_mall_calls_total counter/);
    assert.match(text, /# TYPE goq_mall_call_errors_total counter/);
    assert.match(text, /goq_event_streams 1/);
    assert.match(text, /process_resident_memory_bytes \d/);
  });

  test('one JSON line per request with a request id; no token, no reply text', async () => {
    const answer = await fetch(`${server.url}/api/v1/inquiries?status=needs-reply`, { headers: { Authorization: `Bearer ${token()}`, 'X-Request-Id': 'caller-chosen-id-1' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('x-request-id'), 'caller-chosen-id-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = entries.find((e) => e.reqId === 'caller-chosen-id-1');
    assert.ok(mine, 'the request is logged under its id');
    assert.equal(mine.msg, 'request');
    assert.equal(mine.route, '/api/v1/inquiries');
    assert.equal(mine.path, '/api/v1/inquiries', 'the path without its query');
    assert.equal(mine.status, 200);
    for (const entry of entries.filter((e) => e.msg === 'request')) assert.match(String(entry.reqId), /^[\w-]+$/);
    const all = lines.join('\n');
    assert.ok(!all.includes('eyJ'), 'no token');
    assert.ok(!all.includes('秘密の返信本文'), 'no reply text');
    assert.ok(!all.includes(TEST_SECRET));
  });
});
