/** All SQL about `inquiry_notes` (社内メモ). Filtered by shop. */
import type { Db } from '../db/database.ts';
import type { NoteRow } from '../db/schema.ts';

export async function listNotes(db: Db, shopId: string, inquiryIds: readonly string[]): Promise<NoteRow[]> {
  if (inquiryIds.length === 0) return [];
  return db
    .selectFrom('inquiry_notes')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('inquiry_id', 'in', inquiryIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findNote(db: Db, shopId: string, id: string): Promise<NoteRow | undefined> {
  return db.selectFrom('inquiry_notes').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function insertNote(db: Db, row: NoteRow): Promise<void> {
  await db.insertInto('inquiry_notes').values(row).execute();
}

export async function deleteNote(db: Db, shopId: string, id: string): Promise<void> {
  await db.deleteFrom('inquiry_notes').where('shop_id', '=', shopId).where('id', '=', id).execute();
}
