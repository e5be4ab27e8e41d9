import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem, Template } from '../../../shared/api.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { snapshot } from '../support/fixtures.ts';

describe('templates', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  test('create trims the fields; the list is sorted by category then name; ?category= filters', async () => {
    const shop = newShopId();
    for (const t of [
      { category: '配送', name: '発送のお知らせ', body: '発送しました' },
      { category: ' ご挨拶 ', name: ' 初回返信 ', body: '  [出店モール店舗名]の[担当者名]です。\nこの度はご注文いただきありがとうございます！ ' },
      { category: '配送', name: 'お届け日変更', body: '承りました' },
    ]) {
      const res = await ctx.request(shop, '/api/v1/templates', json('POST', t));
      assert.equal(res.status, 201, await res.clone().text());
    }
    const list = (await (await ctx.request(shop, '/api/v1/templates')).json()) as { items: Template[] };
    assert.deepEqual(
      list.items.map((t) => [t.category, t.name]),
      [
        ['ご挨拶', '初回返信'],
        ['配送', 'お届け日変更'],
        ['配送', '発送のお知らせ'],
      ],
    );
    assert.equal(list.items[0]!.body, '[出店モール店舗名]の[担当者名]です。\nこの度はご注文いただきありがとうございます！');
    const filtered = (await (await ctx.request(shop, `/api/v1/templates?category=${encodeURIComponent('配送')}`)).json()) as { items: Template[] };
    assert.deepEqual(filtered.items.map((t) => t.name), ['お届け日変更', '発送のお知らせ']);
  });

  test('each of the three fields is required (blank after trimming) and capped in length', async () => {
    const shop = newShopId();
    const before = await snapshot(ctx.db);
    const res = await ctx.request(shop, '/api/v1/templates', json('POST', { category: '  ', name: '', body: '\n' }));
    assert.equal(res.status, 422);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, 'field_required');
    assert.deepEqual(problem.errors?.map((e) => [e.field, e.code]), [
      ['category', 'field_required'],
      ['name', 'field_required'],
      ['body', 'field_required'],
    ]);
    const long = await ctx.request(shop, '/api/v1/templates', json('POST', { category: 'c', name: 'n'.repeat(101), body: 'b' }));
    assert.equal(long.status, 422);
    assert.equal(((await long.json()) as Problem).code, 'field_too_long');
    const missing = await ctx.request(shop, '/api/v1/templates', json('POST', { category: 'c', name: 'n' }));
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as Problem).code, 'invalid_request');
    assert.equal(await snapshot(ctx.db).then((s) => s.replace(/"shops=\d+"/, '')), before.replace(/"shops=\d+"/, ''));
  });

  test('a second template with the same category and name is refused with 409 template_duplicate', async () => {
    const shop = newShopId();
    const first = await ctx.request(shop, '/api/v1/templates', json('POST', { category: '配送', name: '発送', body: 'a' }));
    assert.equal(first.status, 201);
    const before = await snapshot(ctx.db);
    const dup = await ctx.request(shop, '/api/v1/templates', json('POST', { category: ' 配送', name: '発送 ', body: 'b' }));
    assert.equal(dup.status, 409);
    const problem = (await dup.json()) as Problem;
    assert.equal(problem.code, 'template_duplicate');
    assert.equal(await snapshot(ctx.db), before);
    // the same name in another category, or in another shop, is fine
    assert.equal((await ctx.request(shop, '/api/v1/templates', json('POST', { category: '返品', name: '発送', body: 'c' }))).status, 201);
    assert.equal((await ctx.request(newShopId(), '/api/v1/templates', json('POST', { category: '配送', name: '発送', body: 'd' }))).status, 201);
  });

  test('update and delete; renaming onto another template is a duplicate', async () => {
    const shop = newShopId();
    const a = (await (await ctx.request(shop, '/api/v1/templates', json('POST', { category: 'A', name: 'one', body: '1' }))).json()) as Template;
    const b = (await (await ctx.request(shop, '/api/v1/templates', json('POST', { category: 'A', name: 'two', body: '2' }))).json()) as Template;
    const updated = await ctx.request(shop, `/api/v1/templates/${a.id}`, json('PUT', { category: 'A', name: 'one', body: '新しい本文' }));
    assert.equal(updated.status, 200);
    assert.equal(((await updated.json()) as Template).body, '新しい本文');
    const clash = await ctx.request(shop, `/api/v1/templates/${a.id}`, json('PUT', { category: 'A', name: 'two', body: 'x' }));
    assert.equal(clash.status, 409);
    assert.equal(((await clash.json()) as Problem).code, 'template_duplicate');
    const deleted = await ctx.request(shop, `/api/v1/templates/${b.id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal((await ctx.request(shop, `/api/v1/templates/${b.id}`, { method: 'DELETE' })).status, 404);
    assert.equal((await ctx.request(shop, `/api/v1/templates/${b.id}`, json('PUT', { category: 'A', name: 'z', body: 'z' }))).status, 404);
    const list = (await (await ctx.request(shop, '/api/v1/templates')).json()) as { items: Template[] };
    assert.deepEqual(list.items.map((t) => t.name), ['one']);
  });
});

describe('settings', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('a new shop reads empty settings; PUT stores them trimmed', async () => {
    const shop = newShopId();
    const empty = await (await ctx.request(shop, '/api/v1/settings')).json();
    assert.deepEqual(empty, { storeNames: { rakuten: '', yahoo: '' }, phone: '', email: '' });
    const settings = { storeNames: { rakuten: ' 和みの茶屋 楽天市場店', yahoo: '和みの茶屋 Yahoo!店' }, phone: '03-1234-5678', email: 'support@example.jp' };
    const put = await ctx.request(shop, '/api/v1/settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    });
    assert.equal(put.status, 200);
    const stored = await (await ctx.request(shop, '/api/v1/settings')).json();
    assert.deepEqual(stored, { ...settings, storeNames: { ...settings.storeNames, rakuten: '和みの茶屋 楽天市場店' } });
    const again = await ctx.request(shop, '/api/v1/settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...settings, phone: '0120-000-000' }),
    });
    assert.equal(((await again.json()) as { phone: string }).phone, '0120-000-000');
  });

  test('a wrong shape or a bad e-mail address is refused and stores nothing', async () => {
    const shop = newShopId();
    await ctx.request(shop, '/api/v1/settings');
    const before = await snapshot(ctx.db);
    for (const body of [
      { storeNames: { rakuten: 'a' }, phone: '', email: '' },
      { storeNames: { rakuten: 'a', yahoo: 'b' }, phone: 12345, email: '' },
      { storeNames: { rakuten: 'a', yahoo: 'b' }, phone: '', email: 'not-an-address' },
      { storeNames: { rakuten: 'a', yahoo: 'b' }, phone: '', email: '', fax: '03' },
    ]) {
      const res = await ctx.request(shop, '/api/v1/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(((await res.json()) as Problem).code, 'invalid_request');
    }
    assert.equal(await snapshot(ctx.db), before);
  });
});
