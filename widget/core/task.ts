import type { ReactiveControllerHost } from 'lit';

/** Where a run stands: the values of @lit/task's TaskStatus. */
export const TaskStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export interface TaskConfig<A extends readonly unknown[], R> {
  /** Runs only when told (run()); there are no automatic runs. */
  autoRun?: false;
  task: (args: A, options: { signal: AbortSignal }) => R | PromiseLike<R>;
  onComplete?: (value: R) => unknown;
  onError?: (error: unknown) => unknown;
}

/**
 * An async job its element starts itself: the part of @lit/task's Task the inbox uses, with the same
 * behaviour (a run aborts the pending one, only the latest run's outcome counts, the host renders again
 * when a run starts and ends) in a fraction of the bytes the inbox page loads.
 */
export class Task<A extends readonly unknown[] = readonly unknown[], R = unknown> {
  status: TaskStatus = TaskStatus.INITIAL;
  value?: R;
  error?: unknown;
  readonly #host: ReactiveControllerHost;
  readonly #config: TaskConfig<A, R>;
  #calls = 0;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, config: TaskConfig<A, R>) {
    this.#host = host;
    this.#config = config;
  }

  async run(args: A): Promise<void> {
    if (this.status === TaskStatus.PENDING) this.#abort?.abort();
    this.status = TaskStatus.PENDING;
    this.#host.requestUpdate();
    const call = ++this.#calls;
    const abort = (this.#abort = new AbortController());
    let value: R | undefined;
    let error: unknown;
    let failed = false;
    try {
      value = await this.#config.task(args, { signal: abort.signal });
    } catch (e) {
      failed = true;
      error = e;
    }
    if (call !== this.#calls) return;
    try {
      if (failed) this.#config.onError?.(error);
      else this.#config.onComplete?.(value as R);
    } catch {
      // a callback's own failure is not the run's (as in @lit/task)
    }
    this.status = failed ? TaskStatus.ERROR : TaskStatus.COMPLETE;
    this.value = value;
    this.error = error;
    this.#host.requestUpdate();
  }
}
