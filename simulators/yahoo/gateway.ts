/**
 * The gateway in front of the Yahoo! API: the YConnect v2 token endpoint, Bearer and public-key
 * (X-sws-signature) checks, the 1 q/s rule, injected faults, the call log, and the gateway's XML errors.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { PATHS, TOKEN_PATH } from '../../server/malls/yahoo/wire.ts';
import { rollFaults, withinRateLimit, type YahooFaultState } from './faults.ts';
import { checkSignature, type SignatureVerdict } from './signature-check.ts';
import type { SimStore, YahooMall } from './state.ts';

export type Env = { Variables: { store: SimStore; endpoint: string } };

const ENDPOINT_BY_PATH = new Map<string, string>(
  Object.values(PATHS).map((path) => [path, path.slice(path.lastIndexOf('/') + 1)] as [string, string]),
);

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The gateway's XML error (auth, IP, session, unknown URL). */
export function xmlError(status: number, message: string, code: string | null, headers: Record<string, string> = {}): Response {
  const codePart = code ? `<Code>${xmlEscape(code)}</Code>` : '';
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Message>${xmlEscape(message)}</Message>${codePart}</Error>`;
  return new Response(body, { status, headers: { 'Content-Type': 'application/xml; charset=UTF-8', ...headers } });
}

/** The inquiry API's own business error. */
export function reasonError(status: number, reason: string): Response {
  return Response.json({ error: { reason } }, { status });
}

/** YConnect v2 token endpoint (refresh_token grant; the client authenticates by Basic or by form fields). */
export function tokenRoute(app: Hono<Env>, mall: YahooMall): void {
  const nowMs = () => mall.nowMs();
  const { storeByClient, storeByRefreshToken, storeByAccessToken } = mall;
  const accessLifetime = mall.accessLifetimeSeconds;
  const token = (prefix: string) => mall.token(prefix);
  app.post(TOKEN_PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(c.req.header('Authorization') ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decoded.slice(0, colon);
      clientSecret = decoded.slice(colon + 1);
    }
    const store = clientId ? storeByClient.get(clientId) : undefined;
    const answer = (status: number, body: unknown) => {
      if (store) store.requests.push({ at: nowMs(), method: 'POST', endpoint: 'token', topicId: null, status });
      return c.json(body as object, status as 200);
    };
    if (!store || store.clientSecret !== clientSecret) {
      return answer(401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    const grant = form.get('grant_type');
    if (grant !== 'refresh_token') {
      return answer(400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant} is not supported here` });
    }
    const refreshToken = form.get('refresh_token') ?? '';
    const issuedAt = store.refreshTokens.get(refreshToken);
    if (issuedAt === undefined || storeByRefreshToken.get(refreshToken) !== store) {
      return answer(400, { error: 'invalid_grant', error_description: 'invalid refresh token' });
    }
    if (nowMs() >= issuedAt + mall.refreshLifetimeMs(store)) {
      return answer(400, { error: 'invalid_grant', error_description: 'expired refresh token' });
    }
    const accessToken = token('at.');
    store.accessTokens.set(accessToken, nowMs() + accessLifetime * 1000);
    storeByAccessToken.set(accessToken, store);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: accessLifetime };
    if (mall.rotateRefreshTokens) {
      // A new string, but the authorization keeps its original expiry.
      const next = token('rt.');
      store.refreshTokens.set(next, issuedAt);
      storeByRefreshToken.set(next, store);
      body.refresh_token = next;
    }
    return answer(200, body);
  });
}

/**
 * Every API call: the Bearer token, the rate limit, the signature (when the store requires one),
 * then injected faults. A present signature with a known version is taken as valid without
 * decryption when `verifySignatures` is false (a throughput benchmark: RSA costs about 0.4 ms a call).
 */
export function gateway(mall: YahooMall, faults: YahooFaultState, verifySignatures: boolean): MiddlewareHandler<Env> {
  const { settings, storeByAccessToken } = mall;
  const nowMs = () => mall.nowMs();
  const nowSec = () => mall.nowSec();
  return async (c: Context<Env>, next) => {
    const endpoint = ENDPOINT_BY_PATH.get(c.req.path) ?? c.req.path;
    c.set('endpoint', endpoint);
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? null;
    const store = bearer ? storeByAccessToken.get(bearer) : undefined;
    const realm = 'Bearer realm="yahooapis.jp"';
    if (!store) {
      const challenge = bearer
        ? `${realm}, error="invalid_token", error_description="invalid token"`
        : `${realm}, error="invalid_request", error_description="no token"`;
      return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
    }
    const record = (status: number) =>
      store.requests.push({ at: nowMs(), method: c.req.method, endpoint, topicId: c.req.query('topicId') ?? null, status });
    const expiresAt = store.accessTokens.get(bearer!) ?? 0;
    if (nowMs() >= expiresAt) {
      const challenge = `${realm}, error="invalid_token", error_description="expired token"`;
      record(401);
      return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
    }
    c.set('store', store);

    // About 1 query per second per store; a burst is locked out with the daily-cap message (§5).
    if (!withinRateLimit(store, mall.rateLimitMs)) {
      record(403);
      return xmlError(403, 'Your Request was Forbidden', null);
    }

    // Public-key auth: measured as 401 px-04102 when the signature is missing or wrong (§2.3).
    const verdict: SignatureVerdict =
      !verifySignatures
        ? c.req.header('X-sws-signature') && store.privateKeys.has(c.req.header('X-sws-signature-version') ?? '')
          ? { ok: true, sellerId: store.sellerId, unixSeconds: nowSec() }
          : { ok: false, reason: 'missing' }
        : checkSignature({
            signature: c.req.header('X-sws-signature') ?? null,
            version: c.req.header('X-sws-signature-version') ?? null,
            keys: store.privateKeys,
            expectedSellerId: store.sellerId,
            nowSeconds: nowSec(),
            skewSeconds: settings.yahooSignatureClockSkewSeconds,
          });
    if (!verdict.ok && store.signatureRequired) {
      record(401);
      return xmlError(401, 'AccessToken has been expired. This API session is shorter than another API.', 'px-04102');
    }
    const fault = await rollFaults(faults, endpoint, c, next);
    if (fault?.kind === 'unauthorized') {
      const challenge = `${realm}, error="invalid_token", error_description="expired token"`;
      record(401);
      return xmlError(401, `Please provide valid credentials. ${challenge}`, null, { 'WWW-Authenticate': challenge });
    }
    if (fault?.kind === 'rate_limited') {
      record(403);
      return xmlError(403, 'Your Request was Forbidden', null);
    }
    if (fault?.kind === 'failed') {
      record(fault.status);
      const response = xmlError(fault.status, fault.hang ? 'Gateway Timeout' : 'Service Temporarily Unavailable', null);
      c.res = response;
      return response;
    }

    await next();
    c.res.headers.set('X-SWS-Authorize-Status', verdict.ok ? 'authorized' : settings.yahooAuthorizeStatusFailure);
    record(c.res.status);
  };
}
