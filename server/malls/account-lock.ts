/**
 * One turn at a time per mall account inside this process: a sync run and an outbox delivery each
 * make several calls that belong together (post, then re-read), so they do not interleave. Across
 * processes the account's lease row (leases/account-leases.ts) lets one instance at a time do them.
 */
export class AccountLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(accountId) ?? Promise.resolve();
    const turn = previous.then(work, work);
    const tail = turn.catch(() => undefined);
    this.#tails.set(accountId, tail);
    void tail.then(() => {
      if (this.#tails.get(accountId) === tail) this.#tails.delete(accountId);
    });
    return turn;
  }
}
