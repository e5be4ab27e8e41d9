/**
 * `url-state` on the inbox: its place (tab, filters, sort, open inquiry) kept in the page's query string,
 * so Back, reload and a shared link return to it. A tab or an inquiry opened is a new history entry,
 * the other changes replace the current one; popstate puts the inbox back where the entry was.
 * Without the attribute the host's URL is never read nor written.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The inbox's place, as strings ('' = the default, left out of the URL). */
export interface InboxPlace {
  status: string;
  inquiry: string;
  mall: string;
  q: string;
  assignee: string;
  sort: string;
}

const KEYS: (keyof InboxPlace)[] = ['status', 'inquiry', 'mall', 'q', 'assignee', 'sort'];
/** Changes to these make a new history entry (Back returns to the previous tab or inquiry). */
const PUSHED: (keyof InboxPlace)[] = ['status', 'inquiry'];

export function readPlace(search: string): Partial<InboxPlace> {
  const params = new URLSearchParams(search);
  const place: Partial<InboxPlace> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null) place[key] = value;
  }
  return place;
}

export class UrlState implements ReactiveController {
  #synced = false;
  readonly #enabled: () => boolean;
  readonly #get: () => InboxPlace;
  readonly #apply: (place: Partial<InboxPlace>) => void;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement, enabled: () => boolean, get: () => InboxPlace, apply: (place: Partial<InboxPlace>) => void) {
    this.#host = host;
    this.#enabled = enabled;
    this.#get = get;
    this.#apply = apply;
    host.addController(this);
  }

  readonly #onPop = (): void => {
    if (this.#enabled()) this.#apply(readPlace(location.search));
  };

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPop);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPop);
  }

  /** The place the page's URL holds (applied once, before the first load). */
  initial(): Partial<InboxPlace> {
    return this.#enabled() ? readPlace(location.search) : {};
  }

  /** After each update: the URL follows the inbox. */
  hostUpdated(): void {
    // an inbox taken off the page may still finish a load: the URL is no longer its to change
    if (!this.#enabled() || !this.#host.isConnected) return;
    const synced = this.#synced;
    this.#synced = true;
    const place = this.#get();
    const url = new URL(location.href);
    const before = readPlace(url.search);
    let push = false;
    let changed = false;
    for (const key of KEYS) {
      if ((before[key] ?? '') === place[key]) continue;
      changed = true;
      if (PUSHED.includes(key)) push = true;
      if (place[key]) url.searchParams.set(key, place[key]);
      else url.searchParams.delete(key);
    }
    if (!changed) return;
    // the first sync describes the page as it was loaded: no entry of its own
    if (push && synced) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }
}
