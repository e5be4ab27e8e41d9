/**
 * HS256 JWTs signed by the host app with the shared secret (GOQ_JWT_SECRET). Verification is
 * fast-jwt's synchronous verifier with the algorithm pinned to HS256 (no `alg: none`, no key
 * confusion, no unknown `crit`); `typ` must say JWT when present, `iat` must not lie ahead; `exp` is
 * required and at most `maxAgeSeconds` ahead, `nbf` is checked.
 *
 * Synchronous on purpose: `hono/jwt` verifies with WebCrypto, so every request waited a turn of the
 * thread pool for its HMAC. Under a burst (one client opening 1,000 event streams at once) every request
 * in flight kept its objects alive across the young generation's collections, which promoted them to
 * the old generation: measured on the production build, 1,000 streams then another shop's counts left
 * 125–151 MB resident 3 s later, 110–119 MB with a synchronous check. Signing is a few lines of
 * node:crypto so tests, benchmarks and the demo can sign synchronously.
 */
import { createHmac } from 'node:crypto';
import { createVerifier, TokenError as JwtError } from 'fast-jwt';
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

/** verifyToken, plus the member's id and role. */
export async function verifyMemberToken(token: string, secret: string, options: VerifyOptions = {}): Promise<VerifiedClaims> {
  const payload = verifyHs256(token, secret);
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

/** One verifier per secret (one or two a process: the configured one; tests sign with a few). */
const verifiers = new Map<string, (token: string) => { header: Record<string, unknown>; payload: unknown }>();

function verifierFor(secret: string) {
  let verifier = verifiers.get(secret);
  if (!verifier) {
    // the algorithm pinned (no `alg: none`, no key confusion); `crit` refused; exp and nbf checked
    verifier = createVerifier({ key: secret, algorithms: ['HS256'], complete: true, cache: false });
    if (verifiers.size >= 16) verifiers.clear();
    verifiers.set(secret, verifier);
  }
  return verifier;
}

/** `JWT`, `jwt` or `application/jwt` when present */
function isJwtTyp(typ: unknown): boolean {
  return typ === undefined || (typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === 'jwt');
}

/** The payload of an HS256 token signed with `secret`, valid now; a TokenError otherwise. */
export function verifyHs256(token: string, secret: string): Record<string, unknown> {
  let verified: { header: Record<string, unknown>; payload: unknown };
  try {
    verified = verifierFor(secret)(token);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === JwtError.codes.expired) throw new TokenError('token expired');
    if (code === JwtError.codes.inactive) throw new TokenError('token not yet valid');
    throw new TokenError('invalid token');
  }
  const { header, payload } = verified;
  if (!isJwtTyp(header.typ) || typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TokenError('invalid token');
  const claims = payload as Record<string, unknown>;
  // issued in the future: refused, as hono/jwt did
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat > Math.floor(Date.now() / 1000))) throw new TokenError('invalid token');
  return claims;
}
