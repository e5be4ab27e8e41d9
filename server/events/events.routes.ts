/**
 * `GET /events`: server-sent events for the token's shop. The widgets read it with fetch streaming
 * (EventSource cannot send the Authorization header). A comment line every 20 s keeps proxies from
 * closing an idle stream.
 *
 * A shop's page holds its stream for hours, and one client may hold a thousand, so an open stream
 * keeps as little as it can: the answer's body is one ReadableStream fed with bytes encoded once per
 * event (not once per stream), no per-stream timer, promise loop or writer chain, and nothing of the
 * request's context. The heartbeat is one timer for every stream of the route, which writes to the
 * streams a slice at a time so that a thousand of them never hold the event loop for one long turn.
 * A stream whose client stopped reading (more than MAX_QUEUED_BYTES waiting) is closed instead of
 * buffered without end; the page reconnects and reloads what it shows.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { EventHub, ServerEvent } from './event-hub.ts';

export const HEARTBEAT_MS = 20_000;
/** what may wait for a slow client before its stream is closed */
export const MAX_QUEUED_BYTES = 64 * 1024;
/** streams written per turn of the event loop by the heartbeat */
const HEARTBEAT_SLICE = 50;

const encoder = new TextEncoder();
const CONNECTED = encoder.encode(': connected\n\n');
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** One event's bytes, encoded once however many streams of the shop it goes to. */
const encoded = new WeakMap<ServerEvent, Uint8Array>();
function encodeEvent(event: ServerEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    // JSON.stringify escapes line breaks, so the data is one `data:` line
    bytes = encoder.encode(`event: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`);
    encoded.set(event, bytes);
  }
  return bytes;
}

export interface EventStream {
  /** queues bytes for the client; false when the stream is closed (or was closed now: too far behind) */
  send(bytes: Uint8Array): boolean;
  /** bytes waiting for the client */
  readonly queued: number;
}

/** The one timer that sends the heartbeat comment to every open stream of a route. */
export interface Heartbeat {
  add(stream: EventStream): void;
  delete(stream: EventStream): void;
  /** open streams it beats for */
  readonly size: number;
  /** whether its timer runs (only while a stream is open) */
  readonly running: boolean;
}

export function createHeartbeat(everyMs: number): Heartbeat {
  const streams = new Set<EventStream>();
  let timer: NodeJS.Timeout | null = null;
  const beat = () => {
    const round = [...streams];
    let next = 0;
    const slice = () => {
      const end = Math.min(next + HEARTBEAT_SLICE, round.length);
      for (; next < end; next++) {
        const stream = round[next]!;
        // a stream with bytes still waiting is not idle: no comment needed
        if (streams.has(stream) && stream.queued === 0) stream.send(HEARTBEAT);
      }
      if (next < round.length) setImmediate(slice);
    };
    slice();
  };
  return {
    add(stream) {
      streams.add(stream);
      if (!timer) {
        timer = setInterval(beat, everyMs);
        // open sockets keep the process alive, not the heartbeat
        timer.unref();
      }
    },
    delete(stream) {
      streams.delete(stream);
      if (streams.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    },
    get size() {
      return streams.size;
    },
    get running() {
      return timer !== null;
    },
  };
}

/** The answer's body: the shop's events from now on, until the client goes or falls too far behind. */
function openEventStream(hub: EventHub, heartbeat: Heartbeat, shopId: string): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unsubscribe = () => {};
  const release = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    heartbeat.delete(stream);
  };
  const stream: EventStream = {
    send(bytes) {
      if (closed) return false;
      if (-(controller.desiredSize ?? 0) + bytes.byteLength > MAX_QUEUED_BYTES) {
        release();
        controller.close();
        return false;
      }
      controller.enqueue(bytes);
      return true;
    },
    get queued() {
      // high-water mark 0: desiredSize is minus the bytes queued
      return closed ? 0 : -(controller.desiredSize ?? 0);
    },
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      // the client went away (the socket closed, or the reader was cancelled)
      cancel: release,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  stream.send(CONNECTED);
  unsubscribe = hub.subscribe(shopId, (event) => void stream.send(encodeEvent(event)));
  heartbeat.add(stream);
  return body;
}

export function eventsRoutes(hub: EventHub, heartbeatMs = HEARTBEAT_MS): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const heartbeat = createHeartbeat(heartbeatMs);
  app.get('/', (c) =>
    c.body(openEventStream(hub, heartbeat, c.get('shopId')), 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      // streamed as it comes: no attempt to find a length first
      'Transfer-Encoding': 'chunked',
    }),
  );
  return app;
}
