/**
 * `GET /malls`, `PUT /malls/{mall}`, `POST /malls/{mall}/sync`, `POST /malls/{mall}/test`, mounted under /api/v1 behind the
 * Bearer auth: the token's shop is the only one these routes touch. Credentials go in and are
 * sealed; no answer, log line or error message ever carries them.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { MALLS, type Mall, type MallAccountList, type MallAccountView, type MallConnectionTest } from '../../../shared/api.ts';
import type { ProblemCode } from '../../../shared/problem-codes.ts';
import type { Db } from '../../db/database.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { jsonBody, readJson } from '../../http/body.ts';
import { ProblemError } from '../../http/problem.ts';
import { sealCredentials } from '../credentials-crypto.ts';
import type { SyncRunResult } from '../sync/sync-engine.ts';
import { findAccount, listAccounts, upsertAccount } from './mall-accounts.repository.ts';
import { RakutenCredentialsSchema, YahooCredentialsSchema, putAccountSchema, type StoredCredentials } from './mall-credentials.ts';
import { accountView } from './mall-health.ts';

/** What the routes need of the running mall side (server/malls/mall-side.ts). */
export interface MallRouteContext {
  db: Db;
  secretKey: Buffer;
  /** a sync run of the shop's account now (or right after the one in progress) */
  syncNow(shopId: string, mall: Mall): Promise<SyncRunResult | null>;
  /** forget a cached client after a credential change */
  credentialsChanged(accountId: string): void;
  /** the mall's answer to the given credentials, or to the stored ones; null when there are none */
  testConnection(shopId: string, mall: Mall, credentials?: StoredCredentials): Promise<MallConnectionTest | null>;
}

export interface MallAccountsRoutesOptions {
  /** how long `POST /sync` waits for the run before answering 202 */
  syncWaitMs?: number;
  now?: () => Date;
}

export interface SyncAnswer {
  account: MallAccountView;
  /** present when the run finished within the wait */
  run: { ok: boolean; seen: number; created: number; newMessages: number; statusChanged: number } | null;
}

function mallParam(value: string): Mall {
  if (!(MALLS as readonly string[]).includes(value)) throw new ProblemError(404, 'not_found', 'no such mall');
  return value as Mall;
}

export function mallAccountsRoutes(context: MallRouteContext, options: MallAccountsRoutesOptions = {}): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const { db } = context;
    const shopId = c.get('shopId');
    const rows = await listAccounts(db, shopId);
    const body: MallAccountList = { items: MALLS.map((mall) => accountView(mall, rows.find((r) => r.mall === mall), now())) };
    return c.json(body);
  });

  routes.put('/:mall', jsonBody(), async (c) => {
    const { db, secretKey } = context;
    const shopId = c.get('shopId');
    const mall = mallParam(c.req.param('mall'));
    const input = await readJson(c, putAccountSchema(mall));
    const existing = await findAccount(db, shopId, mall);
    let sealed: Buffer | undefined;
    if (input.credentials) {
      const stored: StoredCredentials =
        mall === 'yahoo' ? { ...input.credentials, refreshTokenIssuedAt: now().toISOString() } : input.credentials;
      sealed = sealCredentials(secretKey, stored);
    } else if (!existing?.credentials && input.apiOption !== false) {
      throw new ProblemError(400, 'invalid_request', 'credentials are required to connect this mall', [
        { field: 'credentials', code: 'field_required' },
      ]);
    }
    const row = await upsertAccount(db, shopId, mall, {
      credentials: sealed,
      apiOption: input.apiOption,
      ...(sealed ? { health: 'ok' as const, credentialExpiresAt: null, resetSyncState: true } : {}),
    });
    // The first run checks the keys and fills the health; the answer does not wait for it.
    if (sealed) context.credentialsChanged(row.id);
    if (row.credentials && row.api_option === 1) void context.syncNow(shopId, mall).catch(() => undefined);
    return c.json(accountView(mall, row, now()));
  });

  // [接続テスト]: the credentials typed in (not stored) or, with an empty body, the stored ones
  routes.post('/:mall/test', jsonBody(), async (c) => {
    const shopId = c.get('shopId');
    const mall = mallParam(c.req.param('mall'));
    const schema = v.strictObject({
      credentials: v.optional(mall === 'rakuten' ? RakutenCredentialsSchema : YahooCredentialsSchema),
    });
    const input = await readJson(c, schema);
    const credentials: StoredCredentials | undefined =
      input.credentials && mall === 'yahoo' ? { ...input.credentials, refreshTokenIssuedAt: now().toISOString() } : input.credentials;
    const result = await context.testConnection(shopId, mall, credentials);
    if (!result) throw new ProblemError(409, 'mall_not_configured', `the ${mall} account is not connected`);
    const answer: MallConnectionTest = result;
    return c.json(answer);
  });

  routes.post('/:mall/sync', async (c) => {
    const { db } = context;
    const shopId = c.get('shopId');
    const mall = mallParam(c.req.param('mall'));
    const account = await findAccount(db, shopId, mall);
    if (!account?.credentials) throw new ProblemError(409, 'mall_not_configured', `the ${mall} account is not connected`);
    if (account.api_option !== 1) throw new ProblemError(409, 'api_option_required', `the ${mall} store has no API option`);
    const run = context.syncNow(shopId, mall);
    const waitMs = options.syncWaitMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      run,
      new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), waitMs))),
    ]).finally(() => clearTimeout(timer));
    const view = accountView(mall, await findAccount(db, shopId, mall), now());
    if (finished === 'waiting' || finished === null) {
      const answer: SyncAnswer = { account: view, run: null };
      return c.json(answer, 202);
    }
    if (!finished.ok && finished.error) {
      throw new ProblemError(502 as ContentfulStatusCode, finished.error.code as ProblemCode, finished.error.message);
    }
    const answer: SyncAnswer = {
      account: view,
      run: {
        ok: finished.ok,
        seen: finished.seen,
        created: finished.created,
        newMessages: finished.newMessages,
        statusChanged: finished.statusChanged,
      },
    };
    return c.json(answer);
  });

  return routes;
}
