/**
 * The gateway in front of every RMS call: the call log, injected faults and slow answers, ESA auth
 * with per-function entitlement and licence expiry, and the per-key rate limit. Both error shapes
 * (this API's own and the shared gateway's) are built here.
 */
import type { Context } from 'hono';
import type { RmsFunctionName } from '../../server/malls/rakuten/wire.ts';
import type { FaultInjector, RateLimiter } from './faults.ts';
import type { SimState, SimStore } from './state.ts';

export interface CallRecord {
  at: Date;
  fn: RmsFunctionName | null;
  method: string;
  path: string;
  /** the store the call's licence key belongs to (whether or not auth passed), null for an unknown key */
  shopId: number | null;
  status: number;
  /** the injected fault, if one struck */
  fault: string | null;
}

const MAX_CALL_RECORDS = 100_000;
export type Targets = Record<string, string>;
export type Answer = Response;

const JSON_TYPE = 'application/json;charset=UTF-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': JSON_TYPE, ...headers } });
}
/** This API's own error shape. */
export function apiError(status: number, code: string, message: string, targets?: Targets): Answer {
  return json(status, { error: { code, message, ...(targets ? { targets } : {}) } });
}
/** The shared gateway's error shape. */
export function gatewayError(status: number, code: string, message: string, headers: Record<string, string> = {}): Answer {
  return json(status, { errors: [{ code, message }] }, headers);
}
export const badParameter = (targets: Targets) => apiError(400, 'IE001', 'bad parameter', targets);
export const unauthorised = () => gatewayError(401, 'GA0001', 'Un-Authorised');
/** 404 body is undocumented (§9.7); this API's own shape with its 400-style message. */
export const notFound = () => apiError(404, 'IE000', '404 Not Found');


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    // a hung answer must not keep a test process alive
    timer.unref?.();
  });
}


export interface Authorised {
  store: SimStore;
  licenseKey: string;
}

export interface GatewayDeps {
  state: SimState;
  faults: FaultInjector;
  limiter: RateLimiter;
  calls: CallRecord[];
  /** the rate limiter's answer body */
  behaviour: { rateLimitBody: unknown };
}

/** `route(fn, write, handler)`: the pipeline every RMS call goes through before its handler. */
export function createGateway(deps: GatewayDeps) {
  const { state, faults, limiter, calls, behaviour } = deps;
  const now = () => state.clock.now();

  function credentialsOf(c: Context): { serviceSecret: string; licenseKey: string } | null {
    const header = c.req.header('authorization') ?? '';
    const match = /^ESA ([A-Za-z0-9+/]+={0,2})$/.exec(header);
    if (!match) return null;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { serviceSecret: decoded.slice(0, colon), licenseKey: decoded.slice(colon + 1) };
  }

  function authorise(c: Context, fn: RmsFunctionName): Authorised | null {
    const credentials = credentialsOf(c);
    if (!credentials) return null;
    const { serviceSecret, licenseKey } = credentials;
    if (serviceSecret.length > 50 || licenseKey.length > 50) return null;
    const key = state.keys.get(licenseKey);
    if (!key || key.serviceSecret !== serviceSecret) return null;
    if (now().getTime() > key.expiresAt.getTime()) return null;
    const store = state.stores.get(key.shopId);
    if (!store || !store.functions.has(fn)) return null;
    return { store, licenseKey };
  }

  /** The pipeline every RMS call goes through: slow answers, injected faults, auth, rate limit, handler. */
  function route(fn: RmsFunctionName, write: boolean, handler: (c: Context, auth: Authorised) => Promise<Answer> | Answer) {
    return async (c: Context): Promise<Answer> => {
      // the caller's store, as far as the key names one, so faults that strike before auth are counted too
      const shopId = state.keys.get(credentialsOf(c)?.licenseKey ?? '')?.shopId ?? null;
      const record: CallRecord = { at: now(), fn, method: c.req.method, path: new URL(c.req.url).pathname, shopId, status: 0, fault: null };
      calls.push(record);
      // a demo left running for days keeps the most recent calls only
      if (calls.length > MAX_CALL_RECORDS) calls.splice(0, calls.length - MAX_CALL_RECORDS / 2);
      const finish = (answer: Answer) => {
        record.status = answer.status;
        return answer;
      };
      const delay = faults.delayMs(fn);
      if (delay > 0) {
        record.fault = `slow ${delay} ms`;
        await sleep(delay);
      }
      const fault = faults.decide(fn, write);
      if (fault.kind === 'auth') {
        record.fault = 'auth';
        return finish(unauthorised());
      }
      if (fault.kind === 'rate_limited') {
        record.fault = 'rate_limited';
        return finish(gatewayError(429, 'TooManyRequests', 'Too Many Requests', { 'Retry-After': '1' }));
      }
      if ((fault.kind === 'error' || fault.kind === 'hang') && !fault.after) {
        record.fault = `${fault.kind} before`;
        return finish(await injected(fault));
      }
      const auth = authorise(c, fn);
      if (!auth) return finish(unauthorised());
      const limited = limiter.check(auth.licenseKey);
      if (limited) {
        record.fault = 'rate limiter';
        return finish(json(limited.status, behaviour.rateLimitBody, { 'Retry-After': String(limited.retryAfterSeconds) }));
      }
      const answer = await handler(c, auth);
      if (fault.kind === 'error' || fault.kind === 'hang') {
        // the write happened; the shop's side only sees the failure
        record.fault = `${fault.kind} after`;
        return finish(await injected(fault));
      }
      return finish(answer);
    };
  }

  async function injected(fault: { kind: 'error'; status: number } | { kind: 'hang'; ms: number }): Promise<Answer> {
    if (fault.kind === 'hang') {
      await sleep(fault.ms);
      return gatewayError(504, 'GatewayTimeout', 'Gateway Timeout');
    }
    return fault.status === 500
      ? apiError(500, 'IE000', '500 Internal Server Error')
      : gatewayError(fault.status, 'ServiceUnavailable', 'Service Unavailable');
  }


  return { route };
}
