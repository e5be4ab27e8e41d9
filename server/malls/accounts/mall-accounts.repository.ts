/**
 * All SQL about mall accounts: one row per (shop, mall), the sealed credentials, the health the
 * sync engine last saw, and the engine's own state (a JSON text the sync part reads and writes).
 */
import type { Mall, MallHealth } from '../../../shared/api.ts';
import { nowIso, toDbBytes, type Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { forUpdate } from '../../db/locking.ts';
import type { MallAccountRow } from '../../db/schema.ts';

export async function listAccounts(db: Db, shopId: string): Promise<MallAccountRow[]> {
  return db.selectFrom('mall_accounts').selectAll().where('shop_id', '=', shopId).orderBy('mall').execute();
}

export async function findAccount(db: Db, shopId: string, mall: Mall): Promise<MallAccountRow | undefined> {
  return db.selectFrom('mall_accounts').selectAll().where('shop_id', '=', shopId).where('mall', '=', mall).executeTakeFirst();
}

/** By id alone: the scheduler and the webhook name accounts across shops (each id is one shop's account). */
export async function findAccountById(db: Db, id: string): Promise<MallAccountRow | undefined> {
  return db.selectFrom('mall_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Accounts the scheduler syncs: credentials set and the API option on. */
export async function listSyncableAccounts(db: Db): Promise<MallAccountRow[]> {
  return db
    .selectFrom('mall_accounts')
    .selectAll()
    .where('credentials', 'is not', null)
    .where('api_option', '=', 1)
    .orderBy('id')
    .execute();
}

/** Rakuten accounts with credentials, for matching a notification to its account. */
export async function listRakutenAccountsWithCredentials(db: Db): Promise<Pick<MallAccountRow, 'id' | 'shop_id' | 'credentials'>[]> {
  return db
    .selectFrom('mall_accounts')
    .select(['id', 'shop_id', 'credentials'])
    .where('mall', '=', 'rakuten')
    .where('credentials', 'is not', null)
    .where('api_option', '=', 1)
    .execute();
}

export interface AccountWrite {
  /** sealed credentials; undefined keeps the stored ones */
  credentials?: Uint8Array;
  apiOption?: boolean;
  /** the health to start from after a change (e.g. back to `ok` with new keys) */
  health?: MallHealth;
  credentialExpiresAt?: string | null;
  /** a new credential set starts a fresh sync state (a different store may be behind the keys) */
  resetSyncState?: boolean;
}

/** Creates the row or updates it; returns the row as stored. */
export async function upsertAccount(db: Db, shopId: string, mall: Mall, write: AccountWrite): Promise<MallAccountRow> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const existing = await forUpdate(
      trx,
      trx.selectFrom('mall_accounts').selectAll().where('shop_id', '=', shopId).where('mall', '=', mall),
    ).executeTakeFirst();
    if (!existing) {
      const id = newId();
      await trx
        .insertInto('mall_accounts')
        .values({
          id,
          shop_id: shopId,
          mall,
          credentials: write.credentials ? toDbBytes(write.credentials) : null,
          api_option: write.apiOption === false ? 0 : 1,
          health: write.health ?? (write.credentials ? 'ok' : 'not_configured'),
          last_sync_at: null,
          last_error_code: null,
          last_error_message: null,
          credential_expires_at: write.credentialExpiresAt ?? null,
          sync_state: '{}',
          created_at: now,
          updated_at: now,
        })
        .execute();
    } else {
      await trx
        .updateTable('mall_accounts')
        .set({
          ...(write.credentials ? { credentials: toDbBytes(write.credentials), last_error_code: null, last_error_message: null } : {}),
          ...(write.apiOption !== undefined ? { api_option: write.apiOption ? 1 : 0 } : {}),
          ...(write.health ? { health: write.health } : {}),
          ...(write.credentialExpiresAt !== undefined ? { credential_expires_at: write.credentialExpiresAt } : {}),
          ...(write.resetSyncState ? { sync_state: '{}', last_sync_at: null } : {}),
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .execute();
    }
    return trx.selectFrom('mall_accounts').selectAll().where('shop_id', '=', shopId).where('mall', '=', mall).executeTakeFirstOrThrow();
  });
}

/** Replaces the sealed credentials only (a Yahoo! token refresh hands out a new refresh token). */
export async function replaceCredentials(db: Db, shopId: string, accountId: string, sealed: Uint8Array): Promise<void> {
  await db
    .updateTable('mall_accounts')
    .set({ credentials: toDbBytes(sealed), updated_at: nowIso() })
    .where('shop_id', '=', shopId)
    .where('id', '=', accountId)
    .execute();
}

/** A Rakuten user-action notification arrived for these accounts (the 30-day rule's approval works). */
export async function recordNotification(db: Db, shopId: string, accountId: string, at: string): Promise<void> {
  await db.updateTable('mall_accounts').set({ last_notification_at: at }).where('shop_id', '=', shopId).where('id', '=', accountId).execute();
}

export interface HealthWrite {
  health: MallHealth;
  error: { code: string; message: string } | null;
  /** set on a successful sync */
  syncedAt?: string;
  credentialExpiresAt?: string | null;
}

export async function recordHealth(db: Db, shopId: string, accountId: string, write: HealthWrite): Promise<void> {
  await db
    .updateTable('mall_accounts')
    .set({
      health: write.health,
      last_error_code: write.error?.code ?? null,
      last_error_message: write.error?.message ?? null,
      ...(write.syncedAt ? { last_sync_at: write.syncedAt } : {}),
      ...(write.credentialExpiresAt !== undefined ? { credential_expires_at: write.credentialExpiresAt } : {}),
      updated_at: nowIso(),
    })
    .where('shop_id', '=', shopId)
    .where('id', '=', accountId)
    .execute();
}

/**
 * Read-modify-write of the sync state under a row lock (PostgreSQL) or SQLite's single writer, so
 * a notification queued while a run saves its cursor is never overwritten.
 */
export async function updateSyncState<S extends object>(db: Db, shopId: string, accountId: string, change: (state: S) => S): Promise<S> {
  return db.transaction().execute(async (trx) => {
    const query = trx.selectFrom('mall_accounts').select('sync_state').where('shop_id', '=', shopId).where('id', '=', accountId);
    const row = await forUpdate(trx, query).executeTakeFirst();
    const current = parseState<S>(row?.sync_state);
    const next = change(current);
    await trx
      .updateTable('mall_accounts')
      .set({ sync_state: JSON.stringify(next) })
      .where('shop_id', '=', shopId)
      .where('id', '=', accountId)
      .execute();
    return next;
  });
}

/** A standing remark on an account's health (not an error: syncing goes on), e.g. a fallback in use. */
export interface HealthNote {
  code: string;
  message: string;
}

/** Kept in the sync state under `healthNotes`, by key; the sync engine's writes keep it (they spread the state). */
export async function setHealthNote(db: Db, shopId: string, accountId: string, key: string, note: HealthNote | null): Promise<void> {
  await updateSyncState<{ healthNotes?: Record<string, HealthNote> }>(db, shopId, accountId, (state) => {
    const notes = { ...(state.healthNotes ?? {}) };
    if (note) notes[key] = note;
    else delete notes[key];
    return { ...state, healthNotes: notes };
  });
}

export function healthNotesOf(syncState: string | null | undefined): HealthNote[] {
  const notes = parseState<{ healthNotes?: Record<string, HealthNote> }>(syncState).healthNotes;
  return notes && typeof notes === 'object' ? Object.values(notes) : [];
}

export function parseState<S extends object>(text: string | undefined | null): S {
  if (!text) return {} as S;
  try {
    const value = JSON.parse(text) as unknown;
    return (value && typeof value === 'object' ? value : {}) as S;
  } catch {
    return {} as S;
  }
}
