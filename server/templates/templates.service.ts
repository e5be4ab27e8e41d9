/**
 * Template rules: カテゴリ名, テンプレート名 and 本文 are required (trimmed) and capped in length;
 * one shop cannot have two templates with the same category and name. The list is sorted by
 * category, then name, in Japanese collation (shared/template-order.ts): the order the template admin
 * and the composer's picker show.
 */
import type { Template, TemplateInput } from '../../shared/api.ts';
import { compareTemplates } from '../../shared/template-order.ts';
import { checkTemplateInput } from '../../shared/schemas.ts';
import { isUniqueViolation, nowIso, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { TemplateRow } from '../db/schema.ts';
import { ProblemError, notFound, refused } from '../http/problem.ts';
import * as repo from './templates.repository.ts';

function toView(row: TemplateRow): Template {
  return { id: row.id, category: row.category, name: row.name, body: row.body, createdAt: row.created_at, updatedAt: row.updated_at };
}

function duplicate(): ProblemError {
  return new ProblemError(409, 'template_duplicate', 'a template with this category and name already exists', [
    { field: 'name', code: 'template_duplicate' },
  ]);
}

function checked(input: TemplateInput): TemplateInput {
  const { value, problems } = checkTemplateInput(input);
  if (problems.length > 0) throw refused('the template is not complete', problems);
  return value;
}

export async function listTemplates(db: Db, shopId: string, category?: string): Promise<Template[]> {
  return (await repo.listTemplates(db, shopId, category?.trim())).map(toView).sort(compareTemplates);
}

export async function getTemplate(db: Db, shopId: string, id: string): Promise<Template> {
  const row = await repo.findTemplate(db, shopId, id);
  if (!row) throw notFound('template');
  return toView(row);
}

export async function createTemplate(db: Db, shopId: string, input: TemplateInput): Promise<Template> {
  const value = checked(input);
  const now = nowIso();
  const row: TemplateRow = { id: newId(), shop_id: shopId, ...value, created_at: now, updated_at: now };
  try {
    await db.transaction().execute(async (trx) => {
      if (await repo.findTemplateByName(trx, shopId, value.category, value.name)) throw duplicate();
      await repo.insertTemplate(trx, row);
    });
  } catch (error) {
    // two saves racing: the unique key decides
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return toView(row);
}

export async function updateTemplate(db: Db, shopId: string, id: string, input: TemplateInput): Promise<Template> {
  const value = checked(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await repo.findTemplate(trx, shopId, id);
      if (!existing) throw notFound('template');
      const other = await repo.findTemplateByName(trx, shopId, value.category, value.name);
      if (other && other.id !== id) throw duplicate();
      const updatedAt = nowIso();
      await repo.updateTemplate(trx, shopId, id, { ...value, updated_at: updatedAt });
      return toView({ ...existing, ...value, updated_at: updatedAt });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export async function deleteTemplate(db: Db, shopId: string, id: string): Promise<void> {
  if ((await repo.deleteTemplate(db, shopId, id)) === 0) throw notFound('template');
}
