/**
 * HS256 JWTs signed by the host app with the shared secret (GOQ_JWT_SECRET). Verification is
 * `hono/jwt` with the algorithm pinned to HS256 (no `alg: none`, no key confusion); `exp` is
 * required and at most `maxAgeSeconds` ahead, `nbf` and `iat` are checked. Signing stays a few lines
 * of node:crypto so tests, benchmarks and the demo can sign synchronously.
 */
import { createHmac } from 'node:crypto';
import { verify } from 'hono/jwt';
import { JwtTokenExpired, JwtTokenNotBefore } from 'hono/utils/jwt/types';
import { hasNul } from '../http/text-input.ts';

export interface TokenClaims {
  /** tenant id */
  shop: string;
  /** staff display name, used for [担当者名] */
  staff: string;
}

/** What a verified token says about its member: `sub` (else the name) is the id; `role` defaults to staff. */
export interface VerifiedClaims extends TokenClaims {
  staffId: string;
  role: 'admin' | 'staff';
}

/** How far ahead a token's `exp` may be, unless configured (GOQ_JWT_MAX_AGE). */
export const DEFAULT_JWT_MAX_AGE_SECONDS = 24 * 3600;

/** Why a token is refused; `code` is the problem code when it is more specific than `unauthorized`. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly code: 'unauthorized' | 'token_exp_required' | 'invalid_text' = 'unauthorized',
  ) {
    super(message);
  }
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signToken(
  claims: TokenClaims & Record<string, unknown>,
  secret: string,
  /** `expiresInSeconds` defaults to one hour; `null` leaves `exp` out (only to test the refusal) */
  options: { expiresInSeconds?: number | null; notBeforeSeconds?: number; now?: number } = {},
): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = { iat: now, ...claims };
  const expiresIn = options.expiresInSeconds === undefined ? 3600 : options.expiresInSeconds;
  if (expiresIn !== null) payload.exp = now + expiresIn;
  if (options.notBeforeSeconds !== undefined) payload.nbf = now + options.notBeforeSeconds;
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/**
 * A year-long token for the demo shop, shown on the demo pages. It passes only where the auth
 * middleware names the demo shop in `maxAgeExemptShop` (demo mode).
 */
export function signDemoToken(
  secret: string,
  shop = 'demo-shop',
  staff = '山田 花子',
  member: { sub?: string; role?: 'admin' | 'staff' } = { sub: 'yamada', role: 'admin' },
): string {
  return signToken({ shop, staff, ...member }, secret, { expiresInSeconds: 365 * 24 * 3600 });
}

export interface VerifyOptions {
  /** the furthest `exp` may lie ahead, in seconds (default 24 h) */
  maxAgeSeconds?: number;
  /** a shop whose tokens may live longer (the demo shop, in demo mode only) */
  maxAgeExemptShop?: string;
}

export async function verifyToken(token: string, secret: string, options: VerifyOptions = {}): Promise<TokenClaims> {
  const { shop, staff } = await verifyMemberToken(token, secret, options);
  return { shop, staff };
}

/**
 * The secret as a WebCrypto HMAC key, imported once per secret: given the secret as a string,
 * `hono/jwt` imports it anew for every token, which was a tenth of what an API request allocated.
 */
const verifyKeys = new Map<string, Promise<CryptoKey>>();
function verifyKey(secret: string): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['verify']);
    // one or two secrets per process (the configured one; tests sign with a few)
    if (verifyKeys.size >= 16) verifyKeys.clear();
    verifyKeys.set(secret, key);
  }
  return key;
}

/** verifyToken, plus the member's id and role. */
export async function verifyMemberToken(token: string, secret: string, options: VerifyOptions = {}): Promise<VerifiedClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify(token, await verifyKey(secret), 'HS256')) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof JwtTokenExpired) throw new TokenError('token expired');
    if (error instanceof JwtTokenNotBefore) throw new TokenError('token not yet valid');
    throw new TokenError('invalid token');
  }
  if (typeof payload.shop !== 'string' || payload.shop.length === 0 || payload.shop.length > 200) throw new TokenError('no shop');
  if (typeof payload.exp !== 'number') throw new TokenError('the token carries no exp', 'token_exp_required');
  for (const claim of ['shop', 'staff', 'sub'] as const) {
    const value = payload[claim];
    if (typeof value === 'string' && hasNul(value)) throw new TokenError(`the ${claim} claim contains U+0000`, 'invalid_text');
  }
  const maxAge = options.maxAgeSeconds ?? DEFAULT_JWT_MAX_AGE_SECONDS;
  const exempt = options.maxAgeExemptShop !== undefined && payload.shop === options.maxAgeExemptShop;
  if (!exempt && payload.exp - Date.now() / 1000 > maxAge) {
    throw new TokenError(`the token's exp is more than ${maxAge} seconds ahead`, 'token_exp_required');
  }
  // the name is shown in threads and templates: a bounded length, no control characters
  const staff = typeof payload.staff === 'string' ? [...payload.staff.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 100).join('') : '';
  const sub = typeof payload.sub === 'string' ? payload.sub.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) : '';
  const staffId = sub || staff;
  const role = payload.role === 'admin' ? 'admin' : 'staff';
  return { shop: payload.shop, staff, staffId, role };
}
