/**
 * Making the simulator misbehave on purpose: 5xx answers, hangs, 401s, rate-limit answers and slow
 * answers at given rates (deterministic with a seed), and a per-key rate limiter like the one the real
 * API is believed to have (about 1 request per second; malls/rakuten.md §9.6).
 */
import { mulberry32 } from '../support/random.ts';
import type { RmsFunctionName } from '../../server/malls/rakuten/wire.ts';

export interface RakutenFaults {
  /** share of calls answered 500/503 (0–1) */
  errorRate?: number;
  /** status of those answers; default alternates 500 and 503 */
  errorStatus?: 500 | 502 | 503 | 504;
  /** share of calls that hang (no answer for hangMs) */
  timeoutRate?: number;
  /** how long a hung call stays silent before it answers 504; default 60 s */
  hangMs?: number;
  /** share of calls answered 401 GA0001 although the key is good */
  authFailureRate?: number;
  /** share of calls answered as rate-limited */
  rateLimitRate?: number;
  /** share of calls delayed by slowMs before being handled */
  slowRate?: number;
  slowMs?: number;
  /**
   * Of the injected 5xx answers and hangs on writes, the share that strike AFTER the write was applied
   * (the shop's side cannot tell whether it happened). Default 0.5.
   */
  afterEffectShare?: number;
  /** only these functions misbehave; default all */
  functions?: RmsFunctionName[];
  /** seed for a reproducible sequence; without it Math.random */
  seed?: number;
}

export interface RateLimit {
  /** calls per second per licence key */
  requestsPerSecond: number;
  /** default 429 (the real status is not documented) */
  status?: number;
  /** Retry-After seconds; default 1 */
  retryAfterSeconds?: number;
  /**
   * Share of the one-second window forgiven (default 0.1, as the Yahoo! simulator): a client spacing its
   * calls by the interval sees them arrive a little closer with network jitter, and the real mall's
   * counting is not documented.
   */
  graceShare?: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error'; status: number; after: boolean }
  | { kind: 'hang'; ms: number; after: boolean }
  | { kind: 'auth' }
  | { kind: 'rate_limited' };

export class FaultInjector {
  #faults: RakutenFaults = {};
  #random: () => number = Math.random;
  #errorToggle = false;

  set(faults: RakutenFaults): void {
    for (const [name, value] of Object.entries(faults)) {
      if (name.endsWith('Rate') || name === 'afterEffectShare') {
        if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${name} must be between 0 and 1`);
      }
    }
    this.#faults = { ...faults };
    this.#random = faults.seed !== undefined ? mulberry32(faults.seed) : Math.random;
  }

  get current(): RakutenFaults {
    return { ...this.#faults };
  }

  clear(): void {
    this.set({});
  }

  /** Extra delay before handling this call. */
  delayMs(fn: RmsFunctionName): number {
    const f = this.#faults;
    if (!this.#applies(fn) || !f.slowRate) return 0;
    return this.#random() < f.slowRate ? (f.slowMs ?? 2000) : 0;
  }

  decide(fn: RmsFunctionName, write: boolean): FaultDecision {
    const f = this.#faults;
    if (!this.#applies(fn)) return { kind: 'none' };
    // one die per call, split among the fault kinds, so the rates add up as given
    const roll = this.#random();
    let edge = 0;
    const after = () => write && this.#random() < (f.afterEffectShare ?? 0.5);
    if (roll < (edge += f.timeoutRate ?? 0)) return { kind: 'hang', ms: f.hangMs ?? 60_000, after: after() };
    if (roll < (edge += f.errorRate ?? 0)) {
      this.#errorToggle = !this.#errorToggle;
      return { kind: 'error', status: f.errorStatus ?? (this.#errorToggle ? 500 : 503), after: after() };
    }
    if (roll < (edge += f.authFailureRate ?? 0)) return { kind: 'auth' };
    if (roll < (edge += f.rateLimitRate ?? 0)) return { kind: 'rate_limited' };
    return { kind: 'none' };
  }

  #applies(fn: RmsFunctionName): boolean {
    return !this.#faults.functions || this.#faults.functions.includes(fn);
  }
}

/** Sliding one-second window per licence key, on the real monotonic clock (the simulated one may stand still). */
export class RateLimiter {
  #limit: RateLimit | null = null;
  #calls = new Map<string, number[]>();

  set(limit: RateLimit | null): void {
    if (limit && !(limit.requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
    this.#limit = limit ? { ...limit } : null;
    this.#calls.clear();
  }

  get current(): RateLimit | null {
    return this.#limit ? { ...this.#limit } : null;
  }

  /** null when the call may go ahead, else the answer's status and Retry-After seconds. */
  check(key: string): { status: number; retryAfterSeconds: number } | null {
    const limit = this.#limit;
    if (!limit) return null;
    const now = performance.now();
    const windowMs = 1000 * (1 - (limit.graceShare ?? 0.1));
    const recent = (this.#calls.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit.requestsPerSecond) {
      this.#calls.set(key, recent);
      return { status: limit.status ?? 429, retryAfterSeconds: limit.retryAfterSeconds ?? 1 };
    }
    recent.push(now);
    this.#calls.set(key, recent);
    return null;
  }
}
