/**
 * The inbox's first pages (each tab and mall filter, no search, no cursor) kept in memory as the JSON
 * they were answered with, encoded once as UTF-8: an answer from here is written to the socket as it
 * is. (Kept as a string, every answer made a copy: Node's HTTP server writes a string body joined to
 * its header, and the joined string was flattened, 40 KB of heap for a page of Japanese text, then
 * encoded again: a third of what the production server allocated per inbox request.) Every open inbox asks for the same first page again whenever an inquiry of
 * the shop changes, and staff switch tabs all day: these are most of the inbox's reads.
 *
 * An entry holds only while the shop's inquiry version (a row moved on by database triggers at every
 * write of the shop's inquiries, migration 0005) is the one it was read at, so a write by any writer,
 * this server or another one on the same PostgreSQL, is seen at the next request. The version is read
 * before the page, so a page is never kept under a version newer than its contents.
 */
import type { InquiryStatus, Mall } from '../../shared/api.ts';

export interface CacheablePageQuery {
  status?: InquiryStatus;
  mall?: Mall;
  q?: string;
  cursor?: string;
  limit?: number;
}

interface Entry {
  version: number;
  json: Uint8Array<ArrayBuffer>;
}

export class InboxPageCache {
  #entries = new Map<string, Entry>();
  #bytes = 0;

  /** @param maxBytes memory held at most (bytes of the kept JSON) */
  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  /** The entry's key, or null for a page that is not kept (a search, or a page past the first). */
  keyOf(shopId: string, query: CacheablePageQuery): string | null {
    if (query.q || query.cursor) return null;
    return `${shopId}\u0000${query.status ?? ''}\u0000${query.mall ?? ''}\u0000${query.limit ?? ''}`;
  }

  get(key: string, version: number): Uint8Array<ArrayBuffer> | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.version !== version) {
      this.#drop(key, entry);
      return null;
    }
    // most recently used last, so the oldest goes first when memory runs short
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.json;
  }

  set(key: string, version: number, json: Uint8Array<ArrayBuffer>): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    const size = json.byteLength;
    if (size > this.maxBytes) return;
    while (this.#bytes + size > this.maxBytes) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#drop(oldestKey, oldest);
    }
    this.#entries.set(key, { version, json });
    this.#bytes += size;
  }

  get size(): number {
    return this.#entries.size;
  }

  #drop(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.json.byteLength;
  }
}
