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
import type { EventHub } from '../events/event-hub.ts';
import { AccountLock } from './account-lock.ts';
import { ClientRegistry } from './accounts/client-registry.ts';
import { createMallClientFactory, type MallEndpoints } from './accounts/mall-client-factory.ts';
import { findAccount } from './accounts/mall-accounts.repository.ts';
import type { StoredCredentials } from './accounts/mall-credentials.ts';
import { healthFromError, healthFromSuccess } from './accounts/mall-health.ts';
import { RequestGate } from './request-gate.ts';
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

export function startMallSide(options: { db: Db; hub?: EventHub; config: MallSideConfig }): MallSide {
  const { db, hub, config } = options;
  const lock = new AccountLock();
  const factory = createMallClientFactory(config.endpoints ?? {});
  const now = config.now ?? (() => new Date());
  const clients = new ClientRegistry({
    db,
    secretKey: config.secretKey,
    factory,
    minIntervalMs: config.minIntervalMs ?? 1000,
  });
  const settings = syncSettings(config.sync);
  const engine = new SyncEngine({ db, hub, clients, settings, now: config.now });
  const scheduler = new SyncScheduler({ db, engine, lock, intervalMs: settings.intervalMs });
  const worker = new OutboxWorker({ db, hub, clients, lock, settings: config.outbox, now: config.now });
  if (config.schedule ?? true) scheduler.start();
  if (config.outboxWorker ?? true) worker.start();

  return {
    db,
    secretKey: config.secretKey,
    engine,
    worker,
    scheduler,
    clients,
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
        const facts = await client.checkCredentials();
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
      await Promise.all([scheduler.stop(), worker.stop()]);
    },
  };
}
