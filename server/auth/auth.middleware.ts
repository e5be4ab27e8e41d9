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
    await ensureShop(options.db, claims.shop);
    c.set('shopId', claims.shop);
    c.set('staff', claims.staff);
    await next();
  };
}
