/**
 * The mall side of the server, assembled: one client per account (shared gate), the sync engine and
 * its scheduler, the outbox worker, and what the routes need of them. Built by the composition root
 * (server/compose.ts) and handed to createApp, which mounts the accounts routes and the webhook.
 *
 *   const malls = startMallSide({ db, hub, config });
 *   await malls.syncNow(shopId, 'rakuten'); malls.wakeOutbox(); ... await malls.stop();
 */
import type { Mall, MallConnectionTest } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import type { ClusterBus } from '../events/cluster-bus.ts';
import type { EventHub } from '../events/event-hub.ts';
import { AccountLock } from './account-lock.ts';
import { ClientRegistry } from './accounts/client-registry.ts';
import { createMallClientFactory, type MallEndpoints } from './accounts/mall-client-factory.ts';
import { findAccount } from './accounts/mall-accounts.repository.ts';
import type { StoredCredentials } from './accounts/mall-credentials.ts';
import { accountView, healthFromError, healthFromSuccess } from './accounts/mall-health.ts';
import { RequestGate } from './request-gate.ts';
import { AccountLeases, LeaseHeldElsewhere, type LeaseSettings } from './leases/account-leases.ts';
import { OutboxWorker, type OutboxSettings } from './outbox/outbox-worker.ts';
import { SyncEngine, type SyncRunResult } from './sync/sync-engine.ts';
import { SyncScheduler } from './sync/sync-scheduler.ts';
import { syncSettings, type SyncSettings } from './sync/sync-settings.ts';

export interface MallSideConfig {
  /** the 32-byte key sealing credentials (GOQ_SECRET_KEY) */
  secretKey: Buffer;
  endpoints?: MallEndpoints;
  /** per-account spacing of calls; 1000 ms by default, 0 in tests (GOQ_MALL_MIN_INTERVAL_MS) */
  minIntervalMs?: number;
  sync?: Partial<SyncSettings>;
  outbox?: Partial<OutboxSettings>;
  /** run the scheduled sync (default true); tests drive runs themselves */
  schedule?: boolean;
  /** run the outbox worker (default true) */
  outboxWorker?: boolean;
  /** the account leases' validity and renewal (15 s / 5 s) */
  leases?: Partial<LeaseSettings>;
  now?: () => Date;
}

/** What the app's mall routes (MallRouteContext) and the webhook (WebhookContext) need, and more. */
export interface MallSide {
  readonly db: Db;
  /** seals and opens the accounts' credentials */
  readonly secretKey: Buffer;
  readonly engine: SyncEngine;
  readonly worker: OutboxWorker;
  readonly scheduler: SyncScheduler;
  readonly clients: ClientRegistry;
  /** which accounts this instance serves now */
  readonly leases: AccountLeases;
  /** a sync run of the shop's account of that mall now (or right after the one in progress); null when not connected */
  syncNow(shopId: string, mall: Mall): Promise<SyncRunResult | null>;
  /** asks for a sync run of the account (a notification named it) */
  requestSync(accountId: string): void;
  /** forget a cached client after a credential change */
  credentialsChanged(accountId: string): void;
  /** the worker looks for due outbox rows now: called after a commit that added one */
  wakeOutbox(): void;
  /**
   * Asks the mall whether credentials work: the given ones (not stored; nothing is kept of them) or,
   * without, the account's stored ones. Null when there are neither.
   */
  testConnection(shopId: string, mall: Mall, credentials?: StoredCredentials): Promise<MallConnectionTest | null>;
  stop(): Promise<void>;
}

/** Raised by an account's gate when this instance no longer holds the account's lease: no call is made. */
class LeaseLostBeforeCall extends Error {}

const SYNC_TOPIC = 'sync';
const OUTBOX_TOPIC = 'outbox';

/** What the mall side tells the operator (logs, metrics): ids, states and codes only. */
export interface MallSideObserver {
  mallCall?(mall: Mall | null, error: unknown): void;
  syncFinished?(result: SyncRunResult, ms: number): void;
  outboxSettled?(row: { id: string; shop_id: string; kind: string; attempts: number }, state: string, error: string | null): void;
  leaseTakenOver?(accountId: string, releasedRows: number): void;
}

