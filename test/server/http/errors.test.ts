import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../shared/api.ts';
import { JSON_BODY_LIMIT, MULTIPART_BODY_LIMIT } from '../../../server/http/body.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, replyForm, snapshot, storeInquiry } from '../support/fixtures.ts';

describe('bad requests answer a problem with a code and leave the database unchanged', () => {
  let ctx: TestContext;
  const shop = newShopId();
  let inquiryId: string;
  before(async () => {
    ctx = await createTestContext();
    inquiryId = await storeInquiry(ctx.db, shop, mallInquiry('rakuten'));
    await ctx.request(shop, '/api/v1/settings');
  });
  after(async () => ctx.close());

  async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, code);
    assert.equal(problem.status, status);
    assert.equal(typeof problem.type, 'string');
    assert.equal(typeof problem.title, 'string');
    assert.equal(typeof problem.detail, 'string');
    return problem;
  }

  const post = (path: string, body: BodyInit, contentType = 'application/json', method = 'POST') =>
    ctx.request(shop, path, { method, headers: { 'Content-Type': contentType }, body });

  test('malformed JSON answers 400 malformed_json', async () => {
    const before = await snapshot(ctx.db);
    await expectProblem(await post('/api/v1/templates', '{"category": "a", "name": '), 400, 'malformed_json');
    await expectProblem(await post('/api/v1/settings', '{,}', 'application/json', 'PUT'), 400, 'malformed_json');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('a wrong field type or an unknown field answers 400 invalid_request with errors[]', async () => {
    const before = await snapshot(ctx.db);
    const wrongType = await expectProblem(await post('/api/v1/templates', JSON.stringify({ category: 'a', name: 1, body: 'c' })), 400, 'invalid_request');
    assert.ok(wrongType.errors?.some((e) => e.field === 'name'));
    const unknown = await expectProblem(await post('/api/v1/templates', JSON.stringify({ category: 'a', name: 'b', body: 'c', admin: true })), 400, 'invalid_request');
    assert.ok(unknown.errors?.some((e) => e.field === 'admin'));
    await expectProblem(await post('/api/v1/templates', JSON.stringify(['a', 'b'])), 400, 'invalid_request');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('a JSON body over 64 KB answers 413 body_too_large, by Content-Length and when streamed without one', async () => {
    const before = await snapshot(ctx.db);
    const big = JSON.stringify({ category: 'a', name: 'b', body: 'x'.repeat(JSON_BODY_LIMIT) });
    await expectProblem(await post('/api/v1/templates', big), 413, 'body_too_large');
    const chunks = [big.slice(0, 40_000), big.slice(40_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await ctx.request(shop, '/api/v1/templates', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413, 'body_too_large');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('a reply body over 12 MB answers 413 before it is read', async () => {
    const before = await snapshot(ctx.db);
    const res = await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/replies`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(MULTIPART_BODY_LIMIT + 1) },
      body: 'never read',
    });
    await expectProblem(res, 413, 'body_too_large');
    const huge = replyForm('大きすぎる', [{ name: 'a.pdf', bytes: new Uint8Array(MULTIPART_BODY_LIMIT + 10) }]);
    await expectProblem(await ctx.request(shop, `/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: huge }), 413, 'body_too_large');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('a wrong content type answers 415 unsupported_media_type', async () => {
    const before = await snapshot(ctx.db);
    await expectProblem(await post('/api/v1/templates', 'category=a', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    await expectProblem(await post('/api/v1/settings', '{}', 'text/plain', 'PUT'), 415, 'unsupported_media_type');
    assert.equal(await snapshot(ctx.db), before);
  });

  test('an unknown path answers a 404 problem', async () => {
    await expectProblem(await ctx.request(shop, '/api/v1/nothing-here'), 404, 'not_found');
  });
});
