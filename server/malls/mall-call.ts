/**
 * The call rule both mall clients share: every HTTP exchange runs under a deadline that covers the
 * body too (a mall that stalls counts as unavailable, never as hung), and a read that failed as
 * unavailable gets exactly one more try; a write is never retried here (its outcome may be ambiguous:
 * the outbox re-reads the thread before trying again).
 */
import { MallError } from './mall-client.ts';

/** per call, body included */
export const MALL_CALL_TIMEOUT_MS = 15_000;

export type MallFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface MallExchange {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** The deadline passed before the answer (body included) arrived. */
export class MallCallTimeout extends Error {}

/**
 * One HTTP exchange under a deadline. Rejects with MallCallTimeout when it passes, or with the
 * fetch's own error (network failure). The deadline also wins over a fetch that ignores the abort
 * signal (an in-process app).
 */
export async function exchangeWithDeadline(
  fetchImpl: MallFetch,
  url: string,
  init: RequestInit,
  timeoutMs: number = MALL_CALL_TIMEOUT_MS,
): Promise<MallExchange> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new MallCallTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const work = (async () => {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body };
    })();
    work.catch(() => undefined);
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `once`; a read whose failure is `unavailable` (network, deadline, 5xx) runs once more. */
export async function retryReadOnce<T>(write: boolean, once: () => Promise<T>): Promise<T> {
  try {
    return await once();
  } catch (error) {
    if (!write && error instanceof MallError && error.kind === 'unavailable') return once();
    throw error;
  }
}
