/** The Yahoo! client's credentials against the simulator: token refresh, the public-key header, expiry facts. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import type { YahooTokens } from '../../../server/malls/yahoo/client.ts';
import { swsSignature } from '../../../server/malls/yahoo/signature.ts';
import { checkSignature, unpadPkcs1Type2 } from '../../../simulators/yahoo/signature-check.ts';
import { addQuestion, setup, testKeyPair } from './helpers.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('Yahoo! client: tokens', () => {
  test('gets an access token first, by HTTP Basic, and reuses it until it expires', async () => {
    const saved: YahooTokens[] = [];
    const s = setup({ client: { onTokens: (t) => void saved.push(t) } });
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    await s.client.get(topicId);
    const endpoints = () => s.sim.control.requests(s.sellerId).map((r) => r.endpoint);
    assert.deepEqual(endpoints(), ['token', 'externalTalkDetail', 'externalTalkDetail']);
    assert.equal(saved.length, 1);
    assert.equal(saved[0].refreshToken, s.store.refreshToken, 'no new refresh token came back: the old one stays');
    assert.equal(saved[0].accessTokenExpiresAt.getTime(), s.clock.now().getTime() + HOUR);

    // an hour later the token has run out: refreshed before the call, not after a 401
    s.clock.advance(HOUR);
    await s.client.get(topicId);
    assert.deepEqual(endpoints().slice(3), ['token', 'externalTalkDetail']);
    assert.ok(s.sim.control.requests(s.sellerId).every((r) => r.status === 200));
  });

  test('a 401 invalid_token refreshes once and repeats the call, a write included', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    await s.client.get(topicId);
    s.sim.control.expireAccessTokens(s.sellerId);
    s.sim.control.clearRequests(s.sellerId);
    await s.client.postReply(topicId, '確認いたします。', []);
    assert.deepEqual(
      s.sim.control.requests(s.sellerId).map((r) => [r.endpoint, r.status]),
      [
        ['externalTalkAdd', 401],
        ['token', 200],
        ['externalTalkAdd', 200],
      ],
    );
    assert.equal(s.sim.control.topic(s.sellerId, topicId)!.messages.length, 2, 'posted exactly once');
  });

  test('the token request is grant_type=refresh_token with the client id and secret by HTTP Basic', async () => {
    const s = setup();
    const seen: Array<{ auth: string | null; body: string }> = [];
    const client = s.makeClient({
      fetch: async (url, init) => {
        if (url.endsWith('/yconnect/v2/token')) seen.push({ auth: new Headers(init.headers).get('Authorization'), body: String(init.body) });
        return s.sim.app.fetch(new Request(url, init));
      },
    });
    await client.checkCredentials();
    assert.equal(seen.length, 1);
    assert.equal(seen[0].auth, `Basic ${Buffer.from(`${s.store.clientId}:${s.store.clientSecret}`).toString('base64')}`);
    const form = new URLSearchParams(seen[0].body);
    assert.equal(form.get('grant_type'), 'refresh_token');
    assert.equal(form.get('refresh_token'), s.store.refreshToken);
    assert.equal(form.get('client_secret'), null, 'the secret travels only in the Basic header');
  });

  test('a rotated refresh token replaces the old one', async () => {
    const saved: YahooTokens[] = [];
    const s = setup({ sim: { rotateRefreshTokens: true }, client: { onTokens: (t) => void saved.push(t) } });
    await s.client.checkCredentials();
    assert.notEqual(saved[0].refreshToken, s.store.refreshToken);
    s.clock.advance(2 * HOUR);
    await s.client.checkCredentials();
    assert.equal(saved.length, 2);
    assert.equal(s.client.tokens()!.refreshToken, saved[1].refreshToken);
  });

  test('a revoked or expired refresh token is auth with invalid_grant', async () => {
    const s = setup();
    s.sim.control.revokeTokens(s.sellerId);
    await assert.rejects(s.client.checkCredentials(), (e: unknown) => {
      assert.ok(e instanceof MallError);
      assert.equal(e.kind, 'auth');
      assert.equal(e.details.mallCode, 'invalid_grant');
      return true;
    });

    const t = setup();
    t.clock.advance(29 * DAY);
    await assert.rejects(t.client.checkCredentials(), (e: unknown) => e instanceof MallError && e.details.mallCode === 'invalid_grant');
  });

  test('a wrong client secret is auth with invalid_client', async () => {
    const s = setup();
    const client = s.makeClient({ credentials: { ...s.store, clientSecret: 'wrong', publicKey: s.store.publicKey } });
    await assert.rejects(client.checkCredentials(), (e: unknown) => e instanceof MallError && e.kind === 'auth' && e.details.mallCode === 'invalid_client');
  });

  test('a 401 that a refresh does not cure is auth after exactly one refresh', async () => {
    const s = setup();
    const topicId = addQuestion(s);
    s.sim.control.setFaults({ unauthorizedRate: 1, seed: 1 });
    s.sim.control.clearRequests(s.sellerId);
    await assert.rejects(s.client.get(topicId), (e: unknown) => e instanceof MallError && e.kind === 'auth' && e.details.mallCode === 'invalid_token');
    assert.deepEqual(
      s.sim.control.requests(s.sellerId).map((r) => r.endpoint),
      ['token', 'externalTalkDetail', 'token', 'externalTalkDetail'],
    );
  });
});

describe('Yahoo! public-key header', () => {
  test('the simulator decrypts what the client encrypts (PKCS#1 v1.5 padding removed by hand)', () => {
    const keys = testKeyPair();
    const now = 1795143600;
    const signature = swsSignature(keys.publicKeyPem, 'goq-test', now);
    assert.notEqual(signature, swsSignature(keys.publicKeyPem, 'goq-test', now), 'random padding: fresh every time');
    const verdict = checkSignature({
      signature,
      version: '1',
      keys: new Map([['1', keys.privateKey]]),
      expectedSellerId: 'goq-test',
      nowSeconds: now,
      skewSeconds: 300,
    });
    assert.deepEqual(verdict, { ok: true, sellerId: 'goq-test', unixSeconds: now });
    const check = (over: Partial<Parameters<typeof checkSignature>[0]>) =>
      checkSignature({ signature, version: '1', keys: new Map([['1', keys.privateKey]]), expectedSellerId: 'goq-test', nowSeconds: now, skewSeconds: 300, ...over });
    assert.deepEqual(check({ expectedSellerId: 'other' }), { ok: false, reason: 'wrong_seller' });
    assert.deepEqual(check({ nowSeconds: now + 301 }), { ok: false, reason: 'clock_skew' });
    assert.deepEqual(check({ version: '2' }), { ok: false, reason: 'unknown_version' });
    assert.deepEqual(check({ signature: null }), { ok: false, reason: 'missing' });
    assert.deepEqual(check({ signature: Buffer.from('garbage').toString('base64') }), { ok: false, reason: 'undecryptable' });
    assert.equal(unpadPkcs1Type2(Buffer.from([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 65])), null, 'type 1 is not encryption padding');
  });

  test('every API call carries a fresh signature, and the mall answers authorized', async () => {
    const s = setup();
    const seen: string[] = [];
    const client = s.makeClient({
      fetch: async (url, init) => {
        const headers = new Headers(init.headers);
        if (url.includes('ShoppingWebService')) {
          seen.push(headers.get('X-sws-signature') ?? '');
          assert.equal(headers.get('X-sws-signature-version'), '1');
          assert.match(headers.get('Authorization') ?? '', /^Bearer at\./);
        }
        return s.sim.app.fetch(new Request(url, init));
      },
    });
    const topicId = addQuestion(s);
    await client.get(topicId);
    await client.get(topicId);
    assert.equal(seen.length, 2);
    assert.notEqual(seen[0], seen[1]);
    assert.equal(client.authorizeStatus(), 'authorized');
  });

  test('without a signature the inquiry API answers 401 px-04102, reported as auth', async () => {
    const s = setup();
    const client = s.makeClient({ credentials: { ...s.store, publicKey: null } });
    await assert.rejects(client.get(addQuestion(s)), (e: unknown) => {
      assert.ok(e instanceof MallError);
      assert.equal(e.kind, 'auth');
      assert.equal(e.details.status, 401);
      assert.equal(e.details.mallCode, 'px-04102');
      return true;
    });
  });

  test('a signature made with another key, or with a clock too far off, is refused', async () => {
    const s = setup();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const wrongKey = s.makeClient({ credentials: { ...s.store, publicKey: { pem: other, version: '1' } } });
    await assert.rejects(wrongKey.checkCredentials(), (e: unknown) => e instanceof MallError && e.details.mallCode === 'px-04102');

    const skewed = { now: () => new Date(s.clock.now().getTime() + 10 * 60_000) };
    await assert.rejects(s.makeClient({ clock: skewed }).checkCredentials(), (e: unknown) => e instanceof MallError && e.details.mallCode === 'px-04102');
    const slightlyOff = { now: () => new Date(s.clock.now().getTime() + 2 * 60_000) };
    await s.makeClient({ clock: slightlyOff }).checkCredentials();
  });

  test('a pasted key that is not a public key is auth (public_key_invalid) before any API call', async () => {
    const s = setup();
    const client = s.makeClient({ credentials: { ...s.store, publicKey: { pem: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----', version: '1' } } });
    await assert.rejects(client.checkCredentials(), (e: unknown) => e instanceof MallError && e.kind === 'auth' && e.details.mallCode === 'public_key_invalid');
    assert.ok(!s.sim.control.requests(s.sellerId).some((r) => r.endpoint.startsWith('externalTalk')));
  });

  test('after a key rotation the new version is accepted and the old one still is', async () => {
    const s = setup();
    const next = s.sim.control.rotateKey(s.sellerId);
    assert.equal(next.version, '2');
    await s.makeClient({ credentials: { ...s.store, publicKey: next } }).checkCredentials();
    await s.client.checkCredentials();
  });
});

describe('Yahoo! client: checkCredentials', () => {
  test('reports the refresh token\'s expiry: 28 days with public-key auth', async () => {
    const s = setup();
    const facts = await s.client.checkCredentials();
    assert.equal(facts.credentialExpiresAt?.getTime(), s.store.refreshTokenIssuedAt.getTime() + 28 * DAY);
  });

  test('12 hours without public-key auth, and when the key fails silently', async () => {
    const s = setup({ store: { publicKeyAuth: false } });
    assert.equal(s.store.publicKey, null);
    const facts = await s.client.checkCredentials();
    assert.equal(facts.credentialExpiresAt?.getTime(), s.store.refreshTokenIssuedAt.getTime() + 12 * HOUR);
    assert.equal(s.client.authorizeStatus(), 'unauthorized');
    // the mall ends that session after 12 hours
    s.clock.advance(13 * HOUR);
    await assert.rejects(s.makeClient().checkCredentials(), (e: unknown) => e instanceof MallError && e.details.mallCode === 'invalid_grant');

    // a store that does not insist on the signature answers 200, but not "authorized"
    const t = setup({ store: { signatureRequired: false } });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const client = t.makeClient({ credentials: { ...t.store, publicKey: { pem: other, version: '1' } } });
    const silent = await client.checkCredentials();
    assert.equal(client.authorizeStatus(), 'unauthorized');
    assert.equal(silent.credentialExpiresAt?.getTime(), t.store.refreshTokenIssuedAt.getTime() + 12 * HOUR);
  });

  test('unknown when the authorization time is not known', async () => {
    const s = setup();
    const facts = await s.makeClient({ credentials: { ...s.store, refreshTokenIssuedAt: null } }).checkCredentials();
    assert.equal(facts.credentialExpiresAt, null);
  });
});

describe('Yahoo! simulator without signature decryption (benchmarks)', () => {
  test('still refuses a call without the headers, and accepts a signed one', async () => {
    const s = setup({ sim: { verifySignatures: false } });
    await s.client.checkCredentials();
    assert.equal(s.client.authorizeStatus(), 'authorized');
    await assert.rejects(
      s.makeClient({ credentials: { ...s.store, publicKey: null } }).checkCredentials(),
      (e: unknown) => e instanceof MallError && e.details.mallCode === 'px-04102',
    );
  });
});
