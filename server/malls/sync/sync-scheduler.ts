/**
 * When accounts are synced: every `intervalMs`, on demand (the sync route) and on notification (the
 * webhook). Runs of one account never overlap; a request while one runs is folded into one more run
 * after it, so a burst of notifications costs one extra run, not one each.
 */
import type { Db } from '../../db/database.ts';
import { listSyncableAccounts } from '../accounts/mall-accounts.repository.ts';
import type { AccountLock } from '../account-lock.ts';
import { LeaseHeldElsewhere } from '../leases/account-leases.ts';
import type { SyncEngine, SyncRunResult } from './sync-engine.ts';

export interface SyncSchedulerOptions {
  db: Db;
  engine: Pick<SyncEngine, 'syncAccount' | 'stop' | 'wake'>;
  /** the account's turn: in this process (AccountLock) and across instances (AccountLeases) */
  lock: Pick<AccountLock, 'run'>;
  intervalMs: number;
  /** a requested (not scheduled) run of an account another instance holds: ask that instance */
  forward?: (accountId: string) => void;
}

interface Slot {
  /** the last run started or waiting */
  tail: Promise<SyncRunResult | null> | null;
  /** a run waiting for the current one to finish: later requests join it */
  queued: Promise<SyncRunResult | null> | null;
}

export class SyncScheduler {
  readonly #slots = new Map<string, Slot>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #tick: Promise<void> | null = null;

  constructor(private readonly options: SyncSchedulerOptions) {}

  start(): void {
    this.#stopped = false;
    const loop = () => {
      if (this.#stopped) return;
      // Each tick asks every account for a run and moves on: a slow account (a mall timing out) gets
      // at most one run queued behind its current one and never holds the others back.
      this.#tick = this.#requestAll()
        .catch((error) => console.error('[goq] scheduled sync failed:', error))
        .finally(() => {
          this.#tick = null;
          if (!this.#stopped) this.#timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    loop();
  }

  async #requestAll(): Promise<void> {
    const accounts = await listSyncableAccounts(this.options.db);
    for (const account of accounts) {
      // an account another instance holds is its to sync: no forwarding for the scheduled round
      this.request(account.id, { scheduled: true }).catch((error) => console.error('[goq] scheduled sync failed:', error));
    }
  }

  /** Every syncable account once (accounts in parallel, each through its own lock). */
  async runAll(): Promise<(SyncRunResult | null)[]> {
    const accounts = await listSyncableAccounts(this.options.db);
    return Promise.all(accounts.map((account) => this.request(account.id)));
  }

  /** A run of one account: started now, or right after the one in progress. */
  request(accountId: string, options: { scheduled?: boolean } = {}): Promise<SyncRunResult | null> {
    let slot = this.#slots.get(accountId);
    if (!slot) this.#slots.set(accountId, (slot = { tail: null, queued: null }));
    const s = slot;
    // a run is under way: what was asked for (a notification's inquiries) is fetched at its next step
    if (s.tail && !options.scheduled) this.options.engine.wake(accountId);
    if (s.queued) return s.queued;
    let promise: Promise<SyncRunResult | null>;
    const start = () => {
      if (s.queued === promise) s.queued = null;
      return this.options.lock.run(accountId, () => this.options.engine.syncAccount(accountId)).catch((error: unknown) => {
        if (!(error instanceof LeaseHeldElsewhere)) throw error;
        if (!options.scheduled) this.options.forward?.(accountId);
        return null;
      });
    };
    const previous = s.tail;
    promise = previous ? previous.then(start, start) : start();
    if (previous) s.queued = promise;
    s.tail = promise;
    void promise
      .catch(() => undefined)
      .finally(() => {
        if (s.tail === promise) s.tail = null;
      });
    return promise;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.options.engine.stop();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#tick;
    await Promise.all([...this.#slots.values()].map((s) => s.tail?.catch(() => undefined)));
  }
}
