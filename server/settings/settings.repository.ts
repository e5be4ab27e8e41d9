/** The shop profile used for template placeholders: one row per shop. */
import type { Db } from '../db/database.ts';
import type { SettingsRow } from '../db/schema.ts';

export async function findSettings(db: Db, shopId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('shop_settings').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
}

export async function saveSettings(db: Db, row: Omit<SettingsRow, 'business_hours'>): Promise<void> {
  const { shop_id: _shopId, ...rest } = row;
  await db
    .insertInto('shop_settings')
    .values(row)
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(rest))
    .execute();
}

/** The shop's business hours as stored (JSON), or null when never set. */
export async function findBusinessHours(db: Db, shopId: string): Promise<string | null> {
  const row = await db.selectFrom('shop_settings').select('business_hours').where('shop_id', '=', shopId).executeTakeFirst();
  return row?.business_hours ?? null;
}

export async function saveBusinessHours(db: Db, shopId: string, json: string, now: string): Promise<void> {
  await db
    .insertInto('shop_settings')
    .values({ shop_id: shopId, rakuten_store_name: '', yahoo_store_name: '', phone: '', email: '', business_hours: json, updated_at: now })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet({ business_hours: json, updated_at: now }))
    .execute();
}
