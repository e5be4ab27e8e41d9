/**
 * Which topics externalTalkList names for a period. First with the filters of the official pages
 * (requestFilter, dateType with startDate/endDate: one pass per date type). No public client is known
 * to have used those against the live API, so when the mall refuses them (a 400, or an error body) the
 * lister falls back, for the rest of the client's life, to the form real clients are known to use:
 * `start`/`result` paging in the default order (newest customer post first), scanning back until a
 * topic's customer post is older than the period's start. `onListMode` hears which form is in use
 * whenever that changes, so the account's health can show it.
 *
 * The fallback cannot see a topic whose only recent post is the store's own (it sorts by the customer's
 * post): a reply written in the mall's own screens to an old thread arrives with the next customer post.
 */
import { MallError } from '../mall-client.ts';
import type { YahooSettings } from './settings.ts';
import { pick, readUnixSec, type TalkListResponse } from './wire.ts';

export const YAHOO_PAGE_SIZE = 20;

export type YahooListMode = 'filtered' | 'fallback';

export interface TopicListerOptions {
  /** one externalTalkList call (sellerId is added by the caller) */
  listPage(query: Record<string, string | number | undefined>): Promise<TalkListResponse>;
  settings: YahooSettings;
  onListMode?: (mode: YahooListMode) => void | Promise<void>;
}

/** The mall refused the filters themselves: a 400, or an error body on a 2xx. */
function isFilterRefusal(error: unknown): boolean {
  if (!(error instanceof MallError) || error.kind !== 'rejected') return false;
  const status = error.details.status;
  return status === 400 || (status !== undefined && status >= 200 && status < 300);
}

function headlineFacts(headline: unknown): { id: string | null; user: number | null; seller: number | null } {
  const raw = headline as Record<string, unknown>;
  const id = pick<string>(raw, 'topicId', 'topicid');
  return {
    id: id ? String(id) : null,
    user: readUnixSec(pick(raw, 'userPostTime', 'userposttime')),
    seller: readUnixSec(pick(raw, 'sellerPostTime', 'sellerposttime')),
  };
}

/** True when the page was the last one (by the total when the mall gives it, else a short page). */
function lastPage(page: TalkListResponse, start: number, length: number): boolean {
  const count = Number(page.summary?.topic?.count);
  return length === 0 || (Number.isFinite(count) ? start + length > count : length < YAHOO_PAGE_SIZE);
}

export function createTopicLister(options: TopicListerOptions) {
  const { settings } = options;
  let filtersRefused = false;
  let reported: YahooListMode | null = null;

  async function report(mode: YahooListMode): Promise<void> {
    if (reported === mode) return;
    reported = mode;
    await options.onListMode?.(mode);
  }

  async function filteredIds(from: Date, to: Date, dateType: string, beforeCall?: () => Promise<void>): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 1; ; ) {
      await beforeCall?.();
      const page = await options.listPage({
        start,
        result: YAHOO_PAGE_SIZE,
        requestFilter: settings.yahooListRequestFilter,
        dateType,
        startDate: Math.floor(from.getTime() / 1000),
        endDate: Math.floor(to.getTime() / 1000),
      });
      const headlines = page.headlines ?? [];
      for (const headline of headlines) {
        const { id } = headlineFacts(headline);
        if (id) ids.push(id);
      }
      if (lastPage(page, start, headlines.length)) return ids;
      start += headlines.length;
    }
  }

  async function scannedIds(from: Date, to: Date, beforeCall?: () => Promise<void>): Promise<string[]> {
    const fromSec = Math.floor(from.getTime() / 1000);
    const toSec = Math.floor(to.getTime() / 1000);
    const within = (t: number | null) => t !== null && t >= fromSec && t <= toSec;
    const ids: string[] = [];
    for (let start = 1; ; ) {
      await beforeCall?.();
      const page = await options.listPage({ start, result: YAHOO_PAGE_SIZE });
      const headlines = page.headlines ?? [];
      let reachedOlder = false;
      for (const headline of headlines) {
        const { id, user, seller } = headlineFacts(headline);
        if (id && (within(user) || within(seller))) ids.push(id);
        if (user !== null && user < fromSec) reachedOlder = true;
      }
      if (reachedOlder || lastPage(page, start, headlines.length)) return ids;
      start += headlines.length;
    }
  }

  /**
   * Passes of topic ids for the period; each pass is collected whole before its topics are read (a
   * follow-up arriving mid-pass moves its topic to the top and would shift the pages under a slow
   * reader). `beforeCall` is awaited before each page is asked for (ListOptions).
   */
  async function* passes(period: { from: Date; to: Date }, beforeCall?: () => Promise<void>): AsyncGenerator<string[]> {
    if (!filtersRefused) {
      for (const dateType of settings.yahooListDateTypes) {
        let ids: string[];
        try {
          ids = await filteredIds(period.from, period.to, dateType, beforeCall);
        } catch (error) {
          if (!isFilterRefusal(error)) throw error;
          filtersRefused = true;
          break;
        }
        yield ids;
      }
      if (!filtersRefused) {
        await report('filtered');
        return;
      }
    }
    await report('fallback');
    yield await scannedIds(period.from, period.to, beforeCall);
  }

  return {
    /** Each topic of the period once, read by `get` (null: gone at the mall); `beforeCall` before every call. */
    async *topics<T>(period: { from: Date; to: Date }, get: (topicId: string) => Promise<T | null>, beforeCall?: () => Promise<void>): AsyncGenerator<T> {
      const seen = new Set<string>();
      for await (const ids of passes(period, beforeCall)) {
        for (const topicId of ids) {
          if (seen.has(topicId)) continue;
          seen.add(topicId);
          await beforeCall?.();
          const topic = await get(topicId);
          if (topic) yield topic;
        }
      }
    },
  };
}
