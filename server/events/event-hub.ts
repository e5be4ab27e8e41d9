/**
 * In-process publish/subscribe per shop, feeding `GET /events`. Services publish after their
 * transaction commits; a listener that throws never affects the publisher or other listeners.
 * (Several server machines would each need a shared channel, e.g. PostgreSQL LISTEN/NOTIFY, behind
 * this same interface.)
 */
import type { InquiryCounts, InquiryUpdatedEvent, PresenceUpdatedEvent, ServerEventName } from '../../shared/api.ts';

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
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    publish(shopId, event) {
      for (const listener of [...(listeners.get(shopId) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          console.error('[goq] event listener failed:', error);
        }
      }
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
  };
}

export const SERVER_EVENT_NAMES: readonly ServerEventName[] = ['inquiry.updated', 'counts.updated', 'presence.updated'];
