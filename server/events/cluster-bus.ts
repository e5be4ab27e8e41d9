/**
 * What one instance tells the others: live events for their open pages, a sync requested of the
 * account another instance holds, an outbox row to deliver. On PostgreSQL through LISTEN/NOTIFY on one
 * channel (every instance listens on a connection of its own and sends through the pool); with SQLite
 * there is one instance and nothing to tell. Payloads are small: ids and shop, never a message body
 * (PostgreSQL caps a notification at 8000 bytes).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.ts';

export type BusHandler = (payload: unknown) => void;

export interface ClusterBus {
  /** this instance's id (notifications it sent itself are not delivered back) */
  readonly origin: string;
  /** to every other instance */
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'goq_cluster';

/** One instance (SQLite, tests): nobody else to tell. */
export function createLocalBus(): ClusterBus {
  return { origin: randomUUID(), publish() {}, subscribe: () => () => {}, close: async () => {} };
}

/** LISTEN/NOTIFY: resolves once the listening connection is up, so nothing sent after start is missed. */
export async function createPostgresBus(options: { db: Db; url: string; onError?: (error: Error) => void }): Promise<ClusterBus> {
  const origin = randomUUID();
  const handlers = new Map<string, Set<BusHandler>>();
  const report = options.onError ?? ((error: Error) => console.error('[goq] cluster bus:', error.message));
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const deliver = (text: string | undefined) => {
    if (!text) return;
    let message: { o: string; t: string; p: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.o === origin) return;
    for (const handler of [...(handlers.get(message.t) ?? [])]) {
      try {
        handler(message.p);
      } catch (error) {
        report(error as Error);
      }
    }
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (n) => deliver(n.payload));
    next.on('error', (error) => {
      report(error);
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    await next.connect();
    await next.query(`listen ${CHANNEL}`);
    client = next;
  };
  // a lost listening connection is opened again; events in between are lost (pages reload on reconnect)
  const reconnect = (lost: pg.Client) => {
    if (closed || client !== lost) return;
    client = null;
    void lost.end().catch(() => undefined);
    const attempt = () => {
      retry = null;
      if (closed) return;
      connect().catch((error: Error) => {
        report(error);
        retry = setTimeout(attempt, 1000);
      });
    };
    retry = setTimeout(attempt, 200);
  };

  await connect();
  return {
    origin,
    publish(topic, payload) {
      if (closed) return;
      const text = JSON.stringify({ o: origin, t: topic, p: payload });
      sql`select pg_notify(${CHANNEL}, ${text})`.execute(options.db).catch((error: Error) => report(error));
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => set!.delete(handler);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
