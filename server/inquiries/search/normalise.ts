/**
 * The one normalisation of search text, used for the index, the query and the reference scan:
 * NFKC (full-width digits and Latin letters become ASCII, half-width kana become full-width) and
 * lower case. The two characters the index uses as markers never survive it.
 */

/** Ends every field in a search document, so no query matches across two fields. */
export const FIELD_END = '\u001f';
/** Put between characters in the pair index (SQLite); never in normalised text. */
export const PAIR_MARK = '\u001e';

const MARKERS = /[\u001e\u001f]/g;

export function normaliseSearchText(text: string): string {
  return text.replace(MARKERS, ' ').normalize('NFKC').toLowerCase().replace(MARKERS, ' ');
}

/**
 * What the SQLite full-text index stores for a document: its trigrams answer words of 3 characters or
 * more, and the same text with a mark after every character gives one token per character pair
 * ("a␞b") and per character ("␞a␞"), which answer 1- and 2-character words.
 */
export function sqliteIndexText(document: string): string {
  let spread = PAIR_MARK;
  for (const ch of document) spread += ch + PAIR_MARK;
  return `${document}${PAIR_MARK}${spread}`;
}

/** The FTS5 tokens (quoted) every document containing `needle` (normalised, non-empty) has. */
export function sqliteMatchTokens(needle: string): string[] {
  const chars = [...needle];
  const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;
  if (chars.length === 1) return [quote(`${PAIR_MARK}${chars[0]}${PAIR_MARK}`)];
  if (chars.length === 2) return [quote(`${chars[0]}${PAIR_MARK}${chars[1]}`)];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return [...grams].map(quote);
}

/** The FTS5 query that narrows to documents that may contain `needle` (normalised, non-empty). */
export function sqliteMatchQuery(needle: string): string {
  return sqliteMatchTokens(needle).join(' AND ');
}

/** Put between characters in the PostgreSQL pair index: a letter, so pg_trgm keeps it inside words. */
export const PG_PAIR_MARK = 'ĸ';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The LIKE pattern (escape '\') over the plain document: answers any word, indexed from 3 characters. */
export function pgPlainPattern(needle: string): string {
  return `%${escapeLike(needle)}%`;
}

/** The LIKE pattern over goq_search_pairs(text) for 1- and 2-character words. */
export function pgPairPattern(needle: string): string {
  const chars = [...needle].map(escapeLike);
  return chars.length === 1 ? `%${PG_PAIR_MARK}${chars[0]}${PG_PAIR_MARK}%` : `%${chars.join(PG_PAIR_MARK)}%`;
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** Where the (normalised) needle first occurs in `text`, in UTF-16 units of the original text, or null. */
export function findMatch(text: string, needle: string): { start: number; length: number } | null {
  // normalise grapheme by grapheme (ﾃﾞ is one: デ), keeping where each came from, so the offsets are the original's
  let normalised = '';
  const origin: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(text)) {
    const n = normaliseSearchText(segment);
    for (let k = 0; k < n.length; k++) {
      origin.push(index);
      ends.push(index + segment.length);
    }
    normalised += n;
  }
  const at = normalised.indexOf(needle);
  if (at < 0) return null;
  const start = origin[at]!;
  return { start, length: ends[at + needle.length - 1]! - start };
}
