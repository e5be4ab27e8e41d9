/**
 * Pulls one mall account into the database, incrementally and idempotently: everything goes through
 * recordMallInquiry, which stores an inquiry once and a message once (by its mall id), and applies
 * the status rules. Before that, a shop reply this server delivered is matched to its local message,
 * so the mall's copy is never stored a second time.
 *
 * Rakuten can only list by creation date, so one run is:
 *   1. fetch by number every inquiry a notification named (queued by the webhook);
 *   2. list the inquiries created in the last `rakutenRescanDays` (each row holds its full thread),
 *      or `rakutenDeepRescanDays` once per `rakutenDeepRescanIntervalMs` (and on the first run);
 *   3. fetch by number up to `rakutenOpenRefreshPerRun` locally open inquiries created before the
 *      window, round robin, so follow-ups on old threads arrive even without notifications.
 * Yahoo! lists by post time (the customer's and the shop's): one run lists from the previous run's
 * start minus `yahooOverlapMs`; the client fetches each listed topic's thread.
 */
import { sql } from 'kysely';
import type { Mall } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import type { MallAccountRow } from '../../db/schema.ts';
import type { EventHub } from '../../events/event-hub.ts';
import { markMessageSent } from '../../inquiries/delivery.ts';
import { listOldOpenInquiries } from '../../inquiries/inquiries.repository.ts';
import { recordMallInquiries, recordMallInquiry } from '../../inquiries/mall-ingest.ts';
import { findAccount, findAccountById, parseState, recordHealth, updateSyncState } from '../accounts/mall-accounts.repository.ts';
import { healthFromError, healthFromSuccess } from '../accounts/mall-health.ts';
import type { ClientRegistry } from '../accounts/client-registry.ts';
import { MallError, type MallClient } from '../mall-client.ts';
import type { MallInquiry } from '../mall-model.ts';
import { isOwnReply } from '../reply-matching.ts';
import { findLocalThread } from './local-thread.ts';
import { saveSetAside, setAsideMessage, SET_ASIDE_CODE, type SyncState } from './set-aside.ts';
import { SYNC_DAY_MS, type SyncSettings } from './sync-settings.ts';

// the webhook queues fetches through the engine's module
export { queueInquiryFetch, SET_ASIDE_CODE, type SyncState } from './set-aside.ts';

export interface SyncRunResult {
  accountId: string;
  mall: Mall;
  ok: boolean;
  /** inquiries handed over by the mall in this run */
  seen: number;
  created: number;
  newMessages: number;
  statusChanged: number;
  /** shop replies recognised as this server's own deliveries */
  matchedReplies: number;
  /** mall inquiry ids the database refused in this run (set aside, retried next run) */
  setAside: string[];
  error: { code: string; message: string } | null;
}

export interface SyncEngineOptions {
  db: Db;
  hub?: EventHub;
  clients: ClientRegistry;
  settings: SyncSettings;
  now?: () => Date;
}

/** Thrown inside a run when the server is stopping: the run ends early, what it stored stays. */
class SyncStopped extends Error {}

/** One run of one account, as each of its steps sees it. */
interface Run {
  account: MallAccountRow;
  client: MallClient;
  /** the sync state as it was when the run started */
  state: SyncState;
  started: Date;
  /** stores one inquiry the mall handed over */
  ingest(inquiry: MallInquiry): Promise<void>;
  /** lists the period and stores everything the list hands over, a batch per transaction */
  ingestAll(period: { from: Date; to: Date }): Promise<void>;
  /**
   * Between two mall calls, once the next could start: inquiries a notification named since the run
   * began are fetched now (`first` runs before them when there are any).
   */
  between(first?: () => Promise<void>): Promise<void>;
}

/** The mall has no such inquiry or file (any more), or refuses that one: nothing to wait for. */
function goneAtMall(error: unknown): boolean {
  return error instanceof MallError && (error.kind === 'not_found' || error.kind === 'rejected');
}

export class SyncEngine {
  readonly #now: () => Date;
  #stopping = false;
  /** accounts a notification asked for while their run was under way (served at the run's next step) */
  readonly #wanted = new Set<string>();

