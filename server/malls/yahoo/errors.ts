/**
 * Turns an externalTalk error answer into a MallError. The mall answers in three shapes (malls/yahoo.md §6):
 * the gateway's XML `<Error><Message/><Code/></Error>`, its JSON twin `{"Error":{"Message"}}`, and the inquiry
 * API's own `{"error":{"reason"}}`; 401s also carry `WWW-Authenticate: Bearer … error="invalid_token"`.
 */
import { XMLParser } from 'fast-xml-parser';
import { MallError } from '../mall-client.ts';
import type { YahooSettings } from './settings.ts';
import type { TokenResponse } from './wire.ts';

export interface YahooErrorInfo {
  message: string;
  code: string | null;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** The mall's message and code from any of its error bodies; null when the body is not an error. */
export function parseErrorBody(text: string): YahooErrorInfo | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('<')) {
    try {
      const doc = xml.parse(trimmed) as Record<string, unknown>;
      const error = doc.Error as Record<string, unknown> | undefined;
      if (error && typeof error === 'object') {
        return { message: String(error.Message ?? ''), code: error.Code ? String(error.Code) : null };
      }
    } catch {
      return null;
    }
    return null;
  }
  if (trimmed.startsWith('{')) {
    try {
      const doc = JSON.parse(trimmed) as Record<string, unknown>;
      const upper = doc.Error as Record<string, unknown> | undefined;
      if (upper && typeof upper === 'object') {
        return { message: String(upper.Message ?? ''), code: upper.Code ? String(upper.Code) : null };
      }
      const lower = doc.error as Record<string, unknown> | string | undefined;
      if (lower && typeof lower === 'object') {
        return {
          message: String(lower.reason ?? lower.message ?? ''),
          code: lower.code !== undefined ? String(lower.code) : null,
        };
      }
    } catch {
      return null;
    }
  }
  return null;
}

/** The `error` parameter of a Bearer challenge, e.g. invalid_token or insufficient_scope. */
export function bearerError(header: string | null): string | null {
  if (!header) return null;
  return /error="([^"]+)"/.exec(header)?.[1] ?? null;
}

export interface ErrorContext {
  status: number;
  bodyText: string;
  wwwAuthenticate: string | null;
  /** a write (add, upload, complete, read): a 5xx leaves its outcome unknown */
  write: boolean;
  settings: YahooSettings;
}

export function errorFromResponse(ctx: ErrorContext): MallError {
  const info = parseErrorBody(ctx.bodyText);
  const challenge = bearerError(ctx.wwwAuthenticate);
  const mallCode = info?.code ?? challenge ?? undefined;
  const message = info?.message || challenge || `HTTP ${ctx.status}`;
  const details = { status: ctx.status, mallCode };
  if (ctx.status === 401) return new MallError('auth', message, details);
  if (ctx.status === 403) {
    if (!info?.code && ctx.settings.yahooForbiddenWithoutCodeIsRateLimit) {
      return new MallError('rate_limited', message, { ...details, retryAfterMs: ctx.settings.yahooRateLimitRetryAfterMs });
    }
    return new MallError('forbidden', message, details);
  }
  if (ctx.status === 429) {
    return new MallError('rate_limited', message, { ...details, retryAfterMs: ctx.settings.yahooRateLimitRetryAfterMs });
  }
  if (ctx.status === 404) return new MallError('not_found', message, details);
  if (ctx.status >= 500) return new MallError('unavailable', message, { ...details, ambiguous: ctx.write });
  return new MallError('rejected', message, details);
}

/** The YConnect token endpoint's answer: the tokens, or why not (5xx/unreadable: unavailable; refused: auth). */
export function tokenAnswer(status: number, text: string): TokenResponse {
  if (status >= 500) throw new MallError('unavailable', `token endpoint answered ${status}`, { status: status });
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new MallError('unavailable', `token endpoint answered ${status} without JSON`, { status: status });
  }
  if (status !== 200 || typeof parsed.access_token !== 'string') {
    // invalid_grant: the refresh token expired or was revoked (password change, consent withdrawn): re-authorize.
    const code = typeof parsed.error === 'string' ? parsed.error : undefined;
    const description = typeof parsed.error_description === 'string' ? parsed.error_description : 'token refresh refused';
    throw new MallError('auth', description, { status: status, mallCode: code });
  }
  return parsed as unknown as TokenResponse;
}
