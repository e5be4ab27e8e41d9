/**
 * The operator's metrics in Prometheus format (prom-client), one registry per server: request
 * durations by route, outbox depth and the oldest undelivered row's age, sync lag per mall account,
 * mall calls and errors by code, open event streams, and the process's own (memory, CPU, event loop).
 * Database figures are read when scraped.
 */
import client from 'prom-client';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import { listSyncableAccounts } from '../malls/accounts/mall-accounts.repository.ts';
import { outboxBacklog } from '../malls/outbox/outbox.repository.ts';

export interface Metrics {
  readonly registry: client.Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  observeMallCall(mall: string, error: string | null): void;
  observeSync(mall: string, ok: boolean): void;
  observeLeaseTakeOver(): void;
}

export function createMetrics(options: { db: Db; hub: EventHub }): Metrics {
  const { db, hub } = options;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'goq_http_request_duration_seconds',
    help: 'HTTP request durations by route (the registered pattern), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const mallCalls = new client.Counter({
    name: 'goq_mall_calls_total',
    help: 'calls made to the malls',
    labelNames: ['mall'] as const,
    registers: [registry],
  });
  const mallErrors = new client.Counter({
    name: 'goq_mall_call_errors_total',
    help: 'mall calls that failed, by error code (the mall error kind, or the mall\'s own code)',
    labelNames: ['mall', 'code'] as const,
    registers: [registry],
  });
  const syncRuns = new client.Counter({
    name: 'goq_sync_runs_total',
    help: 'sync runs finished by this instance',
    labelNames: ['mall', 'result'] as const,
    registers: [registry],
  });
  const takeOvers = new client.Counter({
    name: 'goq_mall_lease_takeovers_total',
    help: 'account leases taken over from an instance that stopped renewing them',
    registers: [registry],
  });
  new client.Gauge({
    name: 'goq_event_streams',
    help: 'open event streams (GET /events) on this instance',
    registers: [registry],
    collect() {
      this.set(hub.totalListeners());
    },
  });
  let oldestAgeSeconds = 0;
  new client.Gauge({
    name: 'goq_outbox_depth',
    help: 'outbox rows not delivered yet (pending or sending)',
    registers: [registry],
    async collect() {
      const backlog = await outboxBacklog(db);
      this.set(backlog.depth);
      oldestAgeSeconds = backlog.oldestCreatedAt ? Math.max(0, (Date.now() - Date.parse(backlog.oldestCreatedAt)) / 1000) : 0;
    },
  });
  new client.Gauge({
    name: 'goq_outbox_oldest_pending_age_seconds',
    help: 'age of the oldest outbox row not delivered yet (0 when none)',
    registers: [registry],
    collect() {
      // read by the depth gauge's collect, registered (and so collected) just before
      this.set(oldestAgeSeconds);
    },
  });
  new client.Gauge({
    name: 'goq_sync_lag_seconds',
    help: 'seconds since the last successful sync, per connected mall account',
    labelNames: ['account', 'mall'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const account of await listSyncableAccounts(db)) {
        const last = account.last_sync_at ? Date.parse(account.last_sync_at) : NaN;
        this.set({ account: account.id, mall: account.mall }, Number.isFinite(last) ? Math.max(0, (Date.now() - last) / 1000) : -1);
      }
    },
  });
  return {
    registry,
    observeRequest(labels, seconds) {
      requests.observe({ method: labels.method, route: labels.route, status: String(labels.status) }, seconds);
    },
    observeMallCall(mall, error) {
      mallCalls.inc({ mall });
      if (error) mallErrors.inc({ mall, code: error });
    },
    observeSync(mall, ok) {
      syncRuns.inc({ mall, result: ok ? 'ok' : 'error' });
    },
    observeLeaseTakeOver() {
      takeOvers.inc();
    },
  };
}
