/**
 * Keeps the inbox current from the server's events: presence to the team, a changed inquiry to the
 * thread, and bursts of changes (a sync) collapsed into one re-read of the list and the counts. While
 * the stream is down the inbox says so; when it is back, everything is read again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceUpdatedEvent, ServerEventName } from '../../shared/api.ts';
import type { ApiClient } from '../core/api-client.ts';

const REFRESH_DEBOUNCE_MS = 250;

export interface InboxLiveOptions {
  onPresence: (event: PresenceUpdatedEvent) => void;
  onInquiryUpdated: (id: string) => void;
  /** the list and the counts read again */
  refresh: () => void;
  loadCounts: () => void;
  /** back after the stream was down: what changed meanwhile was not announced */
  catchUp: () => void;
  /** the stream is up (first time or again): events sent before it was were not seen */
  streamUp: () => void;
}

export class InboxLive implements ReactiveController {
  /** The event stream is down (being retried): the page may be stale until it is back. */
  offline = false;
  #unsubscribe: (() => void) | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: InboxLiveOptions,
  ) {
    host.addController(this);
  }

  /** Listens through this client (a new one when the api base or token changed). */
  connect(api: ApiClient): void {
    this.#unsubscribe?.();
    this.#unsubscribe = api.subscribe((name, data) => this.#onServerEvent(name, data), {
      onStatus: (up) => {
        this.offline = !up;
        if (up) this.options.streamUp();
        this.host.requestUpdate();
      },
      onReconnect: () => this.options.catchUp(),
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
  }

  #onServerEvent(name: ServerEventName, data: unknown): void {
    if (name === 'presence.updated') {
      this.options.onPresence(data as PresenceUpdatedEvent);
      return;
    }
    if (name === 'counts.updated') {
      this.options.loadCounts();
      return;
    }
    if (name === 'inquiry.updated') {
      const id = (data as { id?: string } | null)?.id;
      if (id) this.options.onInquiryUpdated(id);
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
      this.#refreshTimer = setTimeout(() => {
        this.#refreshTimer = null;
        this.options.refresh();
      }, REFRESH_DEBOUNCE_MS);
    }
  }
}
