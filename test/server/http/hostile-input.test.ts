import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { TEST_SECRET, createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, pngBytes, replyForm, snapshot, storeInquiry } from '../support/fixtures.ts';

describe('hostile input: U+0000 anywhere answers 422 invalid_text and stores nothing; a repeated query parameter answers 400', () => {
  let ctx: TestContext;
  let shop: string;
  let inquiry: string;
  before(async () => {
    ctx = await createTestContext();
    shop = newShopId();
    inquiry = await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
  });
  after(async () => ctx.close());

  const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  async function invalidText(res: Response | Promise<Response>, label: string) {
    const answer = await res;
    assert.equal(answer.status, 422, `${label}: ${answer.status}`);
    assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await answer.json()) as Problem;
    assert.equal(problem.code, 'invalid_text', label);
  }

  test('JSON bodies: templates and settings', async () => {
    const before = await snapshot(ctx.db);
    await invalidText(ctx.request(shop, '/api/v1/templates', json('POST', { category: 'a', name: 'n\u0000', body: 'b' })), 'template name');
    await invalidText(ctx.request(shop, '/api/v1/templates', json('POST', { category: 'a', name: 'n', body: 'x\u0000y' })), 'template body');
    const settings = { storeNames: { rakuten: '店\u0000', yahoo: '' }, phone: '', email: '' };
    await invalidText(ctx.request(shop, '/api/v1/settings', json('PUT', settings)), 'settings');
    // a NUL in a key is refused as well, before the shape check would name it
    await invalidText(ctx.request(shop, '/api/v1/templates', json('POST', { category: 'a', name: 'n', body: 'b', 'x\u0000': 1 })), 'key');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('the reply form: body, file name and the other text fields', async () => {
    const before = await snapshot(ctx.db);
    const reply = (form: FormData) => ctx.request(shop, `/api/v1/inquiries/${inquiry}/replies`, { method: 'POST', body: form });
    await invalidText(reply(replyForm('回答\u0000です')), 'reply body');
    await invalidText(reply(replyForm('回答', [{ name: 'a\u0000b.png', bytes: pngBytes() }])), 'file name');
    const based = replyForm('回答');
    based.append('basedOn', 't\u0000');
    await invalidText(reply(based), 'basedOn');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('query q, path ids and the token claims shop, staff and sub', async () => {
    const before = await snapshot(ctx.db);
    await invalidText(ctx.request(shop, '/api/v1/inquiries?q=%00'), 'q');
    await invalidText(ctx.request(shop, '/api/v1/inquiries?q=a%00b&status=replied'), 'q mid-text');
    await invalidText(ctx.request(shop, `/api/v1/inquiries/${inquiry}%00`), 'path id');
    await invalidText(ctx.request(shop, `/api/v1/inquiries/x%00/complete`, { method: 'POST' }), 'path id, POST');
    await invalidText(ctx.request(shop, '/api/v1/attachments/%00'), 'attachment id');
    const claims = [{ shop: `${shop}\u0000` }, { shop, staff: 'a\u0000b' }, { shop, staff: 's', sub: 'u\u0000' }];
    for (const claim of claims) {
      const token = signToken({ staff: 's', ...claim }, TEST_SECRET);
      await invalidText(ctx.app.request('/api/v1/inquiries/counts', { headers: { Authorization: `Bearer ${token}` } }), JSON.stringify(claim));
    }
    assert.equal(await snapshot(ctx.db), before);
  });

  test('%2500 is the text "%00", not a NUL, and is searched for as such', async () => {
    const res = await ctx.request(shop, '/api/v1/inquiries?q=%2500');
    assert.equal(res.status, 200);
  });

  test('a repeated query parameter answers 400 invalid_query', async () => {
    for (const query of ['status=needs-reply&status=replied', 'q=a&q=b', 'mall=yahoo&limit=5&mall=yahoo']) {
      const res = await ctx.request(shop, `/api/v1/inquiries?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(((await res.json()) as Problem).code, 'invalid_query', query);
    }
    const templates = await ctx.request(shop, '/api/v1/templates?category=a&category=b');
    assert.equal(templates.status, 400);
    assert.equal(((await templates.json()) as Problem).code, 'invalid_query');
    assert.equal((await ctx.request(shop, '/api/v1/inquiries?status=replied&mall=yahoo')).status, 200);
  });
});
