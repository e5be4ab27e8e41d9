/**
 * Bearer authentication: every API request carries the host app's JWT. The shop it names is the
 * tenant for every query of the request; a bad token answers 401 with WWW-Authenticate.
 */
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import { JSON_BODY_LIMIT, tooLarge } from '../http/body.ts';
import { ProblemError } from '../http/problem.ts';
import { ensureShop } from '../shops/shops.repository.ts';
import { TokenError, verifyMemberToken, type VerifyOptions } from './jwt.ts';

export interface AuthVariables {
  shopId: string;
  /** the member's display name */
  staff: string;
  /** the member's id: the token's `sub`, else its name */
  staffId: string;
  role: 'admin' | 'staff';
}

export interface AuthOptions extends VerifyOptions {
  secret: string;
  db: Db;
}

function unauthorized(detail: string, code: 'unauthorized' | 'token_exp_required', error?: string): ProblemError {
  const challenge = error ? `Bearer realm="goq", error="${error}"` : 'Bearer realm="goq"';
  return new ProblemError(401, code, detail, undefined, { 'WWW-Authenticate': challenge });
}

/**
 * `maxAgeSeconds` (GOQ_JWT_MAX_AGE) bounds how far ahead `exp` may be; `maxAgeExemptShop` names the
 * one shop whose long-lived token is accepted (the demo shop, set only in demo mode).
 */
export function bearerAuth(options: AuthOptions): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('a Bearer token is required', 'unauthorized');
    let claims;
    try {
      claims = await verifyMemberToken(match[1]!, options.secret, options);
    } catch (error) {
      if (!(error instanceof TokenError)) throw unauthorized('invalid token', 'unauthorized', 'invalid_token');
      if (error.code === 'invalid_text') throw new ProblemError(422, 'invalid_text', error.message);
      throw unauthorized(error.message, error.code, 'invalid_token');
    }
    await ensureShop(options.db, claims.shop);
    c.set('shopId', claims.shop);
    c.set('staff', claims.staff);
    c.set('staffId', claims.staffId);
    c.set('role', claims.role);
    await next();
  };
}

/**
 * Writes (anything but GET/HEAD/OPTIONS) need an admin token: a staff token answers 403
 * `forbidden_role`. A body over the JSON limit is refused as too large first, as on every route: its
 * declared length, or its bytes counted as they stream (never buffered).
 */
export function adminForWrites(): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function requireAdminForWrites(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.get('role') === 'admin') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > JSON_BODY_LIMIT) tooLarge(JSON_BODY_LIMIT);
    if (c.req.raw.body && declared === undefined) {
      let bytes = 0;
      const reader = c.req.raw.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > JSON_BODY_LIMIT) {
          await reader.cancel().catch(() => undefined);
          tooLarge(JSON_BODY_LIMIT);
        }
      }
    }
    throw new ProblemError(403, 'forbidden_role', 'only an admin may change this');
  };
}
