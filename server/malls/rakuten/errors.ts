/**
 * Rakuten's error answers → MallError: both shapes (this API's `{error:{code,message,targets}}` and the
 * shared gateway's `{errors:[{code,message}]}`), the rate limit with its Retry-After, and which failures
 * of a write leave its outcome unknown.
 */
import { MallError } from '../mall-client.ts';

function retryAfterMs(headers: Headers, now: Date): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Both error shapes: this API's `{error:{code,message,targets}}` and the gateway's
 * `{errors:[{code,message}]}`. The targets go into the message, since they say what to fix.
 */
export function decodeRakutenError(status: number, headers: Headers, bodyText: string, write: boolean, now: Date): MallError {
  let code: string | undefined;
  let message = '';
  let targets = '';
  try {
    const body = JSON.parse(bodyText) as {
      error?: { code?: string; message?: string; targets?: Record<string, string> };
      errors?: { code?: string; message?: string }[];
    };
    if (body && typeof body === 'object' && body.error && typeof body.error === 'object') {
      code = body.error.code;
      message = body.error.message ?? '';
      if (body.error.targets && typeof body.error.targets === 'object') {
        targets = Object.entries(body.error.targets)
          .map(([field, reason]) => `${field}: ${reason}`)
          .join('; ');
      }
    } else if (body && Array.isArray(body.errors) && body.errors.length > 0) {
      code = body.errors[0]?.code;
      message = body.errors.map((e) => e.message ?? e.code ?? '').join('; ');
    }
  } catch {
    message = bodyText.slice(0, 200);
  }
  const text = `Rakuten ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}${targets ? ` (${targets})` : ''}`;
  const details = { status, ...(code ? { mallCode: code } : {}) };
  if (status === 429 || /rate[ -]?limit|too many requests/i.test(message)) {
    const after = retryAfterMs(headers, now);
    return new MallError('rate_limited', text, { ...details, ...(after !== undefined ? { retryAfterMs: after } : {}) });
  }
  if (status === 401 || status === 403 || code === 'GA0001') return new MallError('auth', text, details);
  if (status === 404) return new MallError('not_found', text, details);
  if (status === 409) return new MallError('conflict', text, details);
  if (status >= 500) return new MallError('unavailable', text, { ...details, ...(write ? { ambiguous: true } : {}) });
  return new MallError('rejected', text, details);
}
