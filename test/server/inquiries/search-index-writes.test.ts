/**
 * Every writer of inquiries and messages leaves the search index complete when it commits: the sync's
 * batches and single inquiries, a reply, a delivered reply's duplicate removed. On SQLite the triggers
 * mark a document and the writer indexes it once (migration 2026_11_30_0301): here no document is
 * left marked and each word is in the full-text index itself, not only found by the slower check of
 * marked documents. On PostgreSQL the same writes are found by search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { markMessageSent } from '../../../server/inquiries/delivery.ts';
import { listInquiries } from '../../../server/inquiries/inquiries.repository.ts';
import { recordMallInquiries, recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import * as searchIndexOncePerWrite from '../../../server/db/migrations/2026_11_30_0301_search_index_once_per_write.ts';
import { normaliseSearchText, sqliteMatchQuery } from '../../../server/inquiries/search/normalise.ts';
import { indexPendingSearchDocuments } from '../../../server/inquiries/search/search.repository.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm } from '../support/fixtures.ts';

const t0 = new Date('2026-11-10T00:00:00Z');
const h = (hours: number) => new Date(t0.getTime() + hours * 3600_000);
const none = new Map<string, Uint8Array>();

describe('search index: complete when each writer commits', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  const sqlite = () => ctx.kind === 'sqlite';

  async function marked(): Promise<number> {
    const r = await sql<{ n: number }>`select count(*) as n from inquiry_search_docs where indexed = 0`.execute(ctx.db);
    return Number(r.rows[0]!.n);
  }

  /** The inquiries the full-text index itself has for the word (SQLite), or search's answer (PostgreSQL). */
  async function indexed(shop: string, word: string): Promise<string[]> {
    if (!sqlite()) return (await listInquiries(ctx.db, shop, { q: word, limit: 50 })).map((r) => r.id).sort();
    const r = await sql<{ inquiry_id: string }>`
      select d.inquiry_id from inquiry_search_fts f join inquiry_search_docs d on d.id = f.rowid
      where inquiry_search_fts match ${sqliteMatchQuery(normaliseSearchText(word))} and d.shop_id = ${shop}
        and instr(d.text, ${normaliseSearchText(word)}) > 0`.execute(ctx.db);
    return r.rows.map((row) => row.inquiry_id).sort();
  }

  test('a sync batch of new threads and follow-ups: every message of every thread is indexed', async () => {
    const shop = newShopId();
    const a = mallInquiry('rakuten', {
      subject: '配送について',
      messages: [mallMessage('customer', '一通目のことば', h(0), 'a1'), mallMessage('shop', '二通目のことば', h(1), 'a2'), mallMessage('customer', '三通目のことば', h(2), 'a3')],
    });
    const b = mallInquiry('yahoo', { messages: [mallMessage('customer', '別の問い合わせ', h(0), 'b1')] });
    const [ra, rb] = await recordMallInquiries(ctx.db, shop, null, [a, b].map((inquiry) => ({ inquiry, files: none })));
    if (sqlite()) assert.equal(await marked(), 0, 'nothing left for a later search to check by hand');
    for (const w of ['一通目', '二通目のことば', '三通', '配送']) assert.deepEqual(await indexed(shop, w), [ra!.inquiryId], w);
    assert.deepEqual(await indexed(shop, '別の問'), [rb!.inquiryId]);

    // the next list: a follow-up and a changed subject in the same batch as a new thread
    const c = mallInquiry('rakuten', { messages: [mallMessage('customer', '新しいスレッド', h(3), 'c1')] });
    const followed = { ...a, subject: '配送日の変更', messages: [...a.messages, mallMessage('customer', '四通目のことば', h(4), 'a4')] };
    await recordMallInquiries(ctx.db, shop, null, [followed, c].map((inquiry) => ({ inquiry, files: none })));
    if (sqlite()) assert.equal(await marked(), 0);
    for (const w of ['四通目', '一通目', '配送日の変更']) assert.deepEqual(await indexed(shop, w), [ra!.inquiryId], w);
    assert.equal((await indexed(shop, '新しいスレッド')).length, 1);

    const single = await recordMallInquiry(ctx.db, shop, null, {
      ...followed,
      messages: [...followed.messages, mallMessage('shop', '五通目のことば', h(5), 'a5')],
    });
    if (sqlite()) assert.equal(await marked(), 0);
    assert.deepEqual(await indexed(shop, '五通目'), [single.inquiryId]);
  });

  test('a reply is indexed when it is written; a removed duplicate is gone from the index', async () => {
    const shop = newShopId();
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問です', h(0), 'q')] }));
    const res = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: replyForm('ご返信のぴかぴか') });
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as { message: { id: string } };
    if (sqlite()) assert.equal(await marked(), 0);
    assert.deepEqual(await indexed(shop, 'ぴかぴか'), [inquiryId]);

    // the mall shows the reply before its delivery is recorded: the sync stores the mall's copy, and the
    // delivery then removes that copy as a duplicate of the local row
    await recordMallInquiry(ctx.db, shop, null, {
      ...mallInquiry('rakuten'),
      mallInquiryId: (await ctx.db.selectFrom('inquiries').select('mall_inquiry_id').where('id', '=', inquiryId).executeTakeFirstOrThrow()).mall_inquiry_id,
      messages: [mallMessage('customer', '質問です', h(0), 'q'), mallMessage('shop', '別の写しもこもこ', h(1), 'mall-copy')],
    });
    assert.deepEqual(await indexed(shop, 'もこもこ'), [inquiryId]);
    await markMessageSent(ctx.db, shop, message.id, 'mall-copy');
    if (sqlite()) assert.equal(await marked(), 0);
    assert.deepEqual(await indexed(shop, 'もこもこ'), []);
    assert.deepEqual(await indexed(shop, 'ぴかぴか'), [inquiryId]);
  });

  test('a write that leaves every searched field as it was does not rebuild the document', async () => {
    if (!sqlite()) return;
    const shop = newShopId();
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, mallInquiry('rakuten', { subject: '同じ件名' }));
    await ctx.db.updateTable('inquiries').set({ subject: '同じ件名', status: 'replied' }).where('id', '=', inquiryId).execute();
    assert.equal(await marked(), 0, 'the same subject set again');
    await ctx.db.updateTable('inquiries').set({ subject: '違う件名' }).where('id', '=', inquiryId).execute();
    assert.equal(await marked(), 1, 'a changed subject marks the document');
    assert.deepEqual((await listInquiries(ctx.db, shop, { q: '違う件名', limit: 50 })).map((r) => r.id), [inquiryId], 'found while marked');
  });

  test('the migration goes down (marked documents indexed first) and up again', async () => {
    if (!sqlite()) return;
    const shop = newShopId();
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, mallInquiry('rakuten', { subject: '降りる前' }));
    await ctx.db.updateTable('inquiries').set({ subject: '降りる前の変更' }).where('id', '=', inquiryId).execute();
    await searchIndexOncePerWrite.down(ctx.db);
    assert.deepEqual(await indexed(shop, '降りる前の変更'), [inquiryId], 'indexed before the mark went away');
    await ctx.db.updateTable('inquiries').set({ subject: '降りた後' }).where('id', '=', inquiryId).execute();
    assert.deepEqual(await indexed(shop, '降りた後'), [inquiryId], 'the earlier triggers index at once');
    await searchIndexOncePerWrite.up(ctx.db);
    assert.equal(await marked(), 0);
    await ctx.db.updateTable('inquiries').set({ subject: '上がった後' }).where('id', '=', inquiryId).execute();
    assert.equal(await marked(), 1);
    await indexPendingSearchDocuments(ctx.db);
    assert.deepEqual(await indexed(shop, '上がった後'), [inquiryId]);
  });
});
