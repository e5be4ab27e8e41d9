/**
 * All SQL about outbox rows: adding one (in the transaction of the change it carries), claiming due
 * rows under a lease, renewing it, and settling a row. Claiming looks across shops (one worker
 * serves them all); every other statement is filtered by the row's shop.
 *
 * A row is due when it is `pending` and its `next_attempt_at` has passed, or when it is `sending`
 * and its lease (`next_attempt_at`) has run out: the worker that held it died or stalled. Claiming
 * sets `sending`, pushes `next_attempt_at` to the lease's end and adds one to `attempts`; the new
 * `attempts` value is the claim's fencing token, so a worker whose lease was taken over can no
 * longer settle or renew the row. PostgreSQL picks candidates with FOR UPDATE SKIP LOCKED; SQLite has
 * one writer at a time and claims with a conditional UPDATE.
 *
 * Order: a row is not due while an older row of the same inquiry is still undelivered, so replies
 * reach the mall in the order they were written.
 */
import { sql } from 'kysely';
import { nowIso, type Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { isPostgres } from '../../db/locking.ts';
import type { Updateable } from 'kysely';
import type { OutboxKind, OutboxRow, OutboxTable } from '../../db/schema.ts';

/** A change to deliver, added in the transaction that commits the change itself. */
export async function insertOutbox(
  db: Db,
  shopId: string,
  entry: {
    inquiryId: string;
    kind: OutboxKind;
    messageId: string | null;
    /** a row that must come after another of the same transaction: created a millisecond after it */
    after?: string;
  },
): Promise<string> {
  const clock = nowIso();
  const now = entry.after && entry.after >= clock ? new Date(Date.parse(entry.after) + 1).toISOString() : clock;
  const id = newId();
  await db
    .insertInto('outbox')
    .values({
      id,
      shop_id: shopId,
      inquiry_id: entry.inquiryId,
      kind: entry.kind,
      message_id: entry.messageId,
      state: 'pending',
      next_attempt_at: now,
      last_error: null,
      mall_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** When an outbox row was created (rows of one inquiry are delivered in that order). */
export async function outboxCreatedAt(db: Db, shopId: string, id: string): Promise<string> {
  const row = await db.selectFrom('outbox').select('created_at').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirstOrThrow();
  return row.created_at;
}

/** An undelivered complete/reopen of this inquiry: while one waits, the local flag is ahead of the mall's. */
export async function hasOpenCompletionChange(db: Db, shopId: string, inquiryId: string, exceptOutboxId?: string): Promise<boolean> {
  let query = db
    .selectFrom('outbox')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('inquiry_id', '=', inquiryId)
    .where('kind', 'in', ['complete', 'reopen'])
    .where('state', 'in', ['pending', 'sending']);
  if (exceptOutboxId) query = query.where('id', '!=', exceptOutboxId);
  const row = await query.executeTakeFirst();
  return row !== undefined;
}

/** A 送信して完了 completion waiting for this reply (a `complete` row carrying the reply's message id). */
export async function hasCompletionAfterReply(db: Db, shopId: string, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('message_id', '=', messageId)
    .where('kind', '=', 'complete')
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return row !== undefined;
}

export interface Claim {
  row: OutboxRow;
  /** the fencing token: `attempts` after this claim */
  token: number;
}

function dueQuery(db: Db, nowText: string, limit: number, holder: string | undefined) {
  let query = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('o.state', '=', 'pending'), eb('o.next_attempt_at', '<=', nowText)]),
        eb.and([eb('o.state', '=', 'sending'), eb('o.next_attempt_at', '<=', nowText)]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as earlier')
            .select('earlier.id')
            .whereRef('earlier.shop_id', '=', 'o.shop_id')
            .whereRef('earlier.inquiry_id', '=', 'o.inquiry_id')
            .where('earlier.state', 'in', ['pending', 'sending'])
            .where((eb) =>
              eb.or([
                eb('earlier.created_at', '<', eb.ref('o.created_at')),
                eb.and([eb('earlier.created_at', '=', eb.ref('o.created_at')), eb('earlier.id', '<', eb.ref('o.id'))]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .limit(limit);
  if (holder !== undefined) {
    // rows of an account whose lease another instance holds are that instance's to deliver
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('mall_account_leases as l')
            .innerJoin('mall_accounts as a', 'a.id', 'l.account_id')
            .innerJoin('inquiries as i', (join) => join.onRef('i.shop_id', '=', 'a.shop_id').onRef('i.mall', '=', 'a.mall'))
            .select('l.account_id')
            .whereRef('i.id', '=', 'o.inquiry_id')
            .where('l.holder', '!=', holder)
            .where('l.holder', '!=', '')
            .where('l.expires_at', '>', nowText),
        ),
      ),
    );
  }
  return query;
}

/** Claims up to `limit` due rows (at most one per inquiry, by the order rule above). */
export async function claimDueRows(db: Db, options: { now: Date; leaseMs: number; limit: number; holder?: string }): Promise<Claim[]> {
  const nowText = options.now.toISOString();
  const leaseEnd = new Date(options.now.getTime() + options.leaseMs).toISOString();
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      const candidates = await dueQuery(trx, nowText, options.limit, options.holder)
        .modifyEnd(sql`for update of o skip locked`)
        .execute();
      const claims: Claim[] = [];
      for (const candidate of candidates) {
        const row = await trx
          .updateTable('outbox')
          .set({ state: 'sending', attempts: candidate.attempts + 1, next_attempt_at: leaseEnd, updated_at: nowText })
          .where('id', '=', candidate.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        claims.push({ row, token: row.attempts });
      }
      return claims;
    });
  }
  const candidates = await dueQuery(db, nowText, options.limit, options.holder).execute();
  const claims: Claim[] = [];
  for (const candidate of candidates) {
    // Conditional: only if nobody claimed it since it was read (same attempts, still due).
    const result = await db
      .updateTable('outbox')
      .set({ state: 'sending', attempts: candidate.attempts + 1, next_attempt_at: leaseEnd, updated_at: nowText })
      .where('id', '=', candidate.id)
      .where('attempts', '=', candidate.attempts)
      .where('state', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', nowText)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', candidate.id).executeTakeFirstOrThrow();
    claims.push({ row, token: row.attempts });
  }
  return claims;
}

/** Extends a held lease; false when the claim was lost (another worker took the row over). */
export async function renewLease(db: Db, claim: Claim, until: Date): Promise<boolean> {
  return updateHeldRow(db, claim, { next_attempt_at: until.toISOString() });
}

export type Settlement =
  | { state: 'sent' }
  | { state: 'failed'; reason: string; error: string }
  | { state: 'pending'; retryAt: Date; error: string };

/** Settles a claimed row; false when the claim was lost meanwhile (the row is someone else's now). */
export async function settleRow(db: Db, claim: Claim, settlement: Settlement): Promise<boolean> {
  return updateHeldRow(db, claim, {
    state: settlement.state,
    updated_at: nowIso(),
    ...(settlement.state === 'pending' ? { next_attempt_at: settlement.retryAt.toISOString(), last_error: settlement.error } : {}),
    ...(settlement.state === 'failed' ? { mall_reason: settlement.reason, last_error: settlement.error } : {}),
    ...(settlement.state === 'sent' ? { last_error: null } : {}),
  });
}

/** Whether the message had an outbox row before this one (an earlier attempt may have reached the mall). */
export async function hasEarlierRowForMessage(db: Db, row: OutboxRow): Promise<boolean> {
  if (!row.message_id) return false;
  const earlier = await db
    .selectFrom('outbox')
    .select('id')
    .where('shop_id', '=', row.shop_id)
    .where('message_id', '=', row.message_id)
    .where('id', '!=', row.id)
    .executeTakeFirst();
  return earlier !== undefined;
}

/** Rows still on their way, for tests and the health view. */
export async function countUndelivered(db: Db, shopId?: string): Promise<number> {
  let query = db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['pending', 'sending']);
  if (shopId) query = query.where('shop_id', '=', shopId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives a claimed row back untouched (this instance may not call the account now, or it is shutting
 * down before the call): due again at once, its attempt not counted.
 */
export async function handBackClaim(db: Db, claim: Claim): Promise<boolean> {
  return updateHeldRow(db, claim, { state: 'pending', attempts: claim.token - 1, next_attempt_at: nowIso(), updated_at: nowIso() });
}

/** Changes a row only while this claim still holds it (still sending, same attempt): false when it was lost. */
async function updateHeldRow(db: Db, claim: Claim, change: Updateable<OutboxTable>): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(change)
    .where('shop_id', '=', claim.row.shop_id)
    .where('id', '=', claim.row.id)
    .where('state', '=', 'sending')
    .where('attempts', '=', claim.token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The account's lease was taken over from a holder that died: the rows it had claimed are due now
 * instead of when their claim runs out. They stay `sending`, so the next claim re-reads the thread
 * before any resend (the dead holder may have posted).
 */
export async function releaseClaimsOfAccount(db: Db, account: { shop_id: string; mall: string }, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString() })
    .where('shop_id', '=', account.shop_id)
    .where('state', '=', 'sending')
    .where('inquiry_id', 'in', (eb) =>
      eb.selectFrom('inquiries').select('id').where('shop_id', '=', account.shop_id).where('mall', '=', account.mall as 'rakuten' | 'yahoo'),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What waits to be delivered, for the operator: rows pending or sending, and the oldest one's creation. */
export async function outboxBacklog(db: Db): Promise<{ depth: number; oldestCreatedAt: string | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return { depth: Number(row.n), oldestCreatedAt: (row.oldest as string | null) ?? null };
}
