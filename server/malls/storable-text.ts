/**
 * Text from a mall, made storable: NUL (U+0000, refused by PostgreSQL text) and lone UTF-16 surrogates
 * (not valid Unicode, so neither SQLite's UTF-8 nor PostgreSQL can hold them) are removed; every other
 * character is kept exactly. Applied at each client's edge (mapping.ts), so one odd message never
 * stops an account's sync.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '');
}

export function storableTextOrNull(text: string | null): string | null {
  return text === null ? null : storableText(text);
}
