/** Shop settings: store name per mall, phone and e-mail. A shop without a row reads empty values. */
import type { ShopSettings } from '../../shared/api.ts';
import { nowIso, type Db } from '../db/database.ts';
import * as repo from './settings.repository.ts';

export async function getSettings(db: Db, shopId: string): Promise<ShopSettings> {
  const row = await repo.findSettings(db, shopId);
  return {
    storeNames: { rakuten: row?.rakuten_store_name ?? '', yahoo: row?.yahoo_store_name ?? '' },
    phone: row?.phone ?? '',
    email: row?.email ?? '',
  };
}

export async function saveSettings(db: Db, shopId: string, settings: ShopSettings): Promise<ShopSettings> {
  await repo.saveSettings(db, {
    shop_id: shopId,
    rakuten_store_name: settings.storeNames.rakuten,
    yahoo_store_name: settings.storeNames.yahoo,
    phone: settings.phone,
    email: settings.email,
    updated_at: nowIso(),
  });
  return getSettings(db, shopId);
}
