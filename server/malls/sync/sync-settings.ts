/**
 * The sync engine's knobs, each with the reason for its default (docs/malls.md, "## Sync and outbox").
 */
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SyncSettings {
  /** how often every account is pulled (GOQ_SYNC_INTERVAL_MS) */
  intervalMs: number;
  /**
   * Rakuten lists by creation date only, each row with its full thread: every run re-reads the
   * inquiries created in this many days, which catches follow-ups on recent inquiries.
   */
  rakutenRescanDays: number;
  /** A deeper re-read, less often, catches follow-ups on older inquiries the mall still lists. */
  rakutenDeepRescanDays: number;
  rakutenDeepRescanIntervalMs: number;
  /** How far the first run of a new account reaches back. */
  rakutenInitialDays: number;
  /**
   * Locally open Rakuten inquiries created before the rescan window are fetched one by one, this
   * many per run, round robin, so a follow-up on an old thread is caught even without notifications.
   */
  rakutenOpenRefreshPerRun: number;
  /** inquiries a list hands over that are stored in one transaction (fewer, larger writes) */
  ingestBatchSize: number;
  /** Yahoo! lists by post time: each run lists from the last run's start minus this overlap. */
  yahooOverlapMs: number;
  /** How far the first Yahoo! run reaches back. */
  yahooInitialDays: number;
  /** Inquiries named by notifications fetched per run (the rest wait for the next run). */
  notificationFetchesPerRun: number;
  /** How often the credentials' expiry is checked (a cheap call, but not needed every minute). */
  credentialCheckIntervalMs: number;
  /** Timeouts, 5xx and rate limits within this long of the last success leave the health as it was. */
  transientErrorGraceMs: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  intervalMs: MINUTE,
  rakutenRescanDays: 30,
  rakutenDeepRescanDays: 365,
  rakutenDeepRescanIntervalMs: DAY,
  rakutenInitialDays: 365,
  rakutenOpenRefreshPerRun: 20,
  ingestBatchSize: 100,
  yahooOverlapMs: 10 * MINUTE,
  yahooInitialDays: 365,
  notificationFetchesPerRun: 100,
  credentialCheckIntervalMs: 6 * HOUR,
  transientErrorGraceMs: 10 * MINUTE,
};

export function syncSettings(overrides: Partial<SyncSettings> = {}): SyncSettings {
  return { ...DEFAULT_SYNC_SETTINGS, ...overrides };
}

export { DAY as SYNC_DAY_MS };
