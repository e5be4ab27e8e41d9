/**
 * The list preview is the last message the customer can read: a reply that failed for good never
 * becomes the preview of an inquiry that still needs a reply; once resent and delivered, it is again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryPage, ReplyAccepted } from '../../../shared/api.ts';
import { markMessageFailed, markMessageSent } from '../../../server/inquiries/delivery.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm, storeInquiry } from '../support/fixtures.ts';

describe('list preview', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  const row = async (shop: string, id: string, status: string) => {
    const page = (await (await ctx.request(shop, `/api/v1/inquiries?status=${status}`)).json()) as InquiryPage;
    return page.items.find((i) => i.id === id);
  };

  test('a failed reply is not the preview; a delivered one is', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '在庫はありますか？', new Date('2026-11-01T00:00:00Z'))] }));
    const res = await ctx.request(shop, `/api/v1/inquiries/${id}/replies`, { method: 'POST', body: replyForm('在庫がございます。') });
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as ReplyAccepted;

    await markMessageFailed(ctx.db, shop, message.id, 'Rakuten 401 GA0001: Un-Authorised [GA0001] (HTTP 401)');
    const failed = await row(shop, id, 'needs-reply');
    assert.ok(failed, 'needs a reply again');
    assert.equal(failed.preview, '在庫はありますか？');

    await markMessageSent(ctx.db, shop, message.id, 'mall-1');
    const sent = await row(shop, id, 'replied');
    assert.equal(sent?.preview, '在庫がございます。');
  });
});
