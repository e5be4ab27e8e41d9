/** Message catalogues: one per element folder ({ ja, en }), plus the core one for shared words and problem codes. */
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Messages = Record<string, string>;
export interface Catalogue {
  ja: Messages;
  en: Messages;
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
