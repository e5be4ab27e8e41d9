/** The shop profile used for template placeholders: one row per shop. */
import type { Db } from '../db/database.ts';
import type { SettingsRow } from '../db/schema.ts';

export async function findSettings(db: Db, shopId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('shop_settings').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
}

export async function saveSettings(db: Db, row: SettingsRow): Promise<void> {
  const { shop_id: _shopId, ...rest } = row;
  await db
    .insertInto('shop_settings')
    .values(row)
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(rest))
    .execute();
}
