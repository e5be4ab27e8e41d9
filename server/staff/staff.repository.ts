/** All SQL about the `staff` table: the shop's members as their tokens name them. Filtered by shop. */
import type { InboxSort, StaffRole } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import type { StaffRow } from '../db/schema.ts';

/** Inserts the member or refreshes name, role and last seen. */
export async function upsertStaff(db: Db, shopId: string, member: { id: string; name: string; role: StaffRole; seenAt: string }): Promise<void> {
  await db
    .insertInto('staff')
    .values({ shop_id: shopId, id: member.id, name: member.name, role: member.role, last_seen_at: member.seenAt, created_at: member.seenAt })
    .onConflict((oc) => oc.columns(['shop_id', 'id']).doUpdateSet({ name: member.name, role: member.role, last_seen_at: member.seenAt }))
    .execute();
}

export async function listStaff(db: Db, shopId: string): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().where('shop_id', '=', shopId).orderBy('name').orderBy('id').execute();
}

export async function findStaff(db: Db, shopId: string, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

/** Several members by id, for naming assignees. */
export async function findStaffByIds(db: Db, shopId: string, ids: readonly string[]): Promise<StaffRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('staff').selectAll().where('shop_id', '=', shopId).where('id', 'in', ids).execute();
}

export async function setInboxSort(db: Db, shopId: string, id: string, sort: InboxSort): Promise<void> {
  await db.updateTable('staff').set({ inbox_sort: sort }).where('shop_id', '=', shopId).where('id', '=', id).execute();
}