export function startMallSide(options: { db: Db; hub?: EventHub; bus?: ClusterBus; observer?: MallSideObserver; config: MallSideConfig }): MallSide {
  const { db, hub, bus, config } = options;
  const observer = options.observer ?? {};
  const lock = new AccountLock();
  const factory = createMallClientFactory(config.endpoints ?? {});
  const now = config.now ?? (() => new Date());
  const minIntervalMs = config.minIntervalMs ?? 1000;
  let leases: AccountLeases;
  const clients = new ClientRegistry({
    db,
    secretKey: config.secretKey,
    factory,
    minIntervalMs,
    // only the lease holder calls the mall: a lease lost mid-run (renewals failing) stops the calls
    guard: (accountId) => {
      if (!leases.holds(accountId)) throw new LeaseLostBeforeCall(`the lease of mall account ${accountId} was lost`);
    },
    observe: observer.mallCall && ((mall, error) => observer.mallCall!(mall, error)),
  });
  leases = new AccountLeases({
    db,
    lock,
    minIntervalMs,
    settings: config.leases,
    onTakeOver: (accountId, released) => observer.leaseTakenOver?.(accountId, released),
    gates: {
      lastCallAt: (accountId) => clients.gateFor(accountId).lastCallAt,
      holdCallsUntil: (accountId, at) => clients.gateFor(accountId).holdUntil(at),
    },
  });
  const settings = syncSettings(config.sync);
  const engine = new SyncEngine({ db, hub, clients, settings, now: config.now });
  const observedEngine = {
    stop: () => engine.stop(),
    wake: (accountId: string) => engine.wake(accountId),
    async syncAccount(accountId: string) {
      const started = Date.now();
      const result = await engine.syncAccount(accountId);
      if (result) observer.syncFinished?.(result, Date.now() - started);
      return result;
    },
  };
  const scheduler = new SyncScheduler({
    db,
    engine: observedEngine,
    lock: leases,
    intervalMs: settings.intervalMs,
    forward: (accountId) => bus?.publish(SYNC_TOPIC, { a: accountId }),
  });
  const worker = new OutboxWorker({
    db,
    hub,
    clients,
    lock: leases,
    holder: leases.holder,
    settings: config.outbox,
    now: config.now,
    onSettled: (row, settlement) => observer.outboxSettled?.(row, settlement.state, settlement.state === 'sent' ? null : settlement.error),
  });
  leases.start();
  if (config.schedule ?? true) scheduler.start();
  if (config.outboxWorker ?? true) worker.start();
  // another instance asks the holder of an account for a run, or says a row waits in the outbox
  const unsubscribe = [
    bus?.subscribe(SYNC_TOPIC, (payload) => {
      const accountId = (payload as { a?: unknown }).a;
      if (typeof accountId === 'string' && leases.holds(accountId)) void scheduler.request(accountId).catch(() => undefined);
    }),
    bus?.subscribe(OUTBOX_TOPIC, () => worker.wake()),
  ];

  return {
    db,
    secretKey: config.secretKey,
    engine,
    worker,
    scheduler,
    clients,
    leases,
    async syncNow(shopId, mall) {
      const account = await findAccount(db, shopId, mall);
      if (!account) return null;
      return scheduler.request(account.id);
    },
    requestSync(accountId) {
      void scheduler.request(accountId).catch((error) => console.error('[goq] requested sync failed:', error));
    },
    credentialsChanged(accountId) {
      clients.forget(accountId);
    },
    wakeOutbox() {
      worker.wake();
      bus?.publish(OUTBOX_TOPIC, {});
    },
    async testConnection(shopId, mall, credentials) {
      const account = await findAccount(db, shopId, mall);
      let client;
      if (credentials) {
        // a client of its own, through the account's gate so the mall sees no more than one call a second
        client = factory({ mall, credentials, gate: account ? clients.gateFor(account.id) : new RequestGate({ minIntervalMs: 0 }), saveCredentials: async () => undefined, setHealthNote: async () => undefined });
      } else if (account?.credentials) {
        client = clients.clientFor(account);
      } else {
        return null;
      }
      try {
        const check = client.checkCredentials.bind(client);
        // the account's turn under its lease, so the call keeps the account's spacing across instances
        let facts;
        try {
          facts = account ? await leases.run(account.id, check) : await check();
        } catch (error) {
          if (!(account && error instanceof LeaseHeldElsewhere)) throw error;
          if (!credentials) {
            // another instance serves the account: its last check is the answer (a call from here would break the spacing)
            const view = accountView(mall, account, now());
            return { ok: view.lastError === null, health: view.health, credentialExpiresAt: view.credentialExpiresAt, error: view.lastError };
          }
          // typed-in credentials are not the account's yet: one call of their own
          const own = factory({ mall, credentials, gate: new RequestGate({ minIntervalMs: 0 }), saveCredentials: async () => undefined, setHealthNote: async () => undefined });
          facts = await own.checkCredentials();
        }
        return {
          ok: true,
          health: healthFromSuccess(mall, facts.credentialExpiresAt, now()),
          credentialExpiresAt: facts.credentialExpiresAt ? facts.credentialExpiresAt.toISOString() : null,
          error: null,
        };
      } catch (error) {
        // a Rakuten 401 after the stored licence's expiry is the expired key (as the sync tells them apart)
        const expiry = !credentials && account?.credential_expires_at ? Date.parse(account.credential_expires_at) : null;
        const verdict = healthFromError(mall, error, { licenceExpired: expiry !== null && expiry <= now().getTime() });
        return { ok: false, health: verdict.health, credentialExpiresAt: null, error: verdict.error };
      }
    },
    async stop() {
      for (const off of unsubscribe) off?.();
      // finish what runs, hand back what has not started, then the leases
      await Promise.all([scheduler.stop(), worker.stop()]);
      await leases.stop();
    },
  };
}
