/** The SQL functions the SQLite search triggers call; every connection that writes inquiries needs them. */
import type SQLite from 'better-sqlite3';
import { normaliseSearchText, sqliteIndexText } from './normalise.ts';

export function registerSearchFunctions(sqlite: SQLite.Database): void {
  const options = { deterministic: true, varargs: false } as const;
  sqlite.function('goq_search_norm', options, (text: unknown) => (typeof text === 'string' ? normaliseSearchText(text) : ''));
  sqlite.function('goq_search_index_text', options, (text: unknown) => (typeof text === 'string' ? sqliteIndexText(text) : ''));
}
