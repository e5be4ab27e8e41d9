import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffList, StaffSelf } from '../../../shared/api.ts';
import { createApp } from '../../../server/app.ts';
import { signDemoToken } from '../../../server/auth/jwt.ts';
import { createDemoPages } from '../../../server/demo-pages/routes.ts';
import { DEMO_SECOND_MEMBER, DEMO_SHOP_ID, DEMO_STAFF, seedDemoShop } from '../../../server/demo/seed.ts';
import { createEventHub } from '../../../server/events/event-hub.ts';
import type { Hono } from 'hono';
import { TEST_SECRET, createTestDatabase, idleMallSide, type TestDatabase } from '../support/context.ts';

describe('the demo\'s two members: the admin, and a staff opened with ?as=sato', () => {
  let database: TestDatabase;
  let app: Hono;
  before(async () => {
    database = await createTestDatabase();
    await seedDemoShop(database.db);
    const sato = signDemoToken(TEST_SECRET, DEMO_SHOP_ID, DEMO_SECOND_MEMBER.name, { sub: DEMO_SECOND_MEMBER.id, role: 'staff' });
    app = createApp({
      db: database.db,
      hub: createEventHub(),
      malls: idleMallSide(database.db),
      config: { jwtSecret: TEST_SECRET, corsOrigins: [], maxAgeExemptShop: DEMO_SHOP_ID },
      demoPages: createDemoPages({
        demoToken: signDemoToken(TEST_SECRET, DEMO_SHOP_ID, DEMO_STAFF),
        memberTokens: { sato: { name: DEMO_SECOND_MEMBER.name, token: sato } },
        distDir: 'dist',
      }),
    });
  });
  after(async () => database.close());

  const tokenOnPage = async (path: string) => /token="([^"]+)"/.exec(await (await app.request(path)).text())![1]!;
  const me = async (token: string) => (await (await app.request('/api/v1/staff/me', { headers: { Authorization: `Bearer ${token}` } })).json()) as StaffSelf;

  test('the inbox page signs as the admin by default and as 佐藤 (staff) with ?as=sato, and offers the switch', async () => {
    assert.deepEqual(
      [(await me(await tokenOnPage('/demo/inquiries'))).id, (await me(await tokenOnPage('/demo/inquiries'))).role],
      ['yamada', 'admin'],
    );
    const sato = await me(await tokenOnPage('/demo/inquiries?as=sato'));
    assert.deepEqual([sato.id, sato.name, sato.role], ['sato', '佐藤 一郎', 'staff']);
    const page = await (await app.request('/demo/inquiries?as=sato')).text();
    assert.match(page, /山田 花子（管理者）/);
    assert.equal((await me(await tokenOnPage('/demo/inquiries?as=nobody'))).id, 'yamada');
  });

  test('both members are in the staff list from the start', async () => {
    const res = await app.request('/api/v1/staff', { headers: { Authorization: `Bearer ${await tokenOnPage('/demo/templates')}` } });
    assert.deepEqual(((await res.json()) as StaffList).items.map((s) => [s.id, s.role]).sort(), [
      ['sato', 'staff'],
      ['yamada', 'admin'],
    ]);
  });
});
