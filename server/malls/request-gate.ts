/**
 * Serialises and throttles the calls of one mall account: both malls ask for about one request per
 * second, and Yahoo! locks out bursts. Every client call goes through its account's gate.
 */

export interface RequestGateOptions {
  /** minimum time between the starts of two calls; 0 turns throttling off (tests, benchmarks) */
  minIntervalMs: number;
}

export class RequestGate {
  #tail: Promise<unknown> = Promise.resolve();
  #lastStart = 0;

  constructor(private readonly options: RequestGateOptions) {}

  /** Runs `call` after every call queued before it has finished and the interval has passed. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(async () => {
      const wait = this.#lastStart + this.options.minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.#lastStart = Date.now();
      return call();
    });
    // The queue goes on whether this call succeeds or fails.
    this.#tail = turn.catch(() => undefined);
    return turn;
  }
}