  constructor(private readonly options: SyncEngineOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Ends runs in progress at their next step (server shutdown); later runs do nothing. */
  stop(): void {
    this.#stopping = true;
  }

  /**
   * A notification named inquiries of the account (they are queued in its sync state). A run under
   * way fetches them at its next step, between two of its mall calls, instead of after its last one:
   * a run can take a minute (20 old threads refreshed at one call a second) and the shop is waiting
   * for what the notification named. Without a run, the next run fetches them first anyway.
   */
  wake(accountId: string): void {
    this.#wanted.add(accountId);
  }

  /** One run for one account. Never throws for a mall failure: the health records it. */
  async syncAccount(accountId: string): Promise<SyncRunResult | null> {
    const { db } = this.options;
    if (this.#stopping) return null;
    const account = await findAccountById(db, accountId);
    if (!account || !account.credentials || account.api_option !== 1) return null;
    const result: SyncRunResult = {
      accountId,
      mall: account.mall,
      ok: false,
      seen: 0,
      created: 0,
      newMessages: 0,
      statusChanged: 0,
      matchedReplies: 0,
      setAside: [],
      error: null,
    };
    const started = this.#now();
    const state = parseState<SyncState>(account.sync_state);
    let client: MallClient;
    try {
      client = this.options.clients.clientFor(account);
    } catch {
      const verdict = { code: 'mall_not_configured', message: '保存された認証情報を読み取れません。登録し直してください。' };
      await recordHealth(db, account.shop_id, accountId, { health: 'error', error: verdict });
      result.error = verdict;
      return result;
    }
    try {
      const run: Run = {
        account,
        client,
        state,
        started,
        ingest: (inquiry) => this.#ingest(account, client, inquiry, result),
        ingestAll: (period) => this.#ingestAll(account, client, period, result, run.between),
        between: async (first) => {
          // checked when the next call could start, not before the account's spacing
          await this.options.clients.gateFor(accountId).ready();
          if (!this.#wanted.delete(accountId)) return;
          await first?.();
          await this.#fetchQueued(run);
        },
      };
      // what a notification named first: that is what the shop is waiting for
      this.#wanted.delete(accountId);
      await this.#fetchQueued(run);
      await this.#retrySetAside(run);
      if (account.mall === 'rakuten') await this.#runRakuten(run);
      else await this.#runYahoo(run);

      let expiresAt: string | null | undefined;
      if (!state.lastCredentialCheckAt || started.getTime() - Date.parse(state.lastCredentialCheckAt) >= this.options.settings.credentialCheckIntervalMs) {
        await run.between();
        const facts = await client.checkCredentials();
        expiresAt = facts.credentialExpiresAt ? facts.credentialExpiresAt.toISOString() : null;
        await updateSyncState<SyncState>(db, account.shop_id, accountId, (s) => ({ ...s, lastCredentialCheckAt: started.toISOString() }));
      }
      const expiry = expiresAt !== undefined ? expiresAt : account.credential_expires_at;
      const setAside = await saveSetAside(db, account, result.setAside);
      await recordHealth(db, account.shop_id, accountId, {
        health: healthFromSuccess(account.mall, expiry ? new Date(expiry) : null, started),
        // the run succeeded; what could not be stored is named until it stores
        error: setAside.length > 0 ? { code: SET_ASIDE_CODE, message: setAsideMessage(setAside) } : null,
        syncedAt: this.#now().toISOString(),
        ...(expiresAt !== undefined ? { credentialExpiresAt: expiresAt } : {}),
      });
      result.ok = true;
    } catch (error) {
      if (error instanceof SyncStopped) return result;
      const verdict = await this.#verdict(account, error);
      // A mall that hiccups (timeout, 5xx, rate limit) after a recent success keeps its health: the
      // error is recorded, but the banner waits until the failures last longer than the grace.
      const recent = account.last_sync_at !== null && started.getTime() - Date.parse(account.last_sync_at) < this.options.settings.transientErrorGraceMs;
      const transient = error instanceof MallError && error.retryable;
      const health = transient && recent ? account.health : verdict.health;
      await recordHealth(db, account.shop_id, accountId, { health, error: verdict.error });
      result.error = verdict.error;
      if (!(error instanceof MallError)) console.error(`[goq] sync of ${account.mall} account ${accountId} failed:`, error);
    }
    return result;
  }

  async #runRakuten({ account, client, state, started, ingest, ingestAll, between }: Run): Promise<void> {
    const s = this.options.settings;
    const first = !state.lastRunAt;
    const deep =
      first || !state.lastDeepScanAt || started.getTime() - Date.parse(state.lastDeepScanAt) >= s.rakutenDeepRescanIntervalMs;
    const days = first ? Math.max(s.rakutenInitialDays, s.rakutenRescanDays) : deep ? s.rakutenDeepRescanDays : s.rakutenRescanDays;
    const from = new Date(started.getTime() - days * SYNC_DAY_MS);
    await ingestAll({ from, to: started });

    // Old open threads, a few per run: the list above cannot see their follow-ups.
    const windowStart = new Date(started.getTime() - s.rakutenRescanDays * SYNC_DAY_MS).toISOString();
    let cursor = state.openCursor ?? null;
    let batch = await listOldOpenInquiries(this.options.db, account.shop_id, 'rakuten', windowStart, cursor, s.rakutenOpenRefreshPerRun);
    if (batch.length === 0 && cursor) {
      cursor = null;
      batch = await listOldOpenInquiries(this.options.db, account.shop_id, 'rakuten', windowStart, null, s.rakutenOpenRefreshPerRun);
    }
    for (const old of batch) {
      await between();
      const inquiry = await client.get(old.mallInquiryId);
      if (inquiry) await ingest(inquiry);
      cursor = { createdAt: old.createdAt, id: old.id };
    }
    if (batch.length < s.rakutenOpenRefreshPerRun) cursor = null;
    await updateSyncState<SyncState>(this.options.db, account.shop_id, account.id, (current) => ({
      ...current,
      lastRunAt: started.toISOString(),
      ...(deep ? { lastDeepScanAt: started.toISOString() } : {}),
      openCursor: cursor,
    }));
  }

  async #runYahoo({ account, client, state, started, ingestAll }: Run): Promise<void> {
    const s = this.options.settings;
    const from = state.listedUntil
      ? new Date(Date.parse(state.listedUntil) - s.yahooOverlapMs)
      : new Date(started.getTime() - s.yahooInitialDays * SYNC_DAY_MS);
    await ingestAll({ from, to: started });
    await updateSyncState<SyncState>(this.options.db, account.shop_id, account.id, (current) => ({
      ...current,
      lastRunAt: started.toISOString(),
      listedUntil: started.toISOString(),
    }));
  }

  /** Inquiries a notification named: fetched by number (the list may not show them, e.g. older than 30 days). */
  async #fetchQueued({ account, client, state, ingest }: Run): Promise<void> {
    // re-read: a notification may have arrived since the run started
    const fresh = parseState<SyncState>((await findAccount(this.options.db, account.shop_id, account.mall))?.sync_state);
    const queued = (fresh.queued ?? state.queued ?? []).slice(0, this.options.settings.notificationFetchesPerRun);
    if (queued.length === 0) return;
    const done = new Set<string>();
    try {
      for (const mallInquiryId of queued) {
        try {
          const inquiry = await client.get(mallInquiryId);
          if (inquiry) await ingest(inquiry);
        } catch (error) {
          if (!goneAtMall(error)) throw error;
        }
        done.add(mallInquiryId);
      }
    } finally {
      if (done.size > 0) {
        await updateSyncState<SyncState>(this.options.db, account.shop_id, account.id, (current) => ({
          ...current,
          queued: (current.queued ?? []).filter((id) => !done.has(id)),
        }));
      }
    }
  }

