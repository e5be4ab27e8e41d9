/**
 * POST /malls/{mall}/test ([接続テスト]): credentials typed in are tried against the mall and never
 * stored; without a body the stored ones are tried; a refusal answers ok: false with the mapped problem.
 * GET /malls: lastNotificationAt, set when a Rakuten 問い合わせユーザアクション通知 arrives (the 30-day rule).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MallAccountList, MallConnectionTest } from '../../../shared/api.ts';
import { userActionNotificationXml } from '../../../simulators/rakuten/notifier.ts';
import { createMallHarness, forEachDatabase, newShopId, RAKUTEN_AUTH_KEY, RAKUTEN_LICENCE, RAKUTEN_SECRET, RAKUTEN_SHOP, type MallHarness } from '../sync/support.ts';

const rakuten = (extra: Record<string, unknown> = {}) => ({ serviceSecret: RAKUTEN_SECRET, licenseKey: RAKUTEN_LICENCE, shopId: String(RAKUTEN_SHOP), authKey: RAKUTEN_AUTH_KEY, ...extra });

forEachDatabase('mall connection test and notification status', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  const tryIt = async (shop: string, mall: string, body: unknown) => {
    const response = await h.request(shop, `/api/v1/malls/${mall}/test`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as MallConnectionTest & { code?: string } };
  };
  const rakutenView = async (shop: string) =>
    ((await (await h.request(shop, '/api/v1/malls')).json()) as MallAccountList).items.find((a) => a.mall === 'rakuten')!;

  test('typed-in credentials are tried and not stored; wrong ones answer the mapped problem', async () => {
    const shop = newShopId();
    const good = await tryIt(shop, 'rakuten', { credentials: rakuten() });
    assert.equal(good.status, 200);
    assert.equal(good.body.ok, true);
    assert.ok(good.body.credentialExpiresAt, 'the licence expiry');
    assert.equal((await rakutenView(shop)).configured, false, 'nothing stored');

    const wrong = await tryIt(shop, 'rakuten', { credentials: rakuten({ licenseKey: 'SL373343_wrong' }) });
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.ok, false);
    assert.equal(wrong.body.health, 'api_not_enabled');
    assert.equal(wrong.body.error?.code, 'rakuten_api_not_enabled');
    assert.ok(!JSON.stringify(wrong.body).includes('SL373343_wrong'), 'the key never comes back');
  });

  test('without credentials: the stored ones, or 409 when there are none', async () => {
    const shop = newShopId();
    assert.equal((await tryIt(shop, 'rakuten', {})).status, 409);
    assert.equal((await h.connect(shop, 'rakuten')).status, 200);
    const stored = await tryIt(shop, 'rakuten', {});
    assert.equal(stored.body.ok, true);
    assert.equal((await tryIt(shop, 'rakuten', { credentials: { licenseKey: 1 } })).status, 400);
  });

  test('a user-action notification sets lastNotificationAt', async () => {
    const shop = newShopId();
    await h.connect(shop, 'rakuten');
    assert.equal((await rakutenView(shop)).lastNotificationAt, null);
    const number = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: '伊藤 誠', message: '在庫はありますか？' }).inquiryNumber;
    const xml = userActionNotificationXml(
      { contractId: 'C00373343', shopUrl: 'goq-sync', notification: { url: null, authKey: RAKUTEN_AUTH_KEY, serviceId: '6000' } },
      'req-1',
      { inquiryNumber: number, actionType: 'userReply', actionDate: new Date() },
    );
    const response = await h.app.request('/webhooks/rakuten/notification', { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: xml });
    assert.equal(response.status, 200);
    const at = (await rakutenView(shop)).lastNotificationAt;
    assert.ok(at && Date.now() - Date.parse(at) < 60_000, String(at));
  });
});
