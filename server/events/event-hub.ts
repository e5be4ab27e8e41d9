/**
 * In-process publish/subscribe per shop, feeding `GET /events`. Services publish after their
 * transaction commits; a listener that throws never affects the publisher or other listeners.
 * With several instances (PostgreSQL), each event also goes to the cluster bus, and what the other
 * instances publish arrives through it for this instance's pages.
 */
import type { InquiryCounts, InquiryUpdatedEvent, PresenceUpdatedEvent, ServerEventName } from '../../shared/api.ts';
import type { ClusterBus } from './cluster-bus.ts';

export type ServerEvent =
  | { name: 'inquiry.updated'; data: InquiryUpdatedEvent }
  | { name: 'counts.updated'; data: InquiryCounts }
  | { name: 'presence.updated'; data: PresenceUpdatedEvent };

export type EventListener = (event: ServerEvent) => void;

export interface EventHub {
  publish(shopId: string, event: ServerEvent): void;
  /** returns the unsubscribe function */
  subscribe(shopId: string, listener: EventListener): () => void;
  listenerCount(shopId: string): number;
  /** whether an event of the shop may reach a page: one open here, or other instances to tell */
  hasAudience(shopId: string): boolean;
  /** every shop's listeners: the open event streams (metrics) */
  totalListeners(): number;
}

const BUS_TOPIC = 'event';

export function createEventHub(options: { bus?: ClusterBus } = {}): EventHub {
  const listeners = new Map<string, Set<EventListener>>();
  const deliver = (shopId: string, event: ServerEvent) => {
    for (const listener of [...(listeners.get(shopId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        console.error('[goq] event listener failed:', error);
      }
    }
  };
  options.bus?.subscribe(BUS_TOPIC, (payload) => {
    const { s, e } = payload as { s: string; e: ServerEvent };
    if (typeof s === 'string' && e && SERVER_EVENT_NAMES.includes(e.name)) deliver(s, e);
  });
  return {
    publish(shopId, event) {
      deliver(shopId, event);
      // ids and counts only: the event types carry no message text
      options.bus?.publish(BUS_TOPIC, { s: shopId, e: event });
    },
    subscribe(shopId, listener) {
      let set = listeners.get(shopId);
      if (!set) listeners.set(shopId, (set = new Set()));
      set.add(listener);
      return () => {
        set!.delete(listener);
        if (set!.size === 0 && listeners.get(shopId) === set) listeners.delete(shopId);
      };
    },
    listenerCount(shopId) {
      return listeners.get(shopId)?.size ?? 0;
    },
    hasAudience(shopId) {
      return options.bus !== undefined || (listeners.get(shopId)?.size ?? 0) > 0;
    },
    totalListeners() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}

export const SERVER_EVENT_NAMES: readonly ServerEventName[] = ['inquiry.updated', 'counts.updated', 'presence.updated'];
