/**
 * `GET /events`: server-sent events for the token's shop. The widgets read it with fetch streaming
 * (EventSource cannot send the Authorization header). A comment line every 20 s keeps proxies from
 * closing an idle stream.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/app-env.ts';
import type { EventHub, ServerEvent } from './event-hub.ts';

export const HEARTBEAT_MS = 20_000;

export function eventsRoutes(hub: EventHub, heartbeatMs = HEARTBEAT_MS): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const shopId = c.get('shopId');
    c.header('Cache-Control', 'no-cache, no-transform');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: ServerEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = hub.subscribe(shopId, (event) => {
        queue.push(event);
        wake?.();
      });
      const heartbeat = setInterval(() => {
        void stream.write(': heartbeat\n\n').catch(() => undefined);
      }, heartbeatMs);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      try {
        await stream.write(': connected\n\n');
        for (;;) {
          while (queue.length > 0) {
            const event = queue.shift()!;
            await stream.writeSSE({ event: event.name, data: JSON.stringify(event.data) });
          }
          const woken = new Promise<void>((resolve) => (wake = resolve));
          const result = await Promise.race([woken.then(() => 'event' as const), closed.then(() => 'closed' as const)]);
          wake = null;
          if (result === 'closed' || stream.aborted || stream.closed) break;
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
  return app;
}
