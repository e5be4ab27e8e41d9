/** Message catalogues: one per element folder ({ ja, en }), plus the core one for shared words and problem codes. */
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Messages = Record<string, string>;
export interface Catalogue {
  ja: Messages;
  /** Filled from loadEn, when there is one, before an element first renders in English. */
  en: Messages;
  /** Fetches the English wording on demand (its own chunk): Japanese pages never load it. */
  loadEn?: () => Promise<Messages>;
}

/** A catalogue whose English is fetched the first time it is needed. */
export function lazyCatalogue(ja: Messages, loadEn: () => Promise<Messages>): Catalogue {
  return { ja, en: {}, loadEn };
}

/** One catalogue holding several: their Japanese now, their English together on demand. */
export function joinCatalogues(...parts: Catalogue[]): Catalogue {
  const joined: Catalogue = { ja: Object.assign({}, ...parts.map((c) => c.ja)), en: Object.assign({}, ...parts.map((c) => c.en)) };
  if (parts.some((c) => c.loadEn)) {
    joined.loadEn = () => Promise.all(parts.map((c) => c.loadEn?.() ?? c.en)).then((all) => Object.assign({}, ...all) as Messages);
  }
  return joined;
}

const englishLoads = new WeakMap<Catalogue, Promise<void>>();

/**
 * Until the catalogues' English is in: a promise for it (fetched once); null once it is. A failed fetch is
 * tried again on the next render; meanwhile lookups fall back to Japanese.
 */
export function englishPending(...catalogues: Catalogue[]): Promise<unknown> | null {
  const pending: Array<Promise<void>> = [];
  for (const catalogue of catalogues) {
    const load = catalogue.loadEn;
    if (!load) continue;
    let loading = englishLoads.get(catalogue);
    if (!loading) {
      loading = load().then(
        (en) => {
          Object.assign(catalogue.en, en);
          delete catalogue.loadEn;
        },
        () => void englishLoads.delete(catalogue),
      );
      englishLoads.set(catalogue, loading);
    }
    pending.push(loading);
  }
  return pending.length ? Promise.all(pending) : null;
}

export function toLang(value: string | null | undefined): Lang {
  return value && value.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

/** `{name}` in a message is replaced by params.name. */
export function interpolate(message: string, params?: Record<string, string | number>): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** An element's message lookup, handed to the render helpers that build part of its template. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
