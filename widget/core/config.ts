import { toLang, type Lang } from './i18n/catalogue.ts';

export const CONFIG_TAG = 'goq-inquiry-config';
/** Fired on the config element itself when one of its attributes changes. */
export const CONFIG_CHANGE_EVENT = 'goq-config-change';

// Read while the script runs: a classic <script src> bundle is document.currentScript (its
// import.meta is empty); an ES module knows its own URL from import.meta.url.
const SCRIPT_ORIGIN: string = (() => {
  const script = typeof document !== 'undefined' ? document.currentScript : null;
  if (script instanceof HTMLScriptElement && script.src) return new URL(script.src, location.href).origin;
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return globalThis.location?.origin ?? '';
  }
})();

export function defaultApiBase(): string {
  return SCRIPT_ORIGIN;
}

/**
 * @tagname goq-inquiry-config
 * @summary Gives every GoQ element inside it the API base, token and language.
 *
 * @attr api-base - API origin (the server's base URL, without /api/v1)
 * @attr token - Bearer token (a JWT signed by the host app)
 * @attr lang - `ja` (default) or `en`
 * @event goq-config-change - on the config element itself when an attribute changes (the elements inside listen)
 * @slot - the GoQ elements (and anything else) it configures
 *
 * <goq-inquiry-config api-base token lang>: one wrapper that gives every GoQ element inside it
 * (across shadow roots) its API base, token and language. It renders its children as they are.
 * An element's own attributes win; without either, api-base is the origin the script came from.
 */
export class GoqInquiryConfig extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['api-base', 'token', 'lang'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{display:contents}</style><slot></slot>';
  }

  get apiBase(): string {
    return this.getAttribute('api-base') ?? '';
  }
  set apiBase(value: string) {
    this.setAttribute('api-base', value);
  }

  get token(): string {
    return this.getAttribute('token') ?? '';
  }
  set token(value: string) {
    this.setAttribute('token', value);
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue !== newValue) this.dispatchEvent(new Event(CONFIG_CHANGE_EVENT));
  }
}

/** The closest enclosing <goq-inquiry-config>, looking through shadow roots up to the document. */
export function findConfig(from: Element): Element | null {
  let node: Element | null = from;
  while (node) {
    const found: Element | null = node.parentElement?.closest(CONFIG_TAG) ?? null;
    if (found) return found;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
    if (node?.localName === CONFIG_TAG) return node;
  }
  return null;
}

export interface ResolvedConfig {
  apiBase: string;
  token: string;
  lang: Lang;
}

/** An element's own values first, then its config element's, then the defaults. */
export function resolveConfig(own: { apiBase: string; token: string; lang: string }, config: Element | null): ResolvedConfig {
  return {
    apiBase: own.apiBase || config?.getAttribute('api-base') || defaultApiBase(),
    token: own.token || config?.getAttribute('token') || '',
    lang: toLang(own.lang || config?.getAttribute('lang') || 'ja'),
  };
}
