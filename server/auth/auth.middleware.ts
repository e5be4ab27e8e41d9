/**
 * Bearer authentication: every API request carries the host app's JWT. The shop it names is the
 * tenant for every query of the request; a bad token answers 401 with WWW-Authenticate.
 */
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import { ProblemError } from '../http/problem.ts';
import { ensureShop } from '../shops/shops.repository.ts';
import { TokenError, verifyToken } from './jwt.ts';

export interface AuthVariables {
  shopId: string;
  staff: string;
}

export interface AuthOptions {
  secret: string;
  db: Db;
}

function unauthorized(detail: string, error?: string): ProblemError {
  const challenge = error ? `Bearer realm="goq", error="${error}"` : 'Bearer realm="goq"';
  return new ProblemError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': challenge });
}

export function bearerAuth(options: AuthOptions): MiddlewareHandler<{ Variables: AuthVariables }> {
  // shops seen since start: their row exists, so no write per request
  const known = new Set<string>();
  return async function authenticate(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('a Bearer token is required');
    let claims;
    try {
      claims = verifyToken(match[1]!, options.secret);
    } catch (error) {
      throw unauthorized(error instanceof TokenError ? error.message : 'invalid token', 'invalid_token');
    }
    if (!known.has(claims.shop)) {
      await ensureShop(options.db, claims.shop);
      known.add(claims.shop);
    }
    c.set('shopId', claims.shop);
    c.set('staff', claims.staff);
    await next();
  };
}
