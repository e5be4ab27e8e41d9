/**
 * The widgets' one way to the server: JSON over fetch with the Bearer token, problem+json turned
 * into ApiError, and server-sent events read with fetch streaming (EventSource cannot send the
 * Authorization header). One event stream is shared per (apiBase, token) by every element on a page.
 */
import type { Problem, ServerEventName } from '../../shared/api.ts';
import { loadProblemCatalogue } from './i18n/problem-catalogue.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.problem.code;
  }
}

/** Every ApiError is thrown through here, once its sentence can be looked up synchronously. */
async function fail(status: number, problem: Problem): Promise<never> {
  await loadProblemCatalogue().catch(() => undefined);
  throw new ApiError(status, problem);
}

export type ServerEventListener = (name: ServerEventName, data: unknown) => void;

export interface StreamOptions {
  /** the stream is back after a drop: events sent meanwhile were missed, so reload what is shown */
  onReconnect?: () => void;
  /** the stream is up (true) or down and being retried (false); told at once when already known */
  onStatus?: (connected: boolean) => void;
}

function networkProblem(detail: string): Problem {
  return { type: 'about:blank', title: 'Network error', status: 0, detail, code: 'network_error' };
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: '',
    code: response.status === 401 ? 'unauthorized' : response.status === 404 ? 'not_found' : 'internal_error',
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (body && typeof body.code === 'string') return { ...fallback, ...body } as Problem;
  } catch {
    // not JSON: keep the fallback built from the status
  }
  return fallback;
}

export class ApiClient {
  readonly apiBase: string;
  readonly token: string;

  constructor(apiBase: string, token: string) {
    this.apiBase = apiBase.replace(/\/+$/, '');
    this.token = token;
  }

  /** Absolute URL of an API path (`/inquiries` -> `${apiBase}/api/v1/inquiries`); `/api/v1/...` paths are kept. */
  url(path: string): string {
    const p = path.startsWith('/') ? path : `/${path}`;
    return `${this.apiBase}${p.startsWith('/api/v1/') ? p : `/api/v1${p}`}`;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, undefined, signal);
  }

  async send<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.#request(method, path, body, signal);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  /** A file with the token (attachment downloads: a plain link cannot carry the header). */
  async fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
    return (await this.#request('GET', path, undefined, signal)).blob();
  }

  /** One request with the token; a non-2xx answer or a network failure becomes an ApiError. */
  async #request(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body; // the browser sets the multipart boundary
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(this.url(path), { method, headers, body: payload, signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      return fail(0, networkProblem(error instanceof Error ? error.message : String(error)));
    }
    if (!response.ok) return fail(response.status, await problemOf(response));
    return response;
  }

  /** Listen to the shop's server-sent events; returns the function that stops listening. */
  subscribe(onEvent: ServerEventListener, options: StreamOptions = {}): () => void {
    const key = `${this.apiBase}\n${this.token}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = new EventStream(this, () => streams.delete(key));
      streams.set(key, stream);
    }
    return stream.add(onEvent, options);
  }
}

const streams = new Map<string, EventStream>();

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 15_000;

/** One fetch-streamed GET /events, fanned out to its listeners, reconnecting with backoff. */
class EventStream {
  /** each listener with its callbacks */
  readonly #listeners = new Map<ServerEventListener, StreamOptions>();
  #connectedBefore = false;
  #up: boolean | undefined;
  #controller: AbortController | null = null;
  #backoff = MIN_BACKOFF_MS;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #client: ApiClient;
  readonly #onIdle: () => void;

  constructor(client: ApiClient, onIdle: () => void) {
    this.#client = client;
    this.#onIdle = onIdle;
  }

  add(listener: ServerEventListener, options: StreamOptions): () => void {
    this.#listeners.set(listener, options);
    if (this.#up !== undefined) options.onStatus?.(this.#up);
    if (!this.#controller && !this.#retryTimer) void this.#connect();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  #stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#onIdle();
  }

  async #connect(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const response = await fetch(this.#client.url('/events'), {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${this.#client.token}` },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
      this.#backoff = MIN_BACKOFF_MS;
      this.#status(true);
      if (this.#connectedBefore) for (const options of [...this.#listeners.values()]) options.onReconnect?.();
      this.#connectedBefore = true;
      await this.#read(response.body, controller.signal);
    } catch {
      // a dropped or refused stream is retried below
    }
    if (controller.signal.aborted || this.#listeners.size === 0) return;
    this.#status(false);
    this.#controller = null;
    const delay = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#listeners.size > 0) void this.#connect();
    }, delay);
  }

  #status(up: boolean): void {
    if (this.#up === up) return;
    this.#up = up;
    for (const options of [...this.#listeners.values()]) options.onStatus?.(up);
  }

  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let event = 'message';
    let data: string[] = [];
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) this.#dispatch(event, data.join('\n'));
          event = 'message';
          data = [];
        } else if (line.startsWith(':')) {
          // heartbeat comment
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
        }
      }
    }
  }

  #dispatch(event: string, raw: string): void {
    let data: unknown = raw;
    try {
      data = JSON.parse(raw);
    } catch {
      // keep the raw text
    }
    for (const listener of [...this.#listeners.keys()]) {
      try {
        listener(event as ServerEventName, data);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
