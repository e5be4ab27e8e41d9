import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../shared/api.ts';
import { signToken, verifyToken } from '../../../server/auth/jwt.ts';
import { TEST_SECRET, createTestContext, newShopId, type TestContext } from '../support/context.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication: Bearer HS256 JWT', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext({ corsOrigins: ['https://backoffice.example.jp'] });
  });
  after(async () => ctx.close());

  async function withToken(token: string | null) {
    const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
    return ctx.app.request('/api/v1/inquiries/counts', { headers });
  }

  async function assertUnauthorized(res: Response) {
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="goq"/);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, 'unauthorized');
    assert.equal(problem.status, 401);
  }

  test('a valid token is accepted', async () => {
    const res = await withToken(signToken({ shop: newShopId(), staff: '担当' }, TEST_SECRET, { expiresInSeconds: 60 }));
    assert.equal(res.status, 200);
  });

  test('a missing token, or not a Bearer one, answers 401', async () => {
    await assertUnauthorized(await withToken(null));
    await assertUnauthorized(await ctx.app.request('/api/v1/inquiries', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }));
    await assertUnauthorized(await withToken('not-a-jwt'));
  });

  test('a tampered token answers 401', async () => {
    const token = signToken({ shop: 'shop-a', staff: 's' }, TEST_SECRET, { expiresInSeconds: 60 });
    const [head, , sig] = token.split('.');
    await assertUnauthorized(await withToken(`${head}.${b64({ shop: 'shop-b', staff: 's' })}.${sig}`));
    await assertUnauthorized(await withToken(signToken({ shop: 'shop-a', staff: 's' }, 'another-secret')));
    await assertUnauthorized(await withToken(`${token.slice(0, -2)}AA`));
  });

  test('an expired token and one not yet valid answer 401', async () => {
    await assertUnauthorized(await withToken(signToken({ shop: 'a', staff: 's' }, TEST_SECRET, { expiresInSeconds: -1 })));
    await assertUnauthorized(await withToken(signToken({ shop: 'a', staff: 's' }, TEST_SECRET, { notBeforeSeconds: 300 })));
  });

  test('alg none, another algorithm, and a token without a shop answer 401', async () => {
    const payload = b64({ shop: 'shop-a', staff: 's' });
    await assertUnauthorized(await withToken(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`));
    const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}`;
    await assertUnauthorized(await withToken(`${hs512}.${createHmac('sha512', TEST_SECRET).update(hs512).digest('base64url')}`));
    // the right signature over a header that claims another algorithm is still refused
    const hs384 = `${b64({ alg: 'HS384', typ: 'JWT' })}.${payload}`;
    await assertUnauthorized(await withToken(`${hs384}.${createHmac('sha256', TEST_SECRET).update(hs384).digest('base64url')}`));
    await assertUnauthorized(await withToken(signToken({ shop: '', staff: 's' }, TEST_SECRET)));
    const noShop = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ staff: 's' })}`;
    await assertUnauthorized(await withToken(`${noShop}.${createHmac('sha256', TEST_SECRET).update(noShop).digest('base64url')}`));
  });

  test('verifyToken carries shop and staff', async () => {
    const claims = await verifyToken(signToken({ shop: 'shop-x', staff: '山田 花子' }, TEST_SECRET), TEST_SECRET);
    assert.deepEqual(claims, { shop: 'shop-x', staff: '山田 花子' });
    const long = await verifyToken(signToken({ shop: 'shop-x', staff: `名\n${'前'.repeat(200)}` }, TEST_SECRET), TEST_SECRET);
    assert.equal(long.staff, `名${'前'.repeat(99)}`);
  });

  test('each secret verifies only its own tokens', async () => {
    const a = signToken({ shop: 'shop-a', staff: 's' }, 'secret-a');
    const b = signToken({ shop: 'shop-b', staff: 's' }, 'secret-b');
    for (let i = 0; i < 2; i++) {
      assert.equal((await verifyToken(a, 'secret-a')).shop, 'shop-a');
      assert.equal((await verifyToken(b, 'secret-b')).shop, 'shop-b');
      await assert.rejects(verifyToken(a, 'secret-b'));
      await assert.rejects(verifyToken(b, 'secret-a'));
    }
  });

  test('the header and claims are checked as hono/jwt checked them: typ JWT in any case, no crit, iat not ahead, an object payload', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const signed = (header: unknown, payload: unknown, secret = TEST_SECRET) => {
      const head = `${b64(header)}.${b64(payload)}`;
      return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
    };
    const claims = { shop: newShopId(), staff: 's', exp };
    for (const typ of ['JWT', 'jwt', 'application/jwt', undefined]) {
      const res = await withToken(signed({ alg: 'HS256', ...(typ ? { typ } : {}) }, claims));
      assert.equal(res.status, 200, String(typ));
    }
    await assertUnauthorized(await withToken(signed({ alg: 'HS256', typ: 'JWS' }, claims)));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256', typ: 'JWT', crit: ['exp'] }, claims)));
    await assertUnauthorized(await withToken(signed({ alg: 'hs256', typ: 'JWT' }, claims)));
    await assertUnauthorized(await withToken(signed(['HS256'], claims)));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256' }, { ...claims, iat: exp + 600 })));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256' }, { ...claims, nbf: 'soon' })));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256' }, { ...claims, exp: 'later' })));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256' }, [claims])));
    await assertUnauthorized(await withToken(signed({ alg: 'HS256' }, null)));
    // a signature cut short, padded out, or in another alphabet
    const good = signed({ alg: 'HS256' }, claims);
    await assertUnauthorized(await withToken(good.slice(0, -4)));
    await assertUnauthorized(await withToken(`${good}AAAA`));
    await assertUnauthorized(await withToken(`${good.slice(0, -2)}+/`));
    await assertUnauthorized(await withToken(`${good}.x`));
  });

  test('CORS: a configured origin is allowed, any other gets no CORS headers', async () => {
    const preflight = await ctx.app.request('/api/v1/inquiries', {
      method: 'OPTIONS',
      headers: { Origin: 'https://backoffice.example.jp', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://backoffice.example.jp');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const other = await ctx.app.request('/api/v1/inquiries', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const get = await ctx.request(newShopId(), '/api/v1/inquiries/counts', { headers: { Origin: 'https://evil.example' } });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('access-control-allow-origin'), null);
  });
});
