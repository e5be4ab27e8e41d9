/**
 * Request bodies: the content type is checked first, the size is capped before the body is read
 * whole (Content-Length, else a counting reader), then JSON is parsed and validated with valibot.
 * A refused body never reaches a service, so it cannot change the database.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import type { FieldProblem } from '../../shared/api.ts';
import { ProblemError } from './problem.ts';
import { assertNoNul } from './text-input.ts';

export const JSON_BODY_LIMIT = 64 * 1024;
export const MULTIPART_BODY_LIMIT = 12 * 1024 * 1024;

export function tooLarge(limit: number): never {
  throw new ProblemError(413, 'body_too_large', `the request body is larger than ${limit} bytes`);
}

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Only `application/json`, at most `limit` bytes. */
export function jsonBody(limit = JSON_BODY_LIMIT): MiddlewareHandler {
  const cap = bodyLimit({ maxSize: limit, onError: () => tooLarge(limit) });
  return async function jsonBodyGuard(c, next) {
    if (mediaType(c) !== 'application/json') {
      throw new ProblemError(415, 'unsupported_media_type', 'send the body as application/json');
    }
    return cap(c, next);
  };
}

/**
 * Only `multipart/form-data`; a declared Content-Length over `limit` is refused before reading. The
 * body is not buffered here: the streaming reader (multipart.ts) counts what it reads against the
 * same limit, so a chunked upload is cut off as it grows.
 */
export function multipartBody(limit = MULTIPART_BODY_LIMIT): MiddlewareHandler {
  return async function multipartBodyGuard(c, next) {
    if (mediaType(c) !== 'multipart/form-data') {
      throw new ProblemError(415, 'unsupported_media_type', 'send the body as multipart/form-data');
    }
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > limit) tooLarge(limit);
    await next();
  };
}

export function issuesToErrors(issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    const detail = issue.type === 'strict_object' ? `unknown field: ${path}` : issue.message;
    return { field: path || '(body)', code: 'invalid_request', detail };
  });
}

/** Parses the JSON body and validates it; malformed JSON and a wrong shape answer 400 with a code. */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError(400, 'malformed_json', 'the request body is not valid JSON');
  }
  assertNoNul(raw);
  return validate(schema, raw);
}

export function validate<S extends v.GenericSchema>(schema: S, raw: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, raw);
  if (!result.success) {
    throw new ProblemError(400, 'invalid_request', 'the request does not match the expected shape', issuesToErrors(result.issues));
  }
  return result.output;
}
