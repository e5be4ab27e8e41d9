/**
 * HS256 JWTs signed by the host app with the shared secret (GOQ_JWT_SECRET). Verification is written
 * against node:crypto so that only HS256 is ever accepted (no `alg: none`, no key confusion), the
 * signature is compared in constant time, and `exp`/`nbf` are enforced.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** tenant id */
  shop: string;
  /** staff display name, used for [担当者名] */
  staff: string;
}

export class TokenError extends Error {}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signToken(
  claims: TokenClaims & Record<string, unknown>,
  secret: string,
  options: { expiresInSeconds?: number; notBeforeSeconds?: number; now?: number } = {},
): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = { iat: now, ...claims };
  if (options.expiresInSeconds !== undefined) payload.exp = now + options.expiresInSeconds;
  if (options.notBeforeSeconds !== undefined) payload.nbf = now + options.notBeforeSeconds;
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${b64url(sign(head, secret))}`;
}

/** A long-lived token for the demo shop, printed by `npm start`. */
export function signDemoToken(secret: string, shop = 'demo-shop', staff = '山田 花子'): string {
  return signToken({ shop, staff }, secret, { expiresInSeconds: 365 * 24 * 3600 });
}

function decodeJson(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TokenError('not a JSON object');
  return value as Record<string, unknown>;
}

export function verifyToken(token: string, secret: string, now = Date.now()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new TokenError('malformed token');
  const [head, body, signature] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodeJson(head);
    payload = decodeJson(body);
  } catch {
    throw new TokenError('malformed token');
  }
  if (header.alg !== 'HS256') throw new TokenError('unsupported algorithm');
  const expected = sign(`${head}.${body}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('bad signature');
  const seconds = now / 1000;
  if (payload.exp !== undefined && (typeof payload.exp !== 'number' || seconds >= payload.exp)) throw new TokenError('token expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || seconds < payload.nbf)) throw new TokenError('token not yet valid');
  if (typeof payload.shop !== 'string' || payload.shop.length === 0 || payload.shop.length > 200) throw new TokenError('no shop');
  // the name is shown in threads and templates: a bounded length, no control characters
  const staff = typeof payload.staff === 'string' ? [...payload.staff.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 100).join('') : '';
  return { shop: payload.shop, staff };
}
