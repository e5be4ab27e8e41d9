/**
 * Injected faults of the Yahoo! simulator (errors, hangs, expired tokens, lock-outs, slow answers),
 * deterministic for a seed, and the 1 query/second rule per store.
 */
import type { Context, Next } from 'hono';
import { seededRandom, type Random } from '../support/random.ts';
import type { SimStore } from './state.ts';

export interface YahooFaults {
  /** share of API calls answered 500/503 */
  errorRate: number;
  /** share of API calls that hang for `hangMs`, then answer 504 */
  timeoutRate: number;
  /** share of API calls answered 401 invalid_token */
  unauthorizedRate: number;
  /** share of API calls answered 403 "Your Request was Forbidden" */
  rateLimitRate: number;
  /** share of API calls delayed by `slowMs` */
  slowRate: number;
  slowMs: number;
  hangMs: number;
  /** for writes, the share of 5xx/timeouts that strike after the mall has acted (the ambiguous case) */
  afterWriteShare: number;
  /** only these endpoints (e.g. ["externalTalkAdd"]); empty = all */
  endpoints: string[];
  seed?: number;
}

export const NO_FAULTS: YahooFaults = {
  errorRate: 0,
  timeoutRate: 0,
  unauthorizedRate: 0,
  rateLimitRate: 0,
  slowRate: 0,
  slowMs: 0,
  hangMs: 30_000,
  afterWriteShare: 0.5,
  endpoints: [],
};

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A hung answer must not keep a finished test process alive.
    (timer as { unref?: () => void }).unref?.();
  });

/** The faults in force and their dice. */
export class YahooFaultState {
  current: YahooFaults = { ...NO_FAULTS };
  random: Random = seededRandom(1);

  set(next: Partial<YahooFaults>): void {
    this.current = { ...this.current, ...next };
    this.random = seededRandom(next.seed ?? this.current.seed ?? Date.now());
  }

  clear(): void {
    this.current = { ...NO_FAULTS };
  }
}

/**
 * About 1 query per second per store; a burst is locked out with the daily-cap message (§5).
 * True when the call may go ahead (and counts as the store's last call).
 */
export function withinRateLimit(store: SimStore, rateLimitMs: number): boolean {
  const now = performance.now();
  // 10% grace: a client spacing its calls by the interval sees them arrive with network jitter.
  if (rateLimitMs > 0 && now - store.lastCallAt < rateLimitMs * 0.9) return false;
  store.lastCallAt = now;
  return true;
}

export type FaultAnswer = { kind: 'unauthorized' } | { kind: 'rate_limited' } | { kind: 'failed'; status: number; hang: boolean } | null;

/**
 * Rolls the dice for one call after the gateway's checks, so a write that goes through did pass them.
 * For a write, an error may strike after the mall has acted (`next()` runs first): the client cannot tell which.
 */
export async function rollFaults(state: YahooFaultState, endpoint: string, c: Context, next: Next): Promise<FaultAnswer> {
  const faults = state.current;
  const faultRandom = state.random;
  const targeted = faults.endpoints.length === 0 || faults.endpoints.includes(endpoint);
  const write = c.req.method !== 'GET';
  if (!targeted) return null;
  if (faults.slowRate > 0 && faultRandom.next() < faults.slowRate) await sleep(faults.slowMs);
  if (faults.unauthorizedRate > 0 && faultRandom.next() < faults.unauthorizedRate) return { kind: 'unauthorized' };
  if (faults.rateLimitRate > 0 && faultRandom.next() < faults.rateLimitRate) return { kind: 'rate_limited' };
  const error = faults.errorRate > 0 && faultRandom.next() < faults.errorRate;
  const hang = !error && faults.timeoutRate > 0 && faultRandom.next() < faults.timeoutRate;
  if (!error && !hang) return null;
  if (write && faultRandom.next() < faults.afterWriteShare) await next();
  if (hang) await sleep(faults.hangMs);
  return { kind: 'failed', status: hang ? 504 : faultRandom.next() < 0.5 ? 500 : 503, hang };
}
