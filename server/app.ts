/**
 * The HTTP application: the API under /api/v1 (CORS for configured origins, Bearer auth, one Hono
 * instance per resource, the mall accounts among them), the Rakuten webhook, the operator's
 * /healthz, /readyz and /metrics, and, in demo mode, the demo pages. With a logger, one JSON line per
 * request with its request id. Usable through `app.request()` in tests and behind a socket.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { attachmentsRoutes } from './attachments/attachments.routes.ts';
import { adminForWrites, bearerAuth } from './auth/auth.middleware.ts';
import { businessHoursRoutes } from './business-hours/business-hours.routes.ts';
import type { ServerConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { EventHub } from './events/event-hub.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { API_PREFIX } from './http/api-prefix.ts';
import type { AppEnv } from './http/app-env.ts';
import { ProblemError, handleError, problemResponse } from './http/problem.ts';
import { openApiJson } from './http/openapi.ts';
import { securityHeaders } from './http/security-headers.ts';
import { checkRequestLine } from './http/text-input.ts';
import { closeOnUnreadBody } from './http/unread-body.ts';
import { inquiriesRoutes, ordersRoutes } from './inquiries/inquiries.routes.ts';
import { mallAccountsRoutes } from './malls/accounts/mall-accounts.routes.ts';
import type { MallSide } from './malls/mall-side.ts';
import type { Logger } from './ops/logger.ts';
import type { Metrics } from './ops/metrics.ts';
import { opsRoutes } from './ops/ops.routes.ts';
import { requestIds, requestLog } from './ops/request-log.ts';
import { rakutenWebhookRoutes } from './malls/webhook/rakuten-notification.routes.ts';
import { inquiryNotesRoutes, notesRoutes } from './notes/notes.routes.ts';
import { presenceRoutes } from './presence/presence.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { recordStaff, staffRoutes } from './staff/staff.routes.ts';
import { templatesRoutes } from './templates/templates.routes.ts';

export interface AppOptions {
  db: Db;
  config: ServerConfig;
  hub: EventHub;
  /** the running mall side: accounts, sync, outbox */
  malls: MallSide;
  /** how long `POST /malls/{mall}/sync` waits for the run before answering 202 (default 15 s) */
  mallSyncWaitMs?: number;
  /** heartbeat interval of GET /events (tests shorten it) */
  sseHeartbeatMs?: number;
  /** demo mode: the demo back office's pages, mounted at the root */
  demoPages?: Hono;
  /** one JSON line per request (production); none in tests unless given */
  logger?: Logger;
  /** request durations go here, and GET /metrics serves it */
  metrics?: Metrics;
}

export function createApp(options: AppOptions): Hono {
  const { db, config, hub, malls } = options;
  const app = new Hono();
  app.onError(handleError);
  // a refusal answered before its body arrived closes the connection: the rest is never read
  app.use('*', closeOnUnreadBody());
  if (options.logger || options.metrics) {
    app.use('*', requestIds());
    app.use('*', requestLog({ logger: options.logger, metrics: options.metrics }));
  }
  app.notFound(() => problemResponse(new ProblemError(404, 'not_found', 'no such resource')));
  // security headers on every answer; hostile request lines refused before auth
  app.use('*', securityHeaders({ frameAncestors: config.frameAncestors }));
  app.use('/api/*', checkRequestLine());
  // the API's description is public: it is registered before the authenticated routes
  app.get('/api/v1/openapi.json', (c) => c.body(openApiJson(), 200, { 'Content-Type': 'application/json' }));

  app.route('/', opsRoutes({ db, metrics: options.metrics }));

  const api = new Hono<AppEnv>();
  const allowed = new Set(config.corsOrigins);
  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Content-Disposition'],
    maxAge: 600,
  });
  // Only a request with an Origin header is a CORS request. Leaving the others alone keeps their
  // answers on the node server's fast path (a header rewrite after the handler costs a full Response).
  api.use('*', async function crossOrigin(c, next) {
    if (c.req.header('origin')) return corsHeaders(c, next);
    await next();
  });
  api.use('*', bearerAuth({ secret: config.jwtSecret, db, maxAgeSeconds: config.jwtMaxAgeSeconds, maxAgeExemptShop: config.maxAgeExemptShop }));
  api.use('*', recordStaff(db));
  // settings, mall accounts and templates change only by an admin (a sync run is not a change)
  const adminOnly = adminForWrites();
  for (const path of ['/settings', '/settings/*', '/templates', '/templates/*']) api.use(path, adminOnly);
  api.use('/malls/*', async (c, next) => (c.req.method === 'PUT' ? adminOnly(c, next) : next()));
  api.route('/inquiries', inquiryNotesRoutes({ db, hub }));
  api.route('/inquiries', presenceRoutes({ db, hub }));
  api.route('/inquiries', inquiriesRoutes({ db, hub, wakeOutbox: () => malls.wakeOutbox() }));
  api.route('/notes', notesRoutes({ db, hub }));
  api.route('/staff', staffRoutes({ db }));
  api.route('/settings/business-hours', businessHoursRoutes({ db }));
  api.route('/orders', ordersRoutes({ db }));
  api.route('/attachments', attachmentsRoutes({ db }));
  api.route('/templates', templatesRoutes({ db }));
  api.route('/settings', settingsRoutes({ db }));
  api.route('/events', eventsRoutes(hub, options.sseHeartbeatMs));
  api.route('/malls', mallAccountsRoutes(malls, { syncWaitMs: options.mallSyncWaitMs }));
  app.route(API_PREFIX, api);

  // no Bearer token: the shop's authKey inside the notification is the credential
  app.route('/webhooks/rakuten', rakutenWebhookRoutes(malls));
  if (options.demoPages) app.route('/', options.demoPages);
  return app;
}
