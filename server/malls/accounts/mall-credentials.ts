/**
 * What a shop hands over to connect a mall store, and how it is checked. Credentials are
 * write-only: they are sealed (credentials-crypto.ts) before they touch the database and are never
 * part of an answer, a log line or an error message.
 */
import * as v from 'valibot';
import type { Mall } from '../../../shared/api.ts';

// Every message is fixed text: valibot's defaults quote the received value, which may be a secret.
const secret = (max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** Rakuten RMS: the ESA key pair (≤ 50 characters each), the shop id, and the notification authKey. */
export const RakutenCredentialsSchema = v.strictObject({
  serviceSecret: secret(50),
  licenseKey: secret(50),
  /** the first segment of every inquiry number; the reply body needs it */
  shopId: v.pipe(v.string('must be a string'), v.trim(), v.regex(/^\d{1,10}$/, 'the Rakuten shop id is a number of up to 10 digits')),
  /** the shared key Rakuten puts in each system event notification (問い合わせユーザアクション通知) */
  authKey: v.optional(secret(200)),
});

/** Yahoo! Shopping: the store account, the YConnect application and its refresh token, the public key. */
export const YahooCredentialsSchema = v.strictObject({
  sellerId: v.pipe(v.string('must be a string'), v.trim(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'the Yahoo! store account is letters, digits, - and _')),
  clientId: secret(200),
  clientSecret: secret(200),
  refreshToken: secret(2000),
  publicKeyPem: v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.maxLength(8000, 'must be at most 8000 characters'),
    v.check((s) => /-----BEGIN (RSA )?PUBLIC KEY-----/.test(s), 'publicKeyPem must be a PEM public key'),
  ),
  publicKeyVersion: v.pipe(
    v.union([v.string(), v.number()], 'must be a string or a number'),
    v.transform(String),
    v.regex(/^[0-9A-Za-z._-]{1,20}$/, 'must be a short version label'),
  ),
});

export type RakutenCredentials = v.InferOutput<typeof RakutenCredentialsSchema>;
export type YahooCredentials = v.InferOutput<typeof YahooCredentialsSchema>;
export type MallCredentials = RakutenCredentials | YahooCredentials;

/**
 * `PUT /malls/{mall}`: the credentials (omitted to keep the stored ones, e.g. when only the API
 * option changes) and whether the store has the mall's API option.
 */
export const PutRakutenAccountSchema = v.strictObject({
  credentials: v.optional(RakutenCredentialsSchema),
  apiOption: v.optional(v.boolean('must be true or false')),
});
export const PutYahooAccountSchema = v.strictObject({
  credentials: v.optional(YahooCredentialsSchema),
  apiOption: v.optional(v.boolean('must be true or false')),
});

export function putAccountSchema(mall: Mall) {
  return mall === 'rakuten' ? PutRakutenAccountSchema : PutYahooAccountSchema;
}

/** What is sealed for a Yahoo! account: the input plus the tokens the client refreshed since. */
export interface StoredYahooCredentials extends YahooCredentials {
  /** when the refresh token was issued (its lifetime counts from here) */
  refreshTokenIssuedAt?: string | null;
  accessToken?: string | null;
  accessTokenExpiresAt?: string | null;
}

export type StoredCredentials = RakutenCredentials | StoredYahooCredentials;
