/**
 * Errors as RFC 9457 problem+json with a stable `code` (shared/problem-codes.ts). Routes and
 * services throw `ProblemError`; `handleError` is the app's one onError and turns anything into a problem.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldProblem, Problem } from '../../shared/api.ts';
import { PROBLEM_CODES, type ProblemCode } from '../../shared/problem-codes.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldProblem[],
    readonly headers?: Record<string, string>,
    /** members added to the problem body (RFC 9457 extensions), e.g. thread_changed's version and messages */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** A field problem's code as a problem code (they share one list); anything else is `invalid_request`. */
export function asProblemCode(code: string): ProblemCode {
  return (PROBLEM_CODES as readonly string[]).includes(code) ? (code as ProblemCode) : 'invalid_request';
}

/** 422 for a request the rules refuse: the first problem is the code, all are listed. */
export function refused(detail: string, problems: FieldProblem[]): ProblemError {
  return new ProblemError(422, asProblemCode(problems[0]?.code ?? 'invalid_request'), detail, problems);
}

export function notFound(what = 'resource'): ProblemError {
  return new ProblemError(404, 'not_found', `${what} not found`);
}

export function problemBody(status: number, code: ProblemCode, detail: string, errors?: FieldProblem[]): Problem {
  const body: Problem = { type: `urn:goq:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export function problemResponse(error: ProblemError): Response {
  const body = { ...problemBody(error.status, error.code, error.detail, error.errors), ...error.extensions };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...error.headers },
  });
}

export function handleError(error: Error, c: Context): Response {
  if (error instanceof ProblemError) return problemResponse(error);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code: ProblemCode = status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : status === 413 ? 'body_too_large' : status >= 500 ? 'internal_error' : 'invalid_request';
    return problemResponse(new ProblemError(status, code, error.message || TITLES[status] || 'error'));
  }
  // unexpected: log the path only (bodies may hold customer data), answer without internals
  console.error(`[goq] ${c.req.method} ${new URL(c.req.url).pathname} failed:`, error);
  return problemResponse(new ProblemError(500, 'internal_error', 'internal error'));
}
