/**
 * Mall work for an account (sync runs and outbox calls) is done by one instance at a time: the one
 * holding the account's lease row. This process takes a lease when it has work for the account,
 * renews the leases it holds every `renewMs` (valid `ttlMs`), hands a lease back once it has been
 * idle for a renewal period, and hands all back when it stops. A lease whose holder died runs out and
 * is taken over (every instance looks for run-out leases at each renewal); the rows the dead holder
 * had claimed in the outbox are released then, not when their own claim runs out.
 *
 * The call spacing of an account holds across instances because only the holder calls, and a new
 * holder waits the spacing after the previous holder's last call (`last_call_at`, written on hand-back).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { AccountLock } from '../account-lock.ts';
import { findAccountById } from '../accounts/mall-accounts.repository.ts';
import { releaseClaimsOfAccount } from '../outbox/outbox.repository.ts';
import { acquireLease, listRunOutLeases, releaseLease, renewLeases } from './account-leases.repository.ts';

export interface LeaseSettings {
  /** how long a lease is valid after each renewal (15 s) */
  ttlMs: number;
  /** how often held leases are renewed, idle ones handed back and run-out ones looked for (5 s) */
  renewMs: number;
}

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = { ttlMs: 15_000, renewMs: 5_000 };

/** Another instance holds the account's lease: the work is theirs. */
export class LeaseHeldElsewhere extends Error {
  constructor(readonly accountId: string) {
    super(`mall account ${accountId} is served by another instance`);
  }
}

export interface LeaseGates {
  /** when this process last started a call to the account (null: never) */
  lastCallAt(accountId: string): Date | null;
  /** the next call to the account waits until this time */
  holdCallsUntil(accountId: string, at: Date): void;
}

interface Held {
  /** this process's view of the lease's end: no call starts after it */
  expiresAt: number;
  active: number;
  /** work ran since the previous renewal */
  used: boolean;
}

export interface AccountLeasesOptions {
  db: Db;
  lock: AccountLock;
  gates: LeaseGates;
  minIntervalMs: number;
  settings?: Partial<LeaseSettings>;
  /** a run-out lease was taken over (logs, metrics) */
  onTakeOver?: (accountId: string, releasedRows: number) => void;
}

export class AccountLeases {
  /** this process's holder id */
  readonly holder = randomUUID();
  readonly settings: LeaseSettings;
  readonly #held = new Map<string, Held>();
  #timer: NodeJS.Timeout | null = null;
  #tick: Promise<void> | null = null;
  #stopped = false;

  constructor(private readonly options: AccountLeasesOptions) {
    this.settings = { ...DEFAULT_LEASE_SETTINGS, ...options.settings };
  }

  start(): void {
    this.#stopped = false;
    const loop = () => {
      this.#tick = this.#renew()
        .catch((error) => console.error('[goq] lease renewal failed:', error))
        .finally(() => {
          this.#tick = null;
          if (!this.#stopped) {
            this.#timer = setTimeout(loop, this.settings.renewMs);
            this.#timer.unref?.();
          }
        });
    };
    this.#timer = setTimeout(loop, this.settings.renewMs);
    this.#timer.unref?.();
  }

  /** Whether this process may call the account now (checked before every call). */
  holds(accountId: string): boolean {
    const held = this.#held.get(accountId);
    return held !== undefined && held.expiresAt > Date.now();
  }

  heldAccounts(): string[] {
    return [...this.#held.keys()];
  }

  /**
   * Runs `work` as the account's turn: in this process one at a time (AccountLock), across
   * instances only under the account's lease. Throws LeaseHeldElsewhere when another instance holds it.
   */
  run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    return this.options.lock.run(accountId, async () => {
      if (this.#stopped || !(await this.#acquire(accountId))) throw new LeaseHeldElsewhere(accountId);
      const held = this.#held.get(accountId)!;
      held.active += 1;
      held.used = true;
      try {
        return await work();
      } finally {
        held.active -= 1;
      }
    });
  }

  async #acquire(accountId: string): Promise<boolean> {
    const now = Date.now();
    const known = this.#held.get(accountId);
    // ours and well within its validity: no round trip
    if (known && known.expiresAt - now > this.settings.ttlMs - this.settings.renewMs) return true;
    const { db } = this.options;
    const acquired = await acquireLease(db, accountId, this.holder, new Date(now), new Date(now + this.settings.ttlMs));
    if (!acquired) {
      this.#held.delete(accountId);
      return false;
    }
    if (known) {
      known.expiresAt = now + this.settings.ttlMs;
      return true;
    }
    this.#held.set(accountId, { expiresAt: now + this.settings.ttlMs, active: 0, used: false });
    if (acquired.lastCallAt && this.options.minIntervalMs > 0) {
      this.options.gates.holdCallsUntil(accountId, new Date(acquired.lastCallAt.getTime() + this.options.minIntervalMs));
    }
    if (acquired.tookOver) await this.#releaseDeadHoldersClaims(accountId);
    return true;
  }

  async #releaseDeadHoldersClaims(accountId: string): Promise<void> {
    const account = await findAccountById(this.options.db, accountId);
    const released = account ? await releaseClaimsOfAccount(this.options.db, account, new Date()) : 0;
    this.options.onTakeOver?.(accountId, released);
  }

  async #renew(): Promise<void> {
    const { db } = this.options;
    const now = Date.now();
    // idle since the previous renewal: handed back, so any instance may serve it next
    for (const [accountId, held] of [...this.#held]) {
      if (held.active === 0 && !held.used) {
        // in the account's turn, so no run acquires it again while the hand-back is on its way
        await this.options.lock.run(accountId, async () => {
          if (held.active !== 0 || held.used || this.#held.get(accountId) !== held) return;
          this.#held.delete(accountId);
          await releaseLease(db, accountId, this.holder, this.options.gates.lastCallAt(accountId));
        });
      }
      held.used = false;
    }
    const ids = [...this.#held.keys()];
    const kept = new Set(await renewLeases(db, this.holder, ids, new Date(now + this.settings.ttlMs)));
    for (const id of ids) {
      const held = this.#held.get(id);
      if (!held) continue;
      if (kept.has(id)) held.expiresAt = now + this.settings.ttlMs;
      else this.#held.delete(id);
    }
    // the leases of a dead instance: taken over (and its claimed outbox rows released) right away
    for (const accountId of await listRunOutLeases(db, this.holder, new Date())) {
      if (this.#stopped) break;
      await this.options.lock
        .run(accountId, async () => {
          if (await this.#acquire(accountId)) this.#held.get(accountId)!.used = true;
        })
        .catch((error) => console.error('[goq] lease take-over failed:', error));
    }
  }

  /** Stops renewing and hands every lease back (graceful shutdown, after the work has finished). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#tick;
    for (const accountId of [...this.#held.keys()]) {
      this.#held.delete(accountId);
      await releaseLease(this.options.db, accountId, this.holder, this.options.gates.lastCallAt(accountId)).catch((error) =>
        console.error('[goq] lease hand-back failed:', error),
      );
    }
  }
}
