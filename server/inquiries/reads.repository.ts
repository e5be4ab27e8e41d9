/** All SQL about `inquiry_reads`: each member's read marker per inquiry (未読). Filtered by shop. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The member's read versions of these inquiries. */
export async function readVersions(db: Db, shopId: string, staffId: string, inquiryIds: readonly string[]): Promise<Map<string, number>> {
  if (inquiryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inquiry_reads')
    .select(['inquiry_id', 'version'])
    .where('shop_id', '=', shopId)
    .where('staff_id', '=', staffId)
    .where('inquiry_id', 'in', inquiryIds)
    .execute();
  return new Map(rows.map((r) => [r.inquiry_id, Number(r.version)]));
}

/** Moves the member's marker to `version` (never back). */
export async function markRead(db: Db, shopId: string, staffId: string, inquiryId: string, version: number, now: string): Promise<void> {
  await db
    .insertInto('inquiry_reads')
    .values({ shop_id: shopId, staff_id: staffId, inquiry_id: inquiryId, version, read_at: now })
    .onConflict((oc) =>
      oc.columns(['shop_id', 'staff_id', 'inquiry_id']).doUpdateSet({
        version: sql`case when excluded.version > inquiry_reads.version then excluded.version else inquiry_reads.version end`,
        read_at: now,
      }),
    )
    .execute();
}
