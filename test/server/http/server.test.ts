import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { MallAccountList, Problem } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { startServer, type RunningServer } from '../../../server/compose.ts';
import { TEST_SECRET, createTestDatabase, newShopId, type TestDatabase } from '../support/context.ts';
import { snapshot } from '../support/fixtures.ts';

describe('startServer over a real socket', () => {
  let database: TestDatabase;
  let server: RunningServer;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({
      dbUrl: database.url,
      port: 0,
      jwtSecret: TEST_SECRET,
      corsOrigins: [],
      malls: { schedule: false, outboxWorker: false },
    });
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  test('the composed mall side is mounted behind the same auth', async () => {
    const shop = newShopId();
    const res = await fetch(`${server.url}/api/v1/malls`, { headers: { Authorization: `Bearer ${signToken({ shop, staff: 's' }, TEST_SECRET)}` } });
    assert.deepEqual(((await res.json()) as MallAccountList).items.map((a) => a.mall), ['rakuten', 'yahoo']);
    assert.equal((await fetch(`${server.url}/api/v1/malls`)).status, 401);
  });

  test('production mode leaves the database empty: no demo shop, no demo pages, no demo token', async () => {
    const rows = await server.db.selectFrom('inquiries').select('id').execute();
    assert.equal(rows.length, 0);
    assert.equal(server.mode, 'production');
    assert.equal(server.demoToken, null);
    assert.equal((await fetch(`${server.url}/demo/`)).status, 404);
  });

  test('a chunked JSON body growing past 64 KB is cut off with 413 and stores nothing', async () => {
    const shop = newShopId();
    const token = signToken({ shop, staff: 's' }, TEST_SECRET);
    const before = await snapshot(server.db);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/api/v1/templates`,
        { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      // the server may answer and close before the client has written everything
      req.on('error', (error) => setTimeout(() => reject(error), 1000));
      req.write('{"category":"a","name":"b","body":"');
      let sent = 0;
      const writeMore = () => {
        while (sent < 20) {
          sent++;
          if (!req.write('x'.repeat(8 * 1024))) return void req.once('drain', writeMore);
        }
        req.end('"}');
      };
      writeMore();
    });
    assert.equal(status, 413);
    assert.equal((JSON.parse(body) as Problem).code, 'body_too_large');
    const after = await snapshot(server.db);
    assert.equal(after.replace(/"shops=\d+"/, ''), before.replace(/"shops=\d+"/, ''));
  });

  test('close() stops the composed parts', async () => {
    const other = await startServer({ dbUrl: database.url, port: 0, jwtSecret: TEST_SECRET, corsOrigins: [] });
    let stopped = false;
    const stop = other.malls.stop;
    other.malls.stop = async () => {
      stopped = true;
      await stop();
    };
    await other.close();
    assert.equal(stopped, true);
  });
});
