import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BulkResult, InquiryCounts, InquiryPage } from '../../../shared/api.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, storeInquiry } from '../support/fixtures.ts';
import { listen, member } from './support.ts';

describe('未読: per member read markers', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('unread until the member reads the thread; only for them; a new customer message makes it unread again', async () => {
    const shop = newShopId();
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', new Date('2026-11-02T00:00:00Z'), 'c1')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const unread = async (who: typeof sato) => (await who.json<InquiryPage>('/api/v1/inquiries')).items[0]!.unread;
    const count = async (who: typeof sato) => (await who.json<InquiryCounts>('/api/v1/inquiries/counts?assignee=all')).unread;
    assert.equal(await unread(sato), true);
    assert.equal(await count(sato), 1);
    const heard = listen(ctx.hub, shop);
    const marked = await sato.send('POST', `/api/v1/inquiries/${inquiryId}/read`);
    assert.equal(marked.status, 200);
    assert.deepEqual(await marked.json(), { id: inquiryId, version: 1, unread: false });
    assert.ok(heard.events.some((e) => e.name === 'inquiry.updated'));
    heard.stop();
    assert.equal(await unread(sato), false);
    assert.equal(await count(sato), 0);
    assert.equal(await unread(yamada), true, 'another member still has it unread');
    assert.equal(await count(yamada), 1);
    // a shop reply does not make it unread
    await sato.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: (() => { const f = new FormData(); f.append('body', '回答'); return f; })() });
    assert.equal(await unread(sato), false);
    // the customer writes again
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, messages: [...inquiry.messages, mallMessage('customer', '追加', new Date(Date.now() + 1000), 'c2')] });
    assert.equal(await unread(sato), true);
    assert.equal(await count(sato), 1);
    assert.equal((await member(ctx.app, newShopId(), 'sato', '佐藤').send('POST', `/api/v1/inquiries/${inquiryId}/read`)).status, 404);
  });
});

describe('一括操作: POST /inquiries/bulk', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('bulk complete of a mixed selection: each id\'s outcome, a refused one does not stop the others, counts match rows', async () => {
    const shop = newShopId();
    const open = [
      await storeInquiry(ctx.db, shop, mallInquiry('rakuten')),
      await storeInquiry(ctx.db, shop, mallInquiry('yahoo')),
      await storeInquiry(ctx.db, shop, mallInquiry('rakuten')),
    ];
    const done = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { completed: true }));
    const foreign = await storeInquiry(ctx.db, newShopId(), mallInquiry('rakuten'));
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const res = await sato.send('POST', '/api/v1/inquiries/bulk', { ids: [open[0], done, foreign, open[1], open[2]], action: 'complete' });
    assert.equal(res.status, 200);
    const { results } = (await res.json()) as BulkResult;
    assert.deepEqual(
      results.map((r) => [r.id, r.ok, r.code ?? null]),
      [
        [open[0], true, null],
        [done, false, 'already_completed'],
        [foreign, false, 'not_found'],
        [open[1], true, null],
        [open[2], true, null],
      ],
    );
    const counts = await sato.json<InquiryCounts>('/api/v1/inquiries/counts');
    assert.deepEqual(counts, { needsReply: 0, replied: 0, completed: 4 });
    assert.equal((await sato.json<InquiryPage>('/api/v1/inquiries?status=completed')).items.length, counts.completed);
    const outbox = await ctx.db.selectFrom('outbox').select('inquiry_id').where('shop_id', '=', shop).where('kind', '=', 'complete').execute();
    assert.deepEqual(outbox.map((o) => o.inquiry_id).sort(), [...open].sort());
  });

  test('bulk assign and unassign; an unknown member refuses the whole request; at most 100 ids', async () => {
    const shop = newShopId();
    const ids = [await storeInquiry(ctx.db, shop, mallInquiry('rakuten')), await storeInquiry(ctx.db, shop, mallInquiry('yahoo'))];
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    await sato.request('/api/v1/staff/me');
    const assigned = (await (await sato.send('POST', '/api/v1/inquiries/bulk', { ids, action: 'assign', staffId: 'sato' })).json()) as BulkResult;
    assert.ok(assigned.results.every((r) => r.ok));
    assert.equal((await sato.json<InquiryCounts>('/api/v1/inquiries/counts?assignee=me')).needsReply, 2);
    await sato.send('POST', '/api/v1/inquiries/bulk', { ids: [ids[0]], action: 'assign', staffId: null });
    assert.equal((await sato.json<InquiryCounts>('/api/v1/inquiries/counts?assignee=me')).needsReply, 1);
    assert.equal((await sato.send('POST', '/api/v1/inquiries/bulk', { ids, action: 'assign', staffId: 'ghost' })).status, 422);
    assert.equal((await sato.send('POST', '/api/v1/inquiries/bulk', { ids, action: 'assign' })).status, 400);
    const many = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    assert.equal((await sato.send('POST', '/api/v1/inquiries/bulk', { ids: many, action: 'complete' })).status, 400);
    assert.equal((await sato.send('POST', '/api/v1/inquiries/bulk', { ids: [], action: 'complete' })).status, 400);
  });
});
