/**
 * The inbox's first pages are kept in memory, and must never outlive a change: whoever writes the
 * shop's inquiries (this server's API, the sync, another server on the same database, a direct
 * write), the next request answers the new state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryPage } from '../../../shared/api.ts';
import { InboxPageCache } from '../../../server/inquiries/inbox-page-cache.ts';
import { readInquiryVersion } from '../../../server/inquiries/inquiries.repository.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm, storeInquiry } from '../support/fixtures.ts';

const t0 = new Date('2026-11-10T00:00:00Z');
const h = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

describe('the inbox page cache', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  async function page(shop: string, query = 'status=needs-reply'): Promise<InquiryPage> {
    const res = await ctx.request(shop, `/api/v1/inquiries?${query}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return (await res.json()) as InquiryPage;
  }

  test('every write of the shop\'s inquiries moves its version on, by database triggers', async () => {
    const shop = newShopId();
    assert.equal(await readInquiryVersion(ctx.db, shop), 0);
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', h(0))] }));
    const afterInsert = await readInquiryVersion(ctx.db, shop);
    assert.ok(afterInsert > 0);
    await ctx.db.updateTable('inquiries').set({ subject: '件名変更' }).where('id', '=', id).execute();
    const afterUpdate = await readInquiryVersion(ctx.db, shop);
    assert.ok(afterUpdate > afterInsert);
    await ctx.db.deleteFrom('inquiries').where('id', '=', id).execute();
    assert.ok((await readInquiryVersion(ctx.db, shop)) > afterUpdate);
    // another shop's version is its own
    assert.equal(await readInquiryVersion(ctx.db, newShopId()), 0);
  });

  test('a write from outside this server is seen at the next request', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { subject: '最初の件名', messages: [mallMessage('customer', '質問', h(0))] }));
    assert.equal((await page(shop)).items[0]!.subject, '最初の件名');
    assert.equal((await page(shop)).items[0]!.subject, '最初の件名');
    // as another server on the same database would write it
    await ctx.db.updateTable('inquiries').set({ subject: '別のサーバーが変更' }).where('id', '=', id).execute();
    assert.equal((await page(shop)).items[0]!.subject, '別のサーバーが変更');
  });

  test('a reply moves the inquiry from the cached 返信が必要 page to 返信済み at once', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', h(0))] }));
    assert.deepEqual((await page(shop)).items.map((i) => i.id), [id]);
    assert.deepEqual((await page(shop, 'status=replied')).items, []);
    const res = await ctx.request(shop, `/api/v1/inquiries/${id}/replies`, { method: 'POST', body: replyForm('回答します') });
    assert.equal(res.status, 202);
    assert.deepEqual((await page(shop)).items, []);
    assert.deepEqual((await page(shop, 'status=replied')).items.map((i) => i.id), [id]);
  });

  test('each tab, mall filter and page size is kept apart; searches and later pages are not kept', () => {
    const cache = new InboxPageCache();
    const keys = [
      cache.keyOf('s', { status: 'needs-reply' }),
      cache.keyOf('s', { status: 'replied' }),
      cache.keyOf('s', { status: 'needs-reply', mall: 'yahoo' }),
      cache.keyOf('s', { status: 'needs-reply', limit: 10 }),
      cache.keyOf('t', { status: 'needs-reply' }),
    ];
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(cache.keyOf('s', { q: '配送' }), null);
    assert.equal(cache.keyOf('s', { cursor: 'abc' }), null);
  });

  test('an entry read at an older version is dropped; memory stays within its bound', () => {
    const bytes = (char: string, n: number) => new TextEncoder().encode(char.repeat(n));
    const cache = new InboxPageCache(1000);
    cache.set('a', 1, bytes('x', 400));
    assert.deepEqual(cache.get('a', 1), bytes('x', 400));
    assert.equal(cache.get('a', 2), null);
    assert.equal(cache.get('a', 1), null, 'gone once seen stale');
    for (const key of ['b', 'c', 'd']) cache.set(key, 1, bytes('y', 400));
    assert.equal(cache.size, 2, 'the oldest made room: 400 bytes each, 1000 at most');
    assert.equal(cache.get('b', 1), null);
    cache.set('huge', 1, bytes('z', 1200));
    assert.equal(cache.get('huge', 1), null, 'larger than the whole cache: not kept');
    // Japanese text is counted in its UTF-8 bytes (3 a character), as it is held
    cache.set('ja', 1, bytes('件', 300));
    assert.equal(cache.get('ja', 1)!.byteLength, 900);
    assert.equal(cache.size, 1, 'both 400-byte entries made room for the 900 bytes');
  });
});
