/**
 * All SQL about `inquiry_presence`: who has an inquiry open, until `expires_at`. Stored in the
 * database so every instance sees the same. Filtered by shop, but for the sweep of expired rows,
 * which looks across shops by design.
 */
import type { Db } from '../db/database.ts';
import type { PresenceRow } from '../db/schema.ts';

export async function upsertPresence(db: Db, row: PresenceRow): Promise<void> {
  const { shop_id: _s, inquiry_id: _i, staff_id: _m, ...rest } = row;
  await db
    .insertInto('inquiry_presence')
    .values(row)
    .onConflict((oc) => oc.columns(['shop_id', 'inquiry_id', 'staff_id']).doUpdateSet(rest))
    .execute();
}

export async function deletePresence(db: Db, shopId: string, inquiryId: string, staffId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inquiry_presence')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The members on an inquiry now (not expired at `now`). */
export async function listPresence(db: Db, shopId: string, inquiryId: string, now: string): Promise<PresenceRow[]> {
  return db
    .selectFrom('inquiry_presence')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('expires_at', '>', now)
    .orderBy('staff_name')
    .orderBy('staff_id')
    .execute();
}

/** Removes every expired row, across shops; returns the inquiries they were on. */
export async function deleteExpired(db: Db, now: string): Promise<{ shop_id: string; inquiry_id: string }[]> {
  const rows = await db.deleteFrom('inquiry_presence').where('expires_at', '<=', now).returning(['shop_id', 'inquiry_id']).execute();
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.shop_id}\u0000${r.inquiry_id}`;
    return !seen.has(key) && seen.add(key);
  });
}
