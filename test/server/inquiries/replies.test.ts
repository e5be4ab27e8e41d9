import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryDetail, Problem, ReplyAccepted } from '../../../shared/api.ts';
import { markMessageFailed } from '../../../server/inquiries/delivery.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, pdfBytes, pngBytes, replyForm, snapshot, storeInquiry } from '../support/fixtures.ts';

const MB = 1024 * 1024;

describe('replies: validated against the mall, committed with the outbox in one transaction', () => {
  let ctx: TestContext;
  let shop: string;
  let rakuten: string;
  let yahoo: string;
  before(async () => {
    ctx = await createTestContext();
    shop = newShopId();
    rakuten = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
    yahoo = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
  });
  after(async () => ctx.close());

  function reply(id: string, form: FormData) {
    return ctx.request(shop, `/api/v1/inquiries/${id}/replies`, { method: 'POST', body: form });
  }

  async function refused(id: string, form: FormData, code: string) {
    const before = await snapshot(ctx.db);
    const res = await reply(id, form);
    assert.equal(res.status, 422, `${code}: ${res.status}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, code);
    assert.ok(problem.errors?.some((e) => e.code === code));
    assert.equal(await snapshot(ctx.db), before, `${code} left the database unchanged`);
  }

  test('a valid Rakuten reply with an attachment answers 202 with the pending message, and queues it', async () => {
    const res = await reply(rakuten, replyForm('お問い合わせありがとうございます。\r\n詳細は https://item.rakuten.co.jp/shop/item/ をご覧ください。', [{ name: '説明書.pdf', bytes: pdfBytes(1000) }]));
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as ReplyAccepted;
    assert.equal(message.delivery, 'pending');
    assert.equal(message.sender, 'shop');
    assert.equal(message.body, 'お問い合わせありがとうございます。\n詳細は https://item.rakuten.co.jp/shop/item/ をご覧ください。');
    assert.equal(message.attachments.length, 1);
    assert.equal(message.attachments[0]!.contentType, 'application/pdf');
    assert.equal(message.attachments[0]!.size, 1000);
    const outbox = await ctx.db.selectFrom('outbox').selectAll().where('message_id', '=', message.id).execute();
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0]!.kind, 'reply');
    assert.equal(outbox[0]!.state, 'pending');
    assert.equal(outbox[0]!.attempts, 0);
  });

  test('Rakuten refusals, each with its code', async () => {
    await refused(rakuten, replyForm('   \n '), 'body_empty');
    await refused(rakuten, replyForm('あ'.repeat(2001)), 'body_too_long');
    await refused(rakuten, replyForm(`${'い'.repeat(301)}\n短い行`), 'line_too_long');
    await refused(rakuten, replyForm('こちらへ http://item.rakuten.co.jp/x'), 'link_not_allowed');
    await refused(rakuten, replyForm('こちらへ https://example.com/x'), 'link_not_allowed');
    await refused(rakuten, replyForm('二つ', [{ name: 'a.png', bytes: pngBytes() }, { name: 'b.png', bytes: pngBytes() }]), 'too_many_attachments');
    await refused(rakuten, replyForm('大きい', [{ name: 'big.png', bytes: new Uint8Array(5 * MB + 1) }]), 'attachment_too_large');
    await refused(rakuten, replyForm('種類', [{ name: 'virus.exe', bytes: pngBytes() }]), 'attachment_type_not_allowed');
    await refused(rakuten, replyForm('名前', [{ name: `${'な'.repeat(97)}.png`, bytes: pngBytes() }]), 'attachment_name_too_long');
    await refused(rakuten, replyForm('空', [{ name: 'empty.png', bytes: new Uint8Array(0) }]), 'attachment_empty');
  });

  test('Rakuten limits are inclusive: 2,000 characters, 300 per line, a 100-character name, 5 MB', async () => {
    const body = Array.from({ length: 6 }, () => 'う'.repeat(300)).join('\n').slice(0, 2000);
    const res = await reply(rakuten, replyForm(body, [{ name: `${'な'.repeat(96)}.png`, bytes: pngBytes(5 * MB) }]));
    assert.equal(res.status, 202, await res.clone().text());
  });

  test('Yahoo! takes 2,000 characters with no per-line or link rule, and refuses past that', async () => {
    const long = await reply(yahoo, replyForm(`${'え'.repeat(1000)} http://example.com/`));
    assert.equal(long.status, 202);
    await refused(yahoo, replyForm(''), 'body_empty');
    await refused(yahoo, replyForm('お'.repeat(2001)), 'body_too_long');
    await refused(yahoo, replyForm('四つ', Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, bytes: pngBytes() }))), 'too_many_attachments');
  });

  test('a reply to an unknown inquiry answers 404 and stores nothing', async () => {
    const before = await snapshot(ctx.db);
    const res = await reply('unknown', replyForm('回答'));
    assert.equal(res.status, 404);
    assert.equal(await snapshot(ctx.db), before);
  });

  test('a malformed form (no body, unknown field, text for a file) answers 400 invalid_request', async () => {
    const before = await snapshot(ctx.db);
    const noBody = await reply(rakuten, replyForm(null));
    assert.equal(noBody.status, 400);
    const extra = replyForm('回答');
    extra.append('html', '<b>x</b>');
    const res = await reply(rakuten, extra);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as Problem).code, 'invalid_request');
    const textFile = replyForm('回答');
    textFile.append('files[]', 'not a file');
    assert.equal((await reply(rakuten, textFile)).status, 400);
    assert.equal(await snapshot(ctx.db), before);
  });

  test('JSON instead of multipart answers 415', async () => {
    const res = await ctx.request(shop, `/api/v1/inquiries/${rakuten}/replies`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: '回答' }),
    });
    assert.equal(res.status, 415);
    assert.equal(((await res.json()) as Problem).code, 'unsupported_media_type');
  });

  test('retry: a failed reply goes back to pending with a fresh outbox row; anything else is refused', async () => {
    const res = await reply(rakuten, replyForm('再送テスト'));
    const { message } = (await res.json()) as ReplyAccepted;
    const early = await ctx.request(shop, `/api/v1/inquiries/${rakuten}/replies/${message.id}/retry`, { method: 'POST' });
    assert.equal(early.status, 409);
    assert.equal(((await early.json()) as Problem).code, 'retry_not_allowed');
    await ctx.db.updateTable('outbox').set({ state: 'failed', mall_reason: '禁止語句' }).where('message_id', '=', message.id).execute();
    await markMessageFailed(ctx.db, shop, message.id, '禁止語句が含まれています');
    const retried = await ctx.request(shop, `/api/v1/inquiries/${rakuten}/replies/${message.id}/retry`, { method: 'POST' });
    assert.equal(retried.status, 202);
    const body = (await retried.json()) as ReplyAccepted;
    assert.equal(body.message.delivery, 'pending');
    assert.equal(body.message.failureReason, null);
    const rows = await ctx.db.selectFrom('outbox').select(['state']).where('message_id', '=', message.id).orderBy('created_at').execute();
    assert.deepEqual(rows.map((r) => r.state).sort(), ['failed', 'pending']);
    const customerMessage = ((await (await ctx.request(shop, `/api/v1/inquiries/${rakuten}`)).json()) as InquiryDetail).messages[0]!;
    const wrong = await ctx.request(shop, `/api/v1/inquiries/${rakuten}/replies/${customerMessage.id}/retry`, { method: 'POST' });
    assert.equal(wrong.status, 409);
    const elsewhere = await ctx.request(shop, `/api/v1/inquiries/${yahoo}/replies/${message.id}/retry`, { method: 'POST' });
    assert.equal(elsewhere.status, 404);
  });

  test('attachment download: the stored bytes with safe headers', async () => {
    const bytes = pngBytes(300);
    const res = await reply(rakuten, replyForm('写真です', [{ name: '商品 "写真"(1).PNG', bytes, type: 'text/html' }]));
    const { message } = (await res.json()) as ReplyAccepted;
    const file = await ctx.request(shop, message.attachments[0]!.url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png', 'the type comes from the extension, not the client');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.match(file.headers.get('content-security-policy') ?? '', /sandbox/);
    const disposition = file.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent('商品 "写真"(1).PNG').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`));
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
    assert.equal((await ctx.request(shop, '/api/v1/attachments/unknown')).status, 404);
  });

  test('a file name keeps only its own name: no folders, no control characters', async () => {
    const res = await reply(rakuten, replyForm('添付', [{ name: 'C:\\Users\\shop\\..\\見積\u0007書.pdf', bytes: pdfBytes() }]));
    assert.equal(res.status, 202);
    const { message } = (await res.json()) as ReplyAccepted;
    assert.equal(message.attachments[0]!.name, '見積書.pdf');
  });
});
