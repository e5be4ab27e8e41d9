/**
 * Per request: a request id (Hono's requestId: the caller's X-Request-Id when well-formed, else a new
 * one, echoed in the answer), then one JSON log line when the answer is ready, and its duration in the
 * metrics under the route's pattern (`/api/v1/inquiries/:id`, so ids do not make new series). The line
 * names the method, path (no query), route, status, duration and request id: never a header, a token
 * or a body.
 */
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export function requestIds(): MiddlewareHandler {
  return requestId();
}

export function requestLog(options: { logger?: Logger; metrics?: Metrics }): MiddlewareHandler {
  const { logger, metrics } = options;
  return async function logRequest(c, next) {
    const started = performance.now();
    let failed = false;
    try {
      await next();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const status = failed ? 500 : c.res.status;
      const route = routePath(c) || 'unmatched';
      metrics?.observeRequest({ method: c.req.method, route, status }, seconds);
      logger?.info(
        { reqId: c.get('requestId' as never) as string | undefined, method: c.req.method, path: c.req.path, route, status, ms: Math.round(seconds * 10_000) / 10 },
        'request',
      );
    }
  };
}
