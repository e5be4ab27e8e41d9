/** Two members of one shop (an admin and a staff), each with their own token, and a way to listen to a shop's events. */
import type { Hono } from 'hono';
import type { ServerEvent } from '../../../server/events/event-hub.ts';
import type { EventHub } from '../../../server/events/event-hub.ts';
import { memberToken, requestAs } from '../support/context.ts';

export interface Member {
  id: string;
  name: string;
  token: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

export function member(app: Hono, shop: string, id: string, name: string, role?: 'admin' | 'staff'): Member {
  const token = memberToken(shop, { sub: id, staff: name, role });
  const request = (path: string, init?: RequestInit) => requestAs(app, token, path, init);
  return {
    id,
    name,
    token,
    request,
    async json<T>(path: string, init?: RequestInit) {
      const res = await request(path, init);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    send(method, path, body) {
      return request(path, {
        method,
        ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      });
    },
  };
}

/** The shop's events from now on. */
export function listen(hub: EventHub, shop: string): { events: ServerEvent[]; stop(): void } {
  const events: ServerEvent[] = [];
  const stop = hub.subscribe(shop, (e) => events.push(e));
  return { events, stop };
}
