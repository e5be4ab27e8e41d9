import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryCounts, InquiryDetail, InquiryPage, Problem } from '../../../shared/api.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, storeInquiry } from '../support/fixtures.ts';
import { listen, member } from './support.ts';

describe('担当者: assignment, the list filter and the counts that follow it', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  async function shopWith(n: number) {
    const shop = newShopId();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.UTC(2026, 10, 2, 0, i));
      ids.push(await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', `質問 ${i}`, at)] })));
    }
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    await yamada.request('/api/v1/staff/me');
    await sato.request('/api/v1/staff/me');
    return { shop, ids, yamada, sato };
  }

  test('PUT /inquiries/{id}/assignee sets and clears the assignee; the summary and the thread show it; events go out', async () => {
    const { shop, ids, yamada, sato } = await shopWith(1);
    const heard = listen(ctx.hub, shop);
    const res = await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'sato' });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as InquiryDetail).assignee, { id: 'sato', name: '佐藤 一郎' });
    const page = await sato.json<InquiryPage>('/api/v1/inquiries');
    assert.deepEqual(page.items[0]!.assignee, { id: 'sato', name: '佐藤 一郎' });
    assert.ok(heard.events.some((e) => e.name === 'inquiry.updated' && e.data.id === ids[0]));
    const cleared = await sato.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: null });
    assert.equal(((await cleared.json()) as InquiryDetail).assignee, null);
    heard.stop();
  });

  test('an unknown member is 422 unknown_staff; a bad body 400; another shop\'s inquiry 404', async () => {
    const { ids, yamada } = await shopWith(1);
    const unknown = await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'nobody' });
    assert.equal(unknown.status, 422);
    assert.equal(((await unknown.json()) as Problem).code, 'unknown_staff');
    assert.equal((await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staff: 'sato' })).status, 400);
    const intruderShop = newShopId();
    const intruder = member(ctx.app, intruderShop, 'sato', '佐藤 一郎', 'admin');
    await intruder.request('/api/v1/staff/me');
    const intruderHears = listen(ctx.hub, intruderShop);
    await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'yamada' });
    assert.deepEqual(intruderHears.events, [], 'another shop never hears of the assignment');
    intruderHears.stop();
    assert.equal((await intruder.json<InquiryPage>('/api/v1/inquiries?assignee=all')).items.length, 0);
    const other = await intruder.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'sato' });
    assert.equal(other.status, 404);
    // a member of another shop with the same id is not this shop's member
    const shop2 = await shopWith(0);
    const lone = member(ctx.app, newShopId(), 'lone', '一人');
    await lone.request('/api/v1/staff/me');
    assert.equal((await shop2.yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'lone' })).status, 404);
    const own = await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'lone' });
    assert.equal(own.status, 422);
  });

  test('?assignee=me|unassigned|all filters the list; the counts follow, and stay right as statuses change', async () => {
    const { ids, yamada, sato } = await shopWith(5);
    await yamada.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'sato' });
    await yamada.send('PUT', `/api/v1/inquiries/${ids[1]}/assignee`, { staffId: 'sato' });
    await yamada.send('PUT', `/api/v1/inquiries/${ids[2]}/assignee`, { staffId: 'yamada' });
    const list = async (who: typeof sato, filter: string) =>
      (await who.json<InquiryPage>(`/api/v1/inquiries?assignee=${filter}`)).items.map((i) => i.id).sort();
    assert.deepEqual(await list(sato, 'me'), [ids[0], ids[1]].sort());
    assert.deepEqual(await list(yamada, 'me'), [ids[2]]);
    assert.deepEqual(await list(sato, 'unassigned'), [ids[3], ids[4]].sort());
    assert.deepEqual(await list(sato, 'all'), [...ids].sort());
    assert.deepEqual(await list(sato, 'me&status=needs-reply'), [ids[0], ids[1]].sort());

    const counts = (who: typeof sato, filter: string) => who.json<InquiryCounts>(`/api/v1/inquiries/counts?assignee=${filter}`);
    assert.deepEqual(await counts(sato, 'me'), { needsReply: 2, replied: 0, completed: 0, unread: 2 });
    assert.deepEqual(await counts(sato, 'unassigned'), { needsReply: 2, replied: 0, completed: 0, unread: 2 });
    assert.equal((await counts(sato, 'all')).needsReply, 5);
    // a completion moves the member's count from one status to the other
    assert.equal((await sato.request(`/api/v1/inquiries/${ids[0]}/complete`, { method: 'POST' })).status, 200);
    assert.deepEqual(await counts(sato, 'me'), { needsReply: 1, replied: 0, completed: 1, unread: 1 });
    // reassigning moves it between members
    await sato.send('PUT', `/api/v1/inquiries/${ids[0]}/assignee`, { staffId: 'yamada' });
    assert.deepEqual(await counts(yamada, 'me'), { needsReply: 1, replied: 0, completed: 1, unread: 1 });
    assert.deepEqual(await counts(sato, 'me'), { needsReply: 1, replied: 0, completed: 0, unread: 1 });
    // the counts match the rows
    for (const who of [sato, yamada]) {
      const c = await counts(who, 'me');
      for (const [status, n] of [['needs-reply', c.needsReply], ['completed', c.completed]] as const) {
        assert.equal((await who.json<InquiryPage>(`/api/v1/inquiries?assignee=me&status=${status}`)).items.length, n);
      }
    }
    // without the filter, the shop's counts as before
    assert.deepEqual(await sato.json<InquiryCounts>('/api/v1/inquiries/counts'), { needsReply: 4, replied: 0, completed: 1 });
    assert.equal((await sato.request('/api/v1/inquiries/counts?assignee=someone')).status, 400);
  });
});
