/**
 * The mall accounts API: credentials are write-only and sealed at rest, never in an answer or a log
 * line; health per account (ok, api_not_enabled / auth_failed on a Rakuten 401, licence_expiring,
 * Yahoo! auth_failed), the API-option notice, sync on demand, and tenancy.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { MallAccountList, MallAccountView, Problem } from '../../../shared/api.ts';
import { openCredentials } from '../../../server/malls/credentials-crypto.ts';
import {
  createMallHarness,
  DAY,
  forEachDatabase,
  newShopId,
  RAKUTEN_AUTH_KEY,
  RAKUTEN_LICENCE,
  RAKUTEN_SECRET,
  RAKUTEN_SHOP,
  SELLER_ID,
  type MallHarness,
} from '../sync/support.ts';

async function accounts(h: MallHarness, shop: string): Promise<Record<string, MallAccountView>> {
  const response = await h.request(shop, '/api/v1/malls');
  assert.equal(response.status, 200);
  const list = (await response.json()) as MallAccountList;
  return Object.fromEntries(list.items.map((a) => [a.mall, a]));
}

/** Everything written to the console while a test runs, to prove no secret is ever logged. */
const logged: string[] = [];
const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info };

forEachDatabase('mall accounts API', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => {
    logged.length = 0;
    for (const name of ['log', 'error', 'warn', 'info'] as const) {
      console[name] = (...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      };
    }
  });
  afterEach(() => {
    Object.assign(console, originals);
    for (const secret of [RAKUTEN_SECRET, RAKUTEN_LICENCE, RAKUTEN_AUTH_KEY, h.yahooStore.clientSecret, h.yahooStore.refreshToken]) {
      assert.ok(!logged.some((line) => line.includes(secret)), 'a secret reached the log');
    }
  });

  test('an account starts not configured; credentials are sealed, never returned, and the first sync fills the health', async () => {
    const shop = newShopId();
    const empty = await accounts(h, shop);
    assert.equal(empty.rakuten?.health, 'not_configured');
    assert.equal(empty.yahoo?.configured, false);

    const put = await h.connect(shop, 'rakuten');
    assert.equal(put.status, 200);
    const putText = await put.text();
    for (const secret of [RAKUTEN_SECRET, RAKUTEN_LICENCE, RAKUTEN_AUTH_KEY]) assert.ok(!putText.includes(secret));
    assert.equal((JSON.parse(putText) as MallAccountView).configured, true);
    assert.equal((await h.connect(shop, 'yahoo')).status, 200);

    const row = await h.db.selectFrom('mall_accounts').select('credentials').where('shop_id', '=', shop).where('mall', '=', 'rakuten').executeTakeFirstOrThrow();
    const stored = Buffer.from(row.credentials!);
    for (const secret of [RAKUTEN_SECRET, RAKUTEN_LICENCE, RAKUTEN_AUTH_KEY]) assert.equal(stored.indexOf(secret), -1, 'stored encrypted');
    assert.equal(openCredentials<{ licenseKey: string }>(h.secretKey, stored).licenseKey, RAKUTEN_LICENCE);

    const sync = await h.request(shop, '/api/v1/malls/rakuten/sync', { method: 'POST' });
    assert.equal(sync.status, 200);
    await h.side.syncNow(shop, 'yahoo');
    const listed = await h.request(shop, '/api/v1/malls');
    const text = await listed.text();
    for (const secret of [RAKUTEN_SECRET, RAKUTEN_LICENCE, RAKUTEN_AUTH_KEY, h.yahooStore.clientSecret, h.yahooStore.refreshToken]) {
      assert.ok(!text.includes(secret), 'GET /malls never carries a credential');
    }
    const views = Object.fromEntries((JSON.parse(text) as MallAccountList).items.map((a) => [a.mall, a]));
    assert.equal(views.rakuten?.health, 'ok');
    assert.ok(views.rakuten?.lastSyncAt);
    assert.ok(views.rakuten?.credentialExpiresAt, 'the licence expiry is read from the mall');
    assert.equal(views.yahoo?.health, 'ok');

    // another shop sees nothing of it
    const other = await accounts(h, newShopId('other'));
    assert.equal(other.rakuten?.configured, false);
    assert.equal(other.yahoo?.configured, false);
  });

  test('bad credentials are refused with a problem that does not echo them, and change nothing', async () => {
    const shop = newShopId();
    const longSecret = `S${'x'.repeat(60)}`;
    const response = await h.request(shop, '/api/v1/malls/rakuten', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ credentials: { serviceSecret: longSecret, licenseKey: 'L', shopId: 'abc' } }),
    });
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.ok(!text.includes(longSecret));
    assert.equal((JSON.parse(text) as Problem).code, 'invalid_request');
    assert.equal((await accounts(h, shop)).rakuten?.configured, false);
    assert.equal((await h.request(shop, '/api/v1/malls/amazon', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 404);
    const noCredentials = await h.request(shop, '/api/v1/malls/yahoo', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(noCredentials.status, 400);
  });

  test('a Rakuten 401 with the API not switched on gives api_not_enabled and the problem code rakuten_api_not_enabled', async () => {
    const shop = newShopId();
    h.rakuten.control.setFunctionEnabled(RAKUTEN_SHOP, 'inquirymngapi.inquiries.get', false);
    try {
      await h.connect(shop, 'rakuten');
      const response = await h.request(shop, '/api/v1/malls/rakuten/sync', { method: 'POST' });
      assert.equal(response.status, 502);
      const problem = (await response.json()) as Problem;
      assert.equal(problem.code, 'rakuten_api_not_enabled');
      assert.match(problem.detail, /利用機能編集/);
      assert.match(problem.detail, /90日/, 'names the other causes too');
      const view = (await accounts(h, shop)).rakuten!;
      assert.equal(view.health, 'api_not_enabled');
      assert.equal(view.lastError?.code, 'rakuten_api_not_enabled');
    } finally {
      h.rakuten.control.setFunctionEnabled(RAKUTEN_SHOP, 'inquirymngapi.inquiries.get', true);
    }
    // switched on in RMS: the next sync clears it
    assert.equal((await h.request(shop, '/api/v1/malls/rakuten/sync', { method: 'POST' })).status, 200);
    const view = (await accounts(h, shop)).rakuten!;
    assert.equal(view.health, 'ok');
    assert.equal(view.lastError, null);
  });

  test('a licence key close to its 90 days warns; once past it, the 401 is auth_failed', async () => {
    const shop = newShopId();
    const now = Date.now();
    h.rakuten.control.setLicenceExpiry(RAKUTEN_LICENCE, new Date(now + 10 * DAY));
    try {
      await h.connect(shop, 'rakuten');
      await h.side.syncNow(shop, 'rakuten');
      const warned = (await accounts(h, shop)).rakuten!;
      assert.equal(warned.health, 'licence_expiring');
      assert.ok(warned.credentialExpiresAt && Date.parse(warned.credentialExpiresAt) - now < 11 * DAY);

      h.rakuten.control.setLicenceExpiry(RAKUTEN_LICENCE, new Date(now - 1000));
      await h.db.updateTable('mall_accounts').set({ credential_expires_at: new Date(now - 1000).toISOString() }).where('shop_id', '=', shop).execute();
      const response = await h.request(shop, '/api/v1/malls/rakuten/sync', { method: 'POST' });
      assert.equal(response.status, 502);
      assert.equal(((await response.json()) as Problem).code, 'rakuten_auth_failed');
      assert.equal((await accounts(h, shop)).rakuten?.health, 'auth_failed');
    } finally {
      h.rakuten.control.setLicenceExpiry(RAKUTEN_LICENCE, new Date(now + 90 * DAY));
    }
  });

  test('Yahoo! refusing the token gives auth_failed with yahoo_auth_failed', async () => {
    const shop = newShopId();
    await h.connect(shop, 'yahoo', { refreshToken: 'a-token-the-mall-never-issued' });
    const response = await h.request(shop, '/api/v1/malls/yahoo/sync', { method: 'POST' });
    assert.equal(response.status, 502);
    assert.equal(((await response.json()) as Problem).code, 'yahoo_auth_failed');
    const view = (await accounts(h, shop)).yahoo!;
    assert.equal(view.health, 'auth_failed');
    assert.equal(view.lastError?.code, 'yahoo_auth_failed');
  });

  test('a store without the API option shows a notice (apiOption false), is not synced, and sync asks for the option', async () => {
    const shop = newShopId();
    const response = await h.request(shop, '/api/v1/malls/yahoo', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiOption: false }),
    });
    assert.equal(response.status, 200);
    const view = (await accounts(h, shop)).yahoo!;
    assert.equal(view.apiOption, false);
    assert.equal(view.lastError, null, 'a notice, not an error');
    const sync = await h.request(shop, '/api/v1/malls/yahoo/sync', { method: 'POST' });
    assert.equal(sync.status, 409);
    assert.equal(((await sync.json()) as Problem).code, 'mall_not_configured');

    await h.connect(shop, 'yahoo');
    const blocked = await h.request(shop, '/api/v1/malls/yahoo/sync', { method: 'POST' });
    assert.equal(blocked.status, 409);
    assert.equal(((await blocked.json()) as Problem).code, 'api_option_required');
    const enable = await h.request(shop, '/api/v1/malls/yahoo', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiOption: true }),
    });
    assert.equal(enable.status, 200);
    assert.equal((await h.request(shop, '/api/v1/malls/yahoo/sync', { method: 'POST' })).status, 200);
    assert.ok(h.yahoo.control.topics(SELLER_ID));
  });

  test('a mall that fails for a moment keeps the health; failures that last turn it to error', async () => {
    const shop = newShopId();
    await h.connect(shop, 'rakuten');
    assert.equal((await h.side.syncNow(shop, 'rakuten'))?.ok, true);
    h.rakuten.control.setFaults({ errorRate: 1 });
    try {
      assert.equal((await h.request(shop, '/api/v1/malls/rakuten/sync', { method: 'POST' })).status, 502);
      const brief = (await accounts(h, shop)).rakuten!;
      assert.equal(brief.health, 'ok');
      assert.equal(brief.lastError?.code, 'mall_unavailable');
      // the last success is long ago now
      await h.db.updateTable('mall_accounts').set({ last_sync_at: new Date(Date.now() - 3_600_000).toISOString() }).where('shop_id', '=', shop).execute();
      await h.side.syncNow(shop, 'rakuten');
      assert.equal((await accounts(h, shop)).rakuten?.health, 'error');
    } finally {
      h.rakuten.control.clearFaults();
    }
    await h.side.syncNow(shop, 'rakuten');
    const healed = (await accounts(h, shop)).rakuten!;
    assert.equal(healed.health, 'ok');
    assert.equal(healed.lastError, null);
  });

  test('the accounts API needs a token', async () => {
    assert.equal((await h.app.request('/api/v1/malls')).status, 401);
    assert.equal((await h.app.request('/api/v1/malls/rakuten/sync', { method: 'POST' })).status, 401);
  });
});
