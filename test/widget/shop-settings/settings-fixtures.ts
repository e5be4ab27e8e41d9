/**
 * Server-side set-up for the settings element's browser tests: a fresh shop per test on a server
 * composed with both simulated malls, its Rakuten account connected with the simulated store's keys
 * (copied, sealed, from the demo shop) and put in the state a test needs: the licence key's expiry,
 * the API not enabled, no API option, a notification received.
 */
import { randomUUID } from 'node:crypto';
import type { MallHealth } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import type { RunningServer } from '../../../server/compose.ts';
import { DEMO_SHOP_ID } from '../../../server/demo/seed.ts';
import { findAccount, recordHealth, recordNotification, upsertAccount } from '../../../server/malls/accounts/mall-accounts.repository.ts';
import { RAKUTEN_401_MESSAGE } from '../../../server/malls/accounts/mall-health.ts';
import { openCredentials } from '../../../server/malls/credentials-crypto.ts';
import { ensureShop } from '../../../server/shops/shops.repository.ts';

export interface SettingsShopOptions {
  /** connect the Rakuten account (default true) */
  connect?: boolean;
  /** the licence key expires this many days from now */
  licenceDays?: number;
  /** the last sync met a 401: the API is not enabled in RMS */
  apiNotEnabled?: boolean;
  apiOption?: boolean;
  /** a 問い合わせユーザアクション通知 arrived this many minutes ago */
  notifiedMinutesAgo?: number;
}

export interface SettingsShop {
  shopId: string;
  adminToken: string;
  staffToken: string;
  /** the simulated store's real keys, to type in */
  rakuten: Record<string, string>;
}

export async function createSettingsShop(server: RunningServer, jwtSecret: string, options: SettingsShopOptions = {}): Promise<SettingsShop> {
  const shopId = `settings-${randomUUID()}`;
  await ensureShop(server.db, shopId, '和みの茶屋');
  const demo = await findAccount(server.db, DEMO_SHOP_ID, 'rakuten');
  if (!demo?.credentials) throw new Error('the demo shop has no Rakuten account');
  const rakuten = openCredentials<Record<string, string>>(server.malls.secretKey, demo.credentials);
  if (options.connect ?? true) {
    const account = await upsertAccount(server.db, shopId, 'rakuten', {
      credentials: demo.credentials,
      apiOption: options.apiOption ?? true,
      health: 'ok',
      credentialExpiresAt: options.licenceDays !== undefined ? new Date(Date.now() + options.licenceDays * 86_400_000 + 3_600_000).toISOString() : null,
    });
    if (options.apiNotEnabled) {
      const health: MallHealth = 'api_not_enabled';
      await recordHealth(server.db, shopId, account.id, { health, error: { code: 'rakuten_api_not_enabled', message: RAKUTEN_401_MESSAGE } });
    }
    if (options.notifiedMinutesAgo !== undefined) {
      await recordNotification(server.db, shopId, account.id, new Date(Date.now() - options.notifiedMinutesAgo * 60_000).toISOString());
    }
  }
  return {
    shopId,
    adminToken: signToken({ shop: shopId, staff: '松本 店長', role: 'admin' }, jwtSecret),
    staffToken: signToken({ shop: shopId, staff: '佐藤 次郎', role: 'staff' }, jwtSecret),
    rakuten: { serviceSecret: rakuten.serviceSecret!, licenseKey: rakuten.licenseKey!, shopId: rakuten.shopId! },
  };
}
