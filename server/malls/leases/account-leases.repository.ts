/**
 * All SQL about `mall_account_leases`: taking an account's lease (free, already ours, or run out),
 * renewing the ones held, handing one back. Looks across shops by design: a lease belongs to an
 * account, and the instances share them all.
 */
import type { Db } from '../../db/database.ts';
import { forUpdate } from '../../db/locking.ts';

export interface Acquired {
  /** the lease was run out under another holder: that holder died or stalled */
  tookOver: boolean;
  /** the previous holder's last call when it handed the lease back (keeps the spacing) */
  lastCallAt: Date | null;
}

/** Takes the account's lease until `until`; null when another holder's lease is still valid. */
export async function acquireLease(db: Db, accountId: string, holder: string, now: Date, until: Date): Promise<Acquired | null> {
  const nowText = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await forUpdate(trx, trx.selectFrom('mall_account_leases').selectAll().where('account_id', '=', accountId)).executeTakeFirst();
      if (!row) {
        await trx.insertInto('mall_account_leases').values({ account_id: accountId, holder, expires_at: until.toISOString(), last_call_at: null }).execute();
        return { tookOver: false, lastCallAt: null };
      }
      if (row.holder !== holder && row.expires_at > nowText) return null;
      await trx
        .updateTable('mall_account_leases')
        .set({ holder, expires_at: until.toISOString() })
        .where('account_id', '=', accountId)
        .execute();
      return { tookOver: row.holder !== holder && row.holder !== '', lastCallAt: row.last_call_at ? new Date(row.last_call_at) : null };
    });
  } catch (error) {
    // two instances inserting the first row at once: the other one won
    if (isConflict(error)) return null;
    throw error;
  }
}

function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '40001' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_BUSY';
}

/** Extends the holder's leases; returns the accounts it still holds. */
export async function renewLeases(db: Db, holder: string, accountIds: string[], until: Date): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .updateTable('mall_account_leases')
    .set({ expires_at: until.toISOString() })
    .where('holder', '=', holder)
    .where('account_id', 'in', accountIds)
    .returning('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

/**
 * Hands the lease back: free at once for any instance, with the last call's time for the spacing.
 * The row stays (holder '' and run out) so that time is kept.
 */
export async function releaseLease(db: Db, accountId: string, holder: string, lastCallAt: Date | null): Promise<void> {
  await db
    .updateTable('mall_account_leases')
    .set({ holder: '', expires_at: new Date(0).toISOString(), last_call_at: lastCallAt?.toISOString() ?? null })
    .where('account_id', '=', accountId)
    .where('holder', '=', holder)
    .execute();
}

/** The leases of other holders that have run out (their holder died): another instance takes them over. */
export async function listRunOutLeases(db: Db, holder: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('mall_account_leases')
    .select('account_id')
    .where('holder', '!=', holder)
    .where('holder', '!=', '')
    .where('expires_at', '<=', now.toISOString())
    .execute();
  return rows.map((r) => r.account_id);
}

/** Who holds the account's lease now (tests, the operator's view). */
export async function leaseHolder(db: Db, accountId: string, now: Date): Promise<string | null> {
  const row = await db.selectFrom('mall_account_leases').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  return row && row.holder !== '' && row.expires_at > now.toISOString() ? row.holder : null;
}
