/** Shops: a tenant row, created the first time a valid token or the sync names it. */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/database.ts';

export async function ensureShop(db: Db, shopId: string, name = ''): Promise<void> {
  await db
    .insertInto('shops')
    .values({ id: shopId, name, created_at: nowIso() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function countShops(db: Db): Promise<number> {
  const row = await db.selectFrom('shops').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
