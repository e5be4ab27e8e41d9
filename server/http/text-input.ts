/**
 * Text no database can hold is refused at the edge, the same way on SQLite and PostgreSQL:
 * U+0000 anywhere in the path, the query, a JSON body or a form field answers 422 `invalid_text`
 * (PostgreSQL would refuse it mid-write, SQLite would store it). A repeated query parameter is
 * ambiguous (which one counts?) and answers 400 `invalid_query`.
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.ts';

export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

export function invalidText(where: string): ProblemError {
  return new ProblemError(422, 'invalid_text', `${where} contains U+0000, which cannot be stored`);
}

/** Throws `invalid_text` when any string (or key) in a parsed JSON value holds U+0000. */
export function assertNoNul(value: unknown, where = 'the request body'): void {
  if (typeof value === 'string') {
    if (hasNul(value)) throw invalidText(where);
  } else if (Array.isArray(value)) {
    for (const item of value) assertNoNul(item, where);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (hasNul(key)) throw invalidText(where);
      assertNoNul(item, where);
    }
  }
}

/** The request line: no NUL (raw or %00) in the path or the query, no query parameter twice. */
export function checkRequestLine(): MiddlewareHandler {
  return async function requestLine(c, next) {
    const url = c.req.url;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    if (/%00|\u0000/i.test(path)) throw invalidText('the path');
    if (queryAt !== -1) {
      const query = url.slice(queryAt + 1);
      if (/%00|\u0000/i.test(query)) throw invalidText('the query');
      const seen = new Set<string>();
      for (const key of new URLSearchParams(query).keys()) {
        if (seen.has(key)) throw new ProblemError(400, 'invalid_query', 'a query parameter is given more than once');
        seen.add(key);
      }
    }
    await next();
  };
}