  /** Stores one inquiry: match our own delivered replies first, download new attachments, then record. */
  async #ingest(account: MallAccountRow, client: MallClient, inquiry: MallInquiry, result: SyncRunResult): Promise<void> {
    const files = await this.#prepare(account, client, inquiry, result);
    await this.#storeOne(account, { inquiry, files }, result);
  }

  /** Stores one inquiry; one the database refuses is set aside (the run goes on), unless the database itself is down. */
  async #storeOne(account: MallAccountRow, item: { inquiry: MallInquiry; files: Map<string, Uint8Array> }, result: SyncRunResult): Promise<void> {
    const { db, hub } = this.options;
    try {
      const recorded = await recordMallInquiry(db, account.shop_id, account.id, item.inquiry, item.files, { hub });
      this.#count(result, [recorded]);
    } catch (error) {
      await this.#assertDatabaseAnswers(error);
      if (!result.setAside.includes(item.inquiry.mallInquiryId)) result.setAside.push(item.inquiry.mallInquiryId);
      console.error(`[goq] ${account.mall} inquiry ${item.inquiry.mallInquiryId} of account ${account.id} could not be stored, set aside:`, (error as Error).message);
    }
  }

  /** A refused record is set aside; an unreachable database is the run's failure (rethrows the store's error). */
  async #assertDatabaseAnswers(storeError: unknown): Promise<void> {
    try {
      await sql`select 1`.execute(this.options.db);
    } catch {
      throw storeError;
    }
  }

  /** Inquiries set aside by earlier runs, fetched by number and stored again (one refused again is set aside again). */
  async #retrySetAside({ client, state, ingest, between }: Run): Promise<void> {
    for (const mallInquiryId of state.setAside ?? []) {
      await between();
      let inquiry: MallInquiry | null;
      try {
        inquiry = await client.get(mallInquiryId);
      } catch (error) {
        if (goneAtMall(error)) continue;
        throw error;
      }
      if (inquiry) await ingest(inquiry);
    }
  }

  /**
   * Lists the period and stores its inquiries `ingestBatchSize` at a time, each batch in one
   * transaction. Before each call the listing makes (a page, a Yahoo! topic), a notification's
   * inquiries are fetched if one came, once the batch so far is stored, so the list's older copy of an
   * inquiry never lands after the newer one the notification brought.
   */
  async #ingestAll(
    account: MallAccountRow,
    client: MallClient,
    period: { from: Date; to: Date },
    result: SyncRunResult,
    between: Run['between'],
  ): Promise<void> {
    let batch: { inquiry: MallInquiry; files: Map<string, Uint8Array> }[] = [];
    const store = async () => {
      if (batch.length === 0) return;
      try {
        const recorded = await recordMallInquiries(this.options.db, account.shop_id, account.id, batch, { hub: this.options.hub });
        this.#count(result, recorded);
      } catch (error) {
        await this.#assertDatabaseAnswers(error);
        // the batch's transaction stored none of them: one by one, to find the one the database refuses
        for (const item of batch) await this.#storeOne(account, item, result);
      }
      batch = [];
    };
    // the batch read so far is stored before a notification's inquiries are fetched
    for await (const inquiry of client.list(period, { beforeCall: () => between(store) })) {
      batch.push({ inquiry, files: await this.#prepare(account, client, inquiry, result) });
      if (batch.length >= this.options.settings.ingestBatchSize) await store();
    }
    await store();
  }

  #count(result: SyncRunResult, recorded: { created: boolean; newMessages: number; statusChanged: boolean }[]): void {
    for (const r of recorded) {
      if (r.created) result.created++;
      result.newMessages += r.newMessages;
      if (r.statusChanged) result.statusChanged++;
    }
  }

  /** Before an inquiry is recorded: our own replies the mall now shows get its ids; new attachments are downloaded. */
  async #prepare(account: MallAccountRow, client: MallClient, inquiry: MallInquiry, result: SyncRunResult): Promise<Map<string, Uint8Array>> {
    const { db, hub } = this.options;
    if (this.#stopping) throw new SyncStopped();
    result.seen++;
    const local = await findLocalThread(db, account.shop_id, account.mall, inquiry.mallInquiryId);
    const known = new Set(local?.mallMessageIds ?? []);
    if (local && local.undelivered.length > 0) {
      for (const message of inquiry.messages) {
        if (message.sender !== 'shop' || known.has(message.mallMessageId)) continue;
        const mine = local.undelivered.find((u) => isOwnReply(message, u));
        if (!mine) continue;
        // one of ours, delivered: it keeps its local row and gets the mall's id
        await markMessageSent(db, account.shop_id, mine.id, message.mallMessageId, { hub });
        local.undelivered.splice(local.undelivered.indexOf(mine), 1);
        known.add(message.mallMessageId);
        result.matchedReplies++;
      }
    }
    const files = new Map<string, Uint8Array>();
    for (const message of inquiry.messages) {
      if (known.has(message.mallMessageId)) continue;
      for (const attachment of message.attachments) {
        if (files.has(attachment.mallKey)) continue;
        try {
          files.set(attachment.mallKey, await client.downloadAttachment(attachment));
        } catch (error) {
          // a file the mall no longer serves (Rakuten keeps them 90 days) is recorded without bytes
          if (goneAtMall(error)) continue;
          throw error;
        }
      }
    }
    return files;
  }

  async #verdict(account: MallAccountRow, error: unknown) {
    if (account.mall === 'rakuten' && error instanceof MallError && error.kind === 'auth') {
      // A 401 after the licence's known expiry date is the expired key; otherwise most likely the
      // API not switched on in RMS (the message names every cause). The licence endpoint itself
      // refuses an expired key, so the date checked while it was valid is what tells them apart.
      const expiry = account.credential_expires_at ? Date.parse(account.credential_expires_at) : null;
      return healthFromError('rakuten', error, { licenceExpired: expiry !== null && expiry <= this.#now().getTime() });
    }
    return healthFromError(account.mall, error);
  }
}
