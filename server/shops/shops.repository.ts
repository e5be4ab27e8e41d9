/** Shops: a tenant row, created the first time a valid token or the sync names it. */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/database.ts';

// shops known to exist per database handle, so a hot path does not write on every call
// (call with the database, never inside a transaction that could roll back)
const known = new WeakMap<Db, Set<string>>();

export async function ensureShop(db: Db, shopId: string, name = ''): Promise<void> {
  const seen = known.get(db);
  if (seen?.has(shopId)) return;
  await db
    .insertInto('shops')
    .values({ id: shopId, name, created_at: nowIso() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  if (seen) seen.add(shopId);
  else known.set(db, new Set([shopId]));
}

export async function countShops(db: Db): Promise<number> {
  const row = await db.selectFrom('shops').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether any shop exists (the demo seeds an empty database only). */
export async function hasAnyShop(db: Db): Promise<boolean> {
  const row = await db.selectFrom('shops').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
