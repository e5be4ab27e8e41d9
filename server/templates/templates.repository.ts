/** All SQL about reply templates; every query is scoped to the shop. */
import type { Db } from '../db/database.ts';
import type { TemplateRow } from '../db/schema.ts';

export async function listTemplates(db: Db, shopId: string, category?: string): Promise<TemplateRow[]> {
  let query = db.selectFrom('templates').selectAll().where('shop_id', '=', shopId);
  if (category !== undefined) query = query.where('category', '=', category);
  return query.orderBy('category', 'asc').orderBy('name', 'asc').orderBy('id', 'asc').execute();
}

export async function findTemplate(db: Db, shopId: string, id: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('templates').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function findTemplateByName(db: Db, shopId: string, category: string, name: string): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('templates')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('category', '=', category)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('templates').values(row).execute();
}

export async function updateTemplate(
  db: Db,
  shopId: string,
  id: string,
  patch: Pick<TemplateRow, 'category' | 'name' | 'body' | 'updated_at'>,
): Promise<number> {
  const result = await db.updateTable('templates').set(patch).where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteTemplate(db: Db, shopId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('templates').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
