import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryCounts, InquiryDetail, InquiryPage, Problem, ReplyAccepted, Template } from '../../../shared/api.ts';
import { markMessageFailed } from '../../../server/inquiries/delivery.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, pngBytes, replyForm, snapshot, storeInquiry } from '../support/fixtures.ts';

describe("tenancy: another shop's ids answer 404 on every route, never its data", () => {
  let ctx: TestContext;
  const owner = newShopId('owner');
  const intruder = newShopId('intruder');
  let inquiryId: string;
  let completedId: string;
  let messageId: string;
  let attachmentId: string;
  let templateId: string;
  const orderId = 'order-of-owner-1';

  before(async () => {
    ctx = await createTestContext();
    inquiryId = await storeInquiry(ctx.db, owner, mallInquiry('rakuten', { orderId, customerName: '秘密 花子', messages: [mallMessage('customer', '秘密の質問', new Date())] }));
    completedId = await storeInquiry(ctx.db, owner, mallInquiry('rakuten', { completed: true, messages: [mallMessage('customer', '完了済み', new Date())] }));
    const reply = await ctx.request(owner, `/api/v1/inquiries/${inquiryId}/replies`, {
      method: 'POST',
      body: replyForm('添付します', [{ name: 'a.png', bytes: pngBytes() }]),
    });
    const accepted = (await reply.json()) as ReplyAccepted;
    messageId = accepted.message.id;
    attachmentId = accepted.message.attachments[0]!.id;
    await markMessageFailed(ctx.db, owner, messageId, '失敗');
    const template = await ctx.request(owner, '/api/v1/templates', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: '配送', name: '秘密', body: '本文' }),
    });
    templateId = ((await template.json()) as Template).id;
    await ctx.request(intruder, '/api/v1/inquiries/counts');
  });
  after(async () => ctx.close());

  test('every route with an id of the other shop answers 404 not_found and changes nothing', async () => {
    const json = { 'Content-Type': 'application/json' };
    const routes: [string, string, RequestInit?][] = [
      ['GET', `/api/v1/inquiries/${inquiryId}`],
      ['POST', `/api/v1/inquiries/${inquiryId}/replies`, { body: replyForm('横取り') }],
      ['POST', `/api/v1/inquiries/${inquiryId}/replies/${messageId}/retry`],
      ['POST', `/api/v1/inquiries/${inquiryId}/complete`],
      ['POST', `/api/v1/inquiries/${completedId}/reopen`],
      ['GET', `/api/v1/attachments/${attachmentId}`],
      ['GET', `/api/v1/templates/${templateId}`],
      ['PUT', `/api/v1/templates/${templateId}`, { headers: json, body: JSON.stringify({ category: 'x', name: 'y', body: 'z' }) }],
      ['DELETE', `/api/v1/templates/${templateId}`],
    ];
    const before = await snapshot(ctx.db);
    for (const [method, path, init] of routes) {
      const res = await ctx.request(intruder, path, { method, ...init });
      assert.equal(res.status, 404, `${method} ${path}`);
      const problem = (await res.json()) as Problem;
      assert.equal(problem.code, 'not_found');
      assert.ok(!JSON.stringify(problem).includes('秘密'));
    }
    assert.equal(await snapshot(ctx.db), before);
    // the owner still reaches all of it
    assert.equal((await ctx.request(owner, `/api/v1/inquiries/${inquiryId}`)).status, 200);
    assert.equal((await ctx.request(owner, `/api/v1/attachments/${attachmentId}`)).status, 200);
    assert.equal((await ctx.request(owner, `/api/v1/templates/${templateId}`)).status, 200);
  });

  test("lists, counts, orders, search, settings and events show nothing of the other shop", async () => {
    const page = (await (await ctx.request(intruder, '/api/v1/inquiries?q=秘密')).json()) as InquiryPage;
    assert.deepEqual(page.items, []);
    const all = (await (await ctx.request(intruder, '/api/v1/inquiries')).json()) as InquiryPage;
    assert.deepEqual(all.items, []);
    assert.deepEqual((await (await ctx.request(intruder, '/api/v1/inquiries/counts')).json()) as InquiryCounts, { needsReply: 0, replied: 0, completed: 0 });
    assert.deepEqual((await (await ctx.request(intruder, `/api/v1/orders/${orderId}/inquiries`)).json()) as InquiryDetail[], []);
    assert.deepEqual(((await (await ctx.request(intruder, '/api/v1/templates')).json()) as { items: Template[] }).items, []);
    assert.equal(((await (await ctx.request(owner, `/api/v1/orders/${orderId}/inquiries`)).json()) as InquiryDetail[]).length, 1);
    // a cursor made from the owner's rows still only pages the intruder's own rows
    const ownerPage = (await (await ctx.request(owner, '/api/v1/inquiries?limit=1')).json()) as InquiryPage;
    const viaCursor = (await (await ctx.request(intruder, `/api/v1/inquiries?cursor=${ownerPage.nextCursor}`)).json()) as InquiryPage;
    assert.deepEqual(viaCursor.items, []);
  });
});
