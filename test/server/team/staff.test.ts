import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem, StaffList, StaffSelf } from '../../../shared/api.ts';
import { StaffRecorder } from '../../../server/staff/staff.service.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { member } from './support.ts';

describe('staff: kept from the tokens, admin-only writes', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('each member is recorded from their token: sub as id (else the name), name, role (absent: staff)', async () => {
    const shop = newShopId();
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    await yamada.request('/api/v1/inquiries/counts');
    await sato.request('/api/v1/inquiries/counts');
    const list = await yamada.json<StaffList>('/api/v1/staff');
    assert.deepEqual(
      list.items.map((s) => [s.id, s.name, s.role]),
      [
        ['sato', '佐藤 一郎', 'staff'],
        ['yamada', '山田 花子', 'admin'],
      ],
    );
    assert.ok(list.items.every((s) => !Number.isNaN(Date.parse(s.lastSeenAt))));
    // without sub, the name is the id
    await ctx.request(shop, '/api/v1/inquiries/counts');
    const again = await yamada.json<StaffList>('/api/v1/staff');
    assert.ok(again.items.some((s) => s.id === '担当 太郎' && s.name === '担当 太郎'));
  });

  test('GET /staff/me and the member\'s own inbox sort', async () => {
    const shop = newShopId();
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const me = await sato.json<StaffSelf>('/api/v1/staff/me');
    assert.equal(me.id, 'sato');
    assert.equal(me.role, 'staff');
    assert.deepEqual(me.preferences, { inboxSort: 'newest' });
    const saved = await sato.send('PUT', '/api/v1/staff/me/preferences', { inboxSort: 'waiting' });
    assert.equal(saved.status, 200);
    assert.deepEqual(((await saved.json()) as StaffSelf).preferences, { inboxSort: 'waiting' });
    assert.equal((await sato.json<StaffSelf>('/api/v1/staff/me')).preferences.inboxSort, 'waiting');
    // another member keeps their own
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    assert.equal((await yamada.json<StaffSelf>('/api/v1/staff/me')).preferences.inboxSort, 'newest');
    const bad = await sato.send('PUT', '/api/v1/staff/me/preferences', { inboxSort: 'oldest' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as Problem).code, 'invalid_request');
  });

  test('a staff token may read settings, templates and mall accounts, but not change them (403 forbidden_role)', async () => {
    const shop = newShopId();
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎', 'staff');
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const settings = { storeNames: { rakuten: '楽天店', yahoo: 'Yahoo!店' }, phone: '03-0000-0000', email: 'a@example.jp' };
    const template = { category: '発送', name: 'お礼', body: 'ありがとうございます' };
    const writes: [string, string, unknown][] = [
      ['PUT', '/api/v1/settings', settings],
      ['PUT', '/api/v1/settings/business-hours', { days: [1], start: '09:00', end: '17:00', publicHolidays: true, holidays: [], overdueAfterDays: 1 }],
      ['POST', '/api/v1/templates', template],
      ['PUT', '/api/v1/malls/rakuten', { apiOption: false }],
    ];
    for (const [method, path, body] of writes) {
      const res = await sato.send(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(((await res.json()) as Problem).code, 'forbidden_role');
    }
    for (const path of ['/api/v1/settings', '/api/v1/settings/business-hours', '/api/v1/templates', '/api/v1/malls']) {
      assert.equal((await sato.request(path)).status, 200, path);
    }
    for (const [method, path, body] of writes) {
      const res = await yamada.send(method, path, body);
      assert.ok(res.status === 200 || res.status === 201, `${method} ${path}: ${res.status}`);
    }
    const created = (await yamada.json<{ items: { id: string }[] }>('/api/v1/templates')).items[0]!;
    assert.equal((await sato.send('DELETE', `/api/v1/templates/${created.id}`)).status, 403);
    assert.equal((await sato.send('PUT', `/api/v1/templates/${created.id}`, template)).status, 403);
    // a sync run is not a change of the account
    assert.notEqual((await sato.send('POST', '/api/v1/malls/rakuten/sync')).status, 403);
  });

  test('another shop\'s staff never appear', async () => {
    const a = newShopId();
    const b = newShopId();
    await member(ctx.app, a, 'sato', '佐藤 一郎').request('/api/v1/staff');
    const other = await member(ctx.app, b, 'kato', '加藤').json<StaffList>('/api/v1/staff');
    assert.deepEqual(other.items.map((s) => s.id), ['kato']);
  });

  test('the recorder writes a member at most once a minute, unless the name or role changed', async () => {
    const shop = newShopId();
    const recorder = new StaffRecorder(ctx.db);
    const seen = async () => (await ctx.db.selectFrom('staff').select(['last_seen_at', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow());
    const t0 = Date.parse('2026-11-30T00:00:00Z');
    await recorder.touch({ shopId: shop, id: 'x', name: 'X', role: 'staff' }, t0);
    await recorder.touch({ shopId: shop, id: 'x', name: 'X', role: 'staff' }, t0 + 30_000);
    assert.equal((await seen()).last_seen_at, new Date(t0).toISOString());
    await recorder.touch({ shopId: shop, id: 'x', name: 'X 改', role: 'staff' }, t0 + 31_000);
    assert.equal((await seen()).name, 'X 改');
    await recorder.touch({ shopId: shop, id: 'x', name: 'X 改', role: 'staff' }, t0 + 95_000);
    assert.equal((await seen()).last_seen_at, new Date(t0 + 95_000).toISOString());
  });
});
