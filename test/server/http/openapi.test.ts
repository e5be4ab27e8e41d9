import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { PROBLEM_CODES } from '../../../shared/problem-codes.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: boolean } }> } }>>;
}

describe('GET /api/v1/openapi.json', () => {
  let ctx: TestContext;
  let doc: Doc;
  before(async () => {
    ctx = await createTestContext();
    const res = await ctx.app.request('/api/v1/openapi.json');
    assert.equal(res.status, 200, 'public, no token needed');
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    doc = (await res.json()) as Doc;
  });
  after(async () => ctx.close());

  test('is a valid OpenAPI 3.1 document', async () => {
    assert.match(doc.openapi, /^3\.1\./);
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
  });

  test('describes bodies and queries from the schemas the routes validate with', () => {
    const template = doc.paths['/templates']!.post!.requestBody!.content['application/json']!.schema;
    assert.deepEqual(Object.keys(template.properties ?? {}).sort(), ['body', 'category', 'name']);
    assert.equal(template.additionalProperties, false, 'strict, as the route is');
    const settings = doc.paths['/settings']!.put!.requestBody!.content['application/json']!.schema;
    assert.deepEqual(Object.keys(settings.properties ?? {}).sort(), ['email', 'phone', 'storeNames']);
    const query = doc.paths['/inquiries']!.get!.parameters!.filter((p) => p.in === 'query').map((p) => p.name).sort();
    assert.deepEqual(query, ['assignee', 'cursor', 'limit', 'mall', 'q', 'sort', 'status']);
    const reply = doc.paths['/inquiries/{id}/replies']!.post!.requestBody!.content['multipart/form-data']!.schema;
    assert.deepEqual(Object.keys(reply.properties ?? {}).sort(), ['basedOn', 'body', 'complete', 'files[]']);
    assert.deepEqual(reply.required, ['body']);
  });

  test('every described GET without parameters answers as described', async () => {
    const shop = newShopId();
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!item.get || path.includes('{') || path === '/events') continue;
      const res = await ctx.request(shop, `/api/v1${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/, path);
    }
    const unknown = await ctx.request(shop, '/api/v1/inquiries/none');
    assert.equal(unknown.status, 404);
    assert.ok(PROBLEM_CODES.includes(((await unknown.json()) as { code: (typeof PROBLEM_CODES)[number] }).code));
  });
});
