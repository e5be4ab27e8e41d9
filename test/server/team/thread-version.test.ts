import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryDetail, ReplyAccepted, ThreadChangedProblem } from '../../../shared/api.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, replyForm, snapshot } from '../support/fixtures.ts';
import { member } from './support.ts';

describe('二重返信防止: the thread version and basedOn', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  function form(body: string, basedOn: number | string, complete?: boolean) {
    const f = replyForm(body);
    f.append('basedOn', String(basedOn));
    if (complete !== undefined) f.append('complete', String(complete));
    return f;
  }

  test('the version moves on with every message: the customer\'s, the shop\'s, and one synced from the mall', async () => {
    const shop = newShopId();
    const a = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問です', new Date('2026-11-02T00:00:00Z'), 'c1')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const version = async () => (await a.json<InquiryDetail>(`/api/v1/inquiries/${inquiryId}`)).version;
    assert.equal(await version(), 1);
    const sent = await a.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('回答です', 1) });
    assert.equal(sent.status, 202);
    assert.equal(await version(), 2);
    // the same inquiry synced again with a new customer message and a reply written at the mall
    await recordMallInquiry(ctx.db, shop, null, {
      ...inquiry,
      messages: [
        ...inquiry.messages,
        mallMessage('customer', '追加の質問', new Date('2026-11-02T01:00:00Z'), 'c2'),
        mallMessage('shop', 'モールの画面からの返信', new Date('2026-11-02T02:00:00Z'), 's1'),
      ],
    });
    assert.equal(await version(), 4);
  });

  test('a reply based on an older version is refused with 409 thread_changed, the new messages, and nothing queued', async () => {
    const shop = newShopId();
    const a = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const b = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '質問です', new Date('2026-11-02T00:00:00Z'), 'c1')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const opened = await b.json<InquiryDetail>(`/api/v1/inquiries/${inquiryId}`);
    // A answers while B is typing
    const first = await a.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('山田からの回答', opened.version) });
    assert.equal(first.status, 202);
    const before = await snapshot(ctx.db);
    const refused = await b.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('佐藤からの回答', opened.version) });
    assert.equal(refused.status, 409);
    assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await refused.json()) as ThreadChangedProblem;
    assert.equal(problem.code, 'thread_changed');
    assert.equal(problem.version, opened.version + 1);
    assert.deepEqual(problem.messages.map((m) => m.body), ['山田からの回答']);
    assert.equal(await snapshot(ctx.db), before, 'nothing stored or queued');

    // the customer writes too: both new messages come back
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, messages: [...inquiry.messages, mallMessage('customer', 'まだですか', new Date(Date.now() + 1000), 'c2')] });
    const again = (await (await b.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('佐藤からの回答', opened.version) })).json()) as ThreadChangedProblem;
    assert.deepEqual(again.messages.map((m) => m.body), ['山田からの回答', 'まだですか']);

    // confirmed against the new version: accepted
    const confirmed = await b.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('佐藤からの回答', again.version) });
    assert.equal(confirmed.status, 202);
    assert.equal(((await confirmed.json()) as ReplyAccepted).message.body, '佐藤からの回答');
    const replies = await ctx.db.selectFrom('outbox').select('kind').where('inquiry_id', '=', inquiryId).execute();
    assert.equal(replies.length, 2);
  });

  test('without basedOn, or with a current one, a reply goes through', async () => {
    const shop = newShopId();
    const a = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, mallInquiry('yahoo'));
    assert.equal((await a.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: replyForm('回答') })).status, 202);
    const { version } = await a.json<InquiryDetail>(`/api/v1/inquiries/${inquiryId}`);
    assert.equal((await a.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('追記', version) })).status, 202);
  });

  test('送信して完了 queues the reply and a completion that waits for it; the inquiry stays open until delivery', async () => {
    const shop = newShopId();
    const a = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, mallInquiry('rakuten'));
    const res = await a.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: form('回答して完了', 1, true) });
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as ReplyAccepted;
    const rows = await ctx.db.selectFrom('outbox').select(['kind', 'message_id']).where('inquiry_id', '=', inquiryId).orderBy('created_at').orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.kind).sort(), ['complete', 'reply']);
    assert.ok(rows.every((r) => r.message_id === message.id));
    const detail = await a.json<InquiryDetail>(`/api/v1/inquiries/${inquiryId}`);
    assert.equal(detail.completed, false);
    assert.equal(detail.status, 'replied');
  });
});
