import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../shared/api.ts';
import { createApp } from '../../../server/app.ts';
import { signDemoToken, signToken } from '../../../server/auth/jwt.ts';
import { loadEnvConfig, parseMaxAge } from '../../../server/config.ts';
import { createEventHub } from '../../../server/events/event-hub.ts';
import { TEST_SECRET, createTestDatabase, idleMallSide, newShopId, type TestDatabase } from '../support/context.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const DAY = 24 * 3600;

describe('token lifetime: exp required, at most GOQ_JWT_MAX_AGE ahead, the demo shop exempt only when named', () => {
  let database: TestDatabase;
  const counts = (app: ReturnType<typeof createApp>, token: string) =>
    app.request('/api/v1/inquiries/counts', { headers: { Authorization: `Bearer ${token}` } });
  let app: ReturnType<typeof createApp>;
  before(async () => {
    database = await createTestDatabase();
    app = createApp({ db: database.db, hub: createEventHub(), malls: idleMallSide(database.db), config: { jwtSecret: TEST_SECRET, corsOrigins: [] } });
  });
  after(async () => database.close());

  async function refused(res: Response, code: string) {
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="goq", error="invalid_token"/);
    const problem = (await res.json()) as Problem;
    assert.equal(problem.code, code);
  }

  test('a token without exp answers 401 token_exp_required', async () => {
    await refused(await counts(app, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { expiresInSeconds: null })), 'token_exp_required');
  });

  test('exp more than 24 hours ahead answers 401 token_exp_required as well; within it is accepted', async () => {
    await refused(await counts(app, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { expiresInSeconds: DAY + 120 })), 'token_exp_required');
    assert.equal((await counts(app, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { expiresInSeconds: DAY - 60 }))).status, 200);
  });

  test('jwtMaxAgeSeconds narrows it; GOQ_JWT_MAX_AGE is read by the config', async () => {
    const short = createApp({ db: database.db, hub: createEventHub(), malls: idleMallSide(database.db), config: { jwtSecret: TEST_SECRET, corsOrigins: [], jwtMaxAgeSeconds: 300 } });
    await refused(await counts(short, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { expiresInSeconds: 600 })), 'token_exp_required');
    assert.equal((await counts(short, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { expiresInSeconds: 200 }))).status, 200);
    assert.equal(parseMaxAge(undefined), DAY);
    assert.equal(parseMaxAge('3600'), 3600);
    assert.throws(() => parseMaxAge('-1'));
    assert.throws(() => parseMaxAge('1h'));
    assert.equal(loadEnvConfig({ GOQ_JWT_SECRET: 'x', GOQ_JWT_MAX_AGE: '900', GOQ_DATA_DIR: mkdtempSync(join(tmpdir(), 'goq-config-')) }).jwtMaxAgeSeconds, 900);
  });

  test('the year-long demo token passes only where its shop is maxAgeExemptShop', async () => {
    const demo = signDemoToken(TEST_SECRET, 'demo-shop');
    await refused(await counts(app, demo), 'token_exp_required');
    const demoMode = createApp({ db: database.db, hub: createEventHub(), malls: idleMallSide(database.db), config: { jwtSecret: TEST_SECRET, corsOrigins: [], maxAgeExemptShop: 'demo-shop' } });
    assert.equal((await counts(demoMode, demo)).status, 200);
    // the exemption is the shop's alone
    await refused(await counts(demoMode, signDemoToken(TEST_SECRET, newShopId())), 'token_exp_required');
  });

  test('nbf ahead, alg none and HS512 answer 401 even with a valid exp', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    await refused(await counts(app, signToken({ shop: newShopId(), staff: 's' }, TEST_SECRET, { notBeforeSeconds: 60 })), 'unauthorized');
    const payload = b64({ shop: 'shop-a', staff: 's', exp });
    await refused(await counts(app, `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`), 'unauthorized');
    const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}`;
    await refused(await counts(app, `${hs512}.${createHmac('sha512', TEST_SECRET).update(hs512).digest('base64url')}`), 'unauthorized');
    const hs256 = `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}`;
    assert.equal((await counts(app, `${hs256}.${createHmac('sha256', TEST_SECRET).update(hs256).digest('base64url')}`)).status, 200);
  });

  test('an optional sub and role are accepted alongside shop and staff', async () => {
    assert.equal((await counts(app, signToken({ shop: newShopId(), staff: 's', sub: 'user-1', role: 'admin' }, TEST_SECRET))).status, 200);
  });
});
