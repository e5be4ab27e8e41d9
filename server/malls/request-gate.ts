/**
 * Serialises and throttles the calls of one mall account: both malls ask for about one request per
 * second, and Yahoo! locks out bursts. Every client call goes through its account's gate.
 *
 * The interval counts from the end of the previous call to the start of the next: the mall counts
 * arrivals, and a call's arrival lies somewhere between its start and its answer (a new connection,
 * a busy process), so spacing the starts alone let two arrivals come closer than the interval.
 */

export interface RequestGateOptions {
  /** minimum time between the end of one call and the start of the next; 0 turns throttling off (tests, benchmarks) */
  minIntervalMs: number;
  /** checked before each call starts; throws when this process may not call the account now (its lease is gone) */
  guard?: () => void;
  /** told of every call made, with its error (null: it succeeded) */
  observe?: (error: unknown) => void;
}

export class RequestGate {
  #tail: Promise<unknown> = Promise.resolve();
  /** when the last call ended (or started, while it runs) */
  #lastCall = 0;
  #notBefore = 0;

  constructor(private readonly options: RequestGateOptions) {}

  /** When the last call ended (null: none yet): another instance taking the account over keeps the spacing from it. */
  get lastCallAt(): Date | null {
    return this.#lastCall > 0 ? new Date(this.#lastCall) : null;
  }

  /** No call starts before `at` (another instance called the account last, at `at` minus the spacing). */
  holdUntil(at: Date): void {
    this.#notBefore = Math.max(this.#notBefore, at.getTime());
  }

  /**
   * Resolves once a call asked for now would start at once: every queued call finished and the
   * interval passed. A caller with something more urgent checks for it then, not before the wait.
   */
  async ready(): Promise<void> {
    for (;;) {
      const tail = this.#tail;
      await tail;
      const wait = Math.max(this.#lastCall + this.options.minIntervalMs, this.#notBefore) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.#tail === tail) return;
    }
  }

  /** Runs `call` after every call queued before it has finished and the interval has passed. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(async () => {
      const wait = Math.max(this.#lastCall + this.options.minIntervalMs, this.#notBefore) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.options.guard?.();
      this.#lastCall = Date.now();
      try {
        const result = await call();
        this.options.observe?.(null);
        return result;
      } catch (error) {
        this.options.observe?.(error);
        throw error;
      } finally {
        this.#lastCall = Date.now();
      }
    });
    // The queue goes on whether this call succeeds or fails.
    this.#tail = turn.catch(() => undefined);
    return turn;
  }
}
