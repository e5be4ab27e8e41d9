import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryCounts, InquiryDetail, InquiryPage, InquirySummary } from '../../../shared/api.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { insertManyInquiries, mallInquiry, mallMessage, replyForm, storeInquiry } from '../support/fixtures.ts';

const t0 = new Date('2026-11-10T00:00:00Z');
const h = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

describe('the inbox, counts, threads and orders', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  async function get<T>(shop: string, path: string): Promise<T> {
    const res = await ctx.request(shop, path);
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    return (await res.json()) as T;
  }

  describe('status derivation (DESIGN.md §2)', () => {
    test('the customer wrote last: 返信が必要', async () => {
      const shop = newShopId();
      const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0))] }));
      assert.equal((await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`)).status, 'needs-reply');
    });

    test('the shop wrote last: 返信済み', async () => {
      const shop = newShopId();
      const id = await storeInquiry(
        ctx.db,
        shop,
        mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', h(0)), mallMessage('shop', '回答', h(1))] }),
      );
      const d = await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`);
      assert.equal(d.status, 'replied');
      assert.equal(d.lastSender, 'shop');
    });

    test('a reply from here moves 返信が必要 to 返信済み at once (delivery pending)', async () => {
      const shop = newShopId();
      const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0))] }));
      const res = await ctx.request(shop, `/api/v1/inquiries/${id}/replies`, { method: 'POST', body: replyForm('回答します') });
      assert.equal(res.status, 202);
      const d = await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`);
      assert.equal(d.status, 'replied');
      assert.equal(d.messages.at(-1)!.delivery, 'pending');
      assert.equal(d.messages.at(-1)!.staffName, '担当 太郎');
      assert.equal(d.messageCount, 2);
      assert.equal(d.preview, '回答します');
    });

    test('完了する makes 対応完了 from either open status; a reply does not reopen it', async () => {
      const shop = newShopId();
      for (const messages of [[mallMessage('customer', '質問', h(0))], [mallMessage('customer', '質問', h(0)), mallMessage('shop', '回答', h(1))]]) {
        const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages }));
        const res = await ctx.request(shop, `/api/v1/inquiries/${id}/complete`, { method: 'POST' });
        assert.equal(res.status, 200);
        const d = (await res.json()) as InquiryDetail;
        assert.equal(d.status, 'completed');
        assert.equal(d.completed, true);
        assert.equal(d.canReopen, true);
        await ctx.request(shop, `/api/v1/inquiries/${id}/replies`, { method: 'POST', body: replyForm('追伸です') });
        assert.equal((await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`)).status, 'completed');
      }
      const again = await ctx.request(shop, `/api/v1/inquiries/${(await get<InquiryPage>(shop, '/api/v1/inquiries?status=completed')).items[0]!.id}/complete`, {
        method: 'POST',
      });
      assert.equal(again.status, 409);
      assert.equal(((await again.json()) as { code: string }).code, 'already_completed');
    });

    test('reopening a Rakuten inquiry returns it to the status its last sender gives, and queues it for the mall', async () => {
      const shop = newShopId();
      const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0))], completed: true }));
      const res = await ctx.request(shop, `/api/v1/inquiries/${id}/reopen`, { method: 'POST' });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as InquiryDetail).status, 'needs-reply');
      const outbox = await ctx.db.selectFrom('outbox').select(['kind', 'state']).where('inquiry_id', '=', id).execute();
      assert.deepEqual(outbox, [{ kind: 'reopen', state: 'pending' }]);
      const notCompleted = await ctx.request(shop, `/api/v1/inquiries/${id}/reopen`, { method: 'POST' });
      assert.equal(notCompleted.status, 409);
      assert.equal(((await notCompleted.json()) as { code: string }).code, 'not_completed');
    });

    test('a Yahoo! reopen is refused with 409 reopen_not_allowed and changes nothing', async () => {
      const shop = newShopId();
      const id = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', h(0))], completed: true }));
      const res = await ctx.request(shop, `/api/v1/inquiries/${id}/reopen`, { method: 'POST' });
      assert.equal(res.status, 409);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(((await res.json()) as { code: string }).code, 'reopen_not_allowed');
      const d = await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`);
      assert.equal(d.status, 'completed');
      assert.equal(d.canReopen, false);
      assert.equal((await ctx.db.selectFrom('outbox').select('id').where('inquiry_id', '=', id).execute()).length, 0);
    });

    test('completing queues a complete for the mall', async () => {
      const shop = newShopId();
      const id = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', h(0))] }));
      await ctx.request(shop, `/api/v1/inquiries/${id}/complete`, { method: 'POST' });
      const outbox = await ctx.db.selectFrom('outbox').select(['kind', 'state', 'message_id']).where('inquiry_id', '=', id).execute();
      assert.deepEqual(outbox, [{ kind: 'complete', state: 'pending', message_id: null }]);
    });
  });

  test('counts follow the inquiry rows', async () => {
    const shop = newShopId();
    await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', 'a', h(0))] }));
    await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', 'b', h(0))] }));
    await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', 'c', h(0)), mallMessage('shop', 'd', h(1))] }));
    await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', 'e', h(0))], completed: true }));
    assert.deepEqual(await get<InquiryCounts>(shop, '/api/v1/inquiries/counts'), { needsReply: 2, replied: 1, completed: 1 });
    const page = await get<InquiryPage>(shop, '/api/v1/inquiries?status=needs-reply');
    await ctx.request(shop, `/api/v1/inquiries/${page.items[0]!.id}/replies`, { method: 'POST', body: replyForm('回答') });
    assert.deepEqual(await get<InquiryCounts>(shop, '/api/v1/inquiries/counts'), { needsReply: 1, replied: 2, completed: 1 });
    assert.deepEqual(await get<InquiryCounts>(newShopId(), '/api/v1/inquiries/counts'), { needsReply: 0, replied: 0, completed: 0 });
  });

  test('the kept counts agree with counting the rows after inserts, status changes and deletes by any writer', async () => {
    const shop = newShopId();
    const ids = await insertManyInquiries(ctx.db, shop, 300);
    await ctx.db.updateTable('inquiries').set({ status: 'completed', completed: 1 }).where('id', 'in', ids.slice(0, 40)).execute();
    await ctx.db.deleteFrom('inquiries').where('id', 'in', ids.slice(40, 70)).execute();
    const page = await get<InquiryPage>(shop, '/api/v1/inquiries?status=needs-reply&limit=5');
    for (const item of page.items) await ctx.request(shop, `/api/v1/inquiries/${item.id}/complete`, { method: 'POST' });
    const rows = await ctx.db
      .selectFrom('inquiries')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('shop_id', '=', shop)
      .groupBy('status')
      .execute();
    const counted = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    assert.deepEqual(await get<InquiryCounts>(shop, '/api/v1/inquiries/counts'), {
      needsReply: counted['needs-reply'] ?? 0,
      replied: counted.replied ?? 0,
      completed: counted.completed ?? 0,
    });
    assert.equal((counted['needs-reply'] ?? 0) + (counted.replied ?? 0) + (counted.completed ?? 0), 270);
  });

  test('paging through 1,000 inquiries gives every one once, newest activity first', async () => {
    const shop = newShopId();
    const ids = await insertManyInquiries(ctx.db, shop, 1000);
    for (const [filter, expected] of [
      ['', 1000],
      ['status=needs-reply&', 334],
      ['mall=yahoo&', 500],
    ] as const) {
      const seen: InquirySummary[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path: string = `/api/v1/inquiries?${filter}limit=${filter ? 100 : 37}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: InquiryPage = await get<InquiryPage>(shop, path);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      assert.equal(seen.length, expected, filter);
      assert.equal(new Set(seen.map((s) => s.id)).size, expected, `no repeats ${filter}`);
      for (let i = 1; i < seen.length; i++) {
        const a = seen[i - 1]!;
        const b = seen[i]!;
        assert.ok(a.lastActivityAt > b.lastActivityAt || (a.lastActivityAt === b.lastActivityAt && a.id > b.id), 'ordered');
      }
      if (!filter) assert.deepEqual(new Set(seen.map((s) => s.id)), new Set(ids));
    }
    const first = await get<InquiryPage>(shop, '/api/v1/inquiries');
    assert.equal(first.items.length, 50, 'default limit 50');
    const bad = await ctx.request(shop, '/api/v1/inquiries?limit=101');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { code: string }).code, 'invalid_request');
    const badCursor = await ctx.request(shop, '/api/v1/inquiries?cursor=nonsense');
    assert.equal(badCursor.status, 400);
  });

  test('filters by status and mall, and searches subject, customer name, order id and message bodies', async () => {
    const shop = newShopId();
    const a = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { subject: '配送日時の変更', customerName: '佐藤 美咲', orderId: '111-20261101-01', messages: [mallMessage('customer', 'お届けを変えたい', h(0))] }));
    const b = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { subject: '在庫について', orderId: 'store-100_5', messages: [mallMessage('customer', '黒の急須は再入荷しますか', h(1))] }));
    const c = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { subject: '領収書', customerName: '高橋 由美', messages: [mallMessage('customer', 'Receipt please', h(2)), mallMessage('shop', '発行しました', h(3))] }));
    const search = async (q: string, extra = '') =>
      (await get<InquiryPage>(shop, `/api/v1/inquiries?q=${encodeURIComponent(q)}${extra}`)).items.map((i) => i.id).sort();
    assert.deepEqual(await search('配送'), [a]);
    assert.deepEqual(await search('佐藤'), [a]);
    assert.deepEqual(await search('20261101'), [a]);
    assert.deepEqual(await search('再入荷'), [b]);
    assert.deepEqual(await search('receipt'), [c], 'case-insensitive on both databases');
    assert.deepEqual(await search('発行しました'), [c]);
    assert.deepEqual(await search('100_5'), [b]);
    assert.deepEqual(await search('0_%'), [], 'LIKE wildcards are taken literally');
    assert.deepEqual(await search('再入荷', '&mall=rakuten'), []);
    assert.deepEqual(await search('', '&status=replied'), [c]);
    const yahoo = await get<InquiryPage>(shop, '/api/v1/inquiries?mall=yahoo');
    assert.deepEqual(yahoo.items.map((i) => i.id), [b]);
    assert.equal(yahoo.items[0]!.customerName, null);
    const all = await get<InquiryPage>(shop, '/api/v1/inquiries');
    assert.deepEqual(all.items.map((i) => i.id), [c, b, a]);
    assert.equal(all.nextCursor, null);
    const unknown = await ctx.request(shop, '/api/v1/inquiries?status=open');
    assert.equal(unknown.status, 400);
  });

  test('one inquiry carries its messages (oldest first), attachments and canReopen', async () => {
    const shop = newShopId();
    const id = await storeInquiry(
      ctx.db,
      shop,
      mallInquiry('rakuten', {
        itemName: '今治タオル',
        messages: [mallMessage('customer', '1行目\n2行目', h(0)), mallMessage('shop', '<b>回答</b>', h(1)), mallMessage('customer', '了解', h(2))],
      }),
    );
    const d = await get<InquiryDetail>(shop, `/api/v1/inquiries/${id}`);
    assert.deepEqual(d.messages.map((m) => m.body), ['1行目\n2行目', '<b>回答</b>', '了解']);
    assert.equal(d.itemName, '今治タオル');
    assert.equal(d.customerName, '楽天 太郎');
    assert.equal(d.canReopen, false);
    assert.equal((await ctx.request(shop, '/api/v1/inquiries/no-such-id')).status, 404);
  });

  test("an order's inquiries with their messages; [] for an order without any and for an unknown order", async () => {
    const shop = newShopId();
    const orderId = '398765-20261118-0000100001';
    const first = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { orderId, createdAt: h(0), messages: [mallMessage('customer', '一件目', h(0)), mallMessage('shop', '回答', h(1))] }));
    const second = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { orderId, createdAt: h(5), messages: [mallMessage('customer', '二件目', h(5))] }));
    await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { orderId: 'other-order', messages: [mallMessage('customer', '別', h(0))] }));
    const list = await get<InquiryDetail[]>(shop, `/api/v1/orders/${encodeURIComponent(orderId)}/inquiries`);
    assert.deepEqual(list.map((i) => i.id), [first, second]);
    assert.equal(list[0]!.messages.length, 2);
    assert.equal(list[1]!.messages[0]!.body, '二件目');
    assert.deepEqual(await get<InquiryDetail[]>(shop, '/api/v1/orders/398765-20261124-0000100004/inquiries'), []);
    assert.deepEqual(await get<InquiryDetail[]>(shop, '/api/v1/orders/unknown/inquiries'), []);
  });
});
