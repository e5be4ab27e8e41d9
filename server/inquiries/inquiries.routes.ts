/** `/inquiries`: the inbox, counts, one thread, replies (multipart), retry, complete and reopen. */
import { Hono } from 'hono';
import { AssigneeInputSchema, BulkRequestSchema, InquiryCountsQuerySchema, InquiryListQuerySchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, multipartBody, readJson, validate } from '../http/body.ts';
import { InboxPageCache } from './inbox-page-cache.ts';
import * as service from './inquiries.service.ts';
import * as team from './team-work.service.ts';
import { readReplyForm } from './reply-form.ts';

export { cleanFileName } from '../attachments/file-check.ts';

export interface InquiriesRoutesDeps {
  db: Db;
  hub: EventHub;
  /** called after a commit that added an outbox row, so the worker delivers it without waiting for its poll */
  wakeOutbox(): void;
}

export function inquiriesRoutes(deps: InquiriesRoutesDeps): Hono<AppEnv> {
  const { db, hub, wakeOutbox } = deps;
  const app = new Hono<AppEnv>();
  const pages = new InboxPageCache();

  const member = (c: { get(key: 'shopId' | 'staffId'): string }): team.MemberContext => ({
    db,
    hub,
    shopId: c.get('shopId'),
    staffId: c.get('staffId'),
  });

  app.get('/', async (c) => {
    const query = validate(InquiryListQuerySchema, c.req.query());
    const json = await service.listInquiryPageJson(db, pages, c.get('shopId'), query, c.get('staffId'));
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/counts', async (c) => {
    const query = validate(InquiryCountsQuerySchema, c.req.query());
    return c.json(await service.getCounts(db, c.get('shopId'), { assignee: query.assignee, staffId: c.get('staffId') }));
  });

  app.post('/bulk', jsonBody(), async (c) => {
    const input = await readJson(c, BulkRequestSchema);
    const result = await team.bulkAction(member(c), input);
    wakeOutbox();
    return c.json(result);
  });

  app.get('/:id', async (c) => c.json(await service.getInquiryDetail(db, c.get('shopId'), c.req.param('id'), c.get('staffId'))));

  app.put('/:id/assignee', jsonBody(), async (c) => {
    const input = await readJson(c, AssigneeInputSchema);
    return c.json(await team.assignInquiry(member(c), c.req.param('id'), input.staffId));
  });

  app.post('/:id/read', async (c) => c.json(await team.markInquiryRead(member(c), c.req.param('id'))));

  app.post('/:id/replies', multipartBody(), async (c) => {
    // the inquiry first (404 before any body is read), then the form within its mall's limits
    const mall = await service.inquiryMall(db, c.get('shopId'), c.req.param('id'));
    const form = await readReplyForm(c.req.raw, mall);
    const message = await service.submitReply(
      { db, hub, shopId: c.get('shopId'), staff: c.get('staff') },
      c.req.param('id'),
      form.body,
      form.files,
      { basedOn: service.parseBasedOn(form.basedOn), complete: form.complete === 'true' },
    );
    wakeOutbox();
    return c.json({ message }, 202);
  });

  app.post('/:id/replies/:messageId/retry', async (c) => {
    const message = await service.retryReply(
      { db, hub, shopId: c.get('shopId'), staff: c.get('staff') },
      c.req.param('id'),
      c.req.param('messageId'),
    );
    wakeOutbox();
    return c.json({ message }, 202);
  });

  app.post('/:id/complete', async (c) => {
    const inquiry = await service.completeInquiry({ db, hub, shopId: c.get('shopId') }, c.req.param('id'));
    wakeOutbox();
    return c.json(inquiry);
  });

  app.post('/:id/reopen', async (c) => {
    const inquiry = await service.reopenInquiry({ db, hub, shopId: c.get('shopId') }, c.req.param('id'));
    wakeOutbox();
    return c.json(inquiry);
  });

  return app;
}

/** `/orders/{orderId}/inquiries`: an order's threads, `[]` when it has none or is unknown. */
export function ordersRoutes(deps: { db: Db }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:orderId/inquiries', async (c) =>
    c.json(await service.getOrderInquiries(deps.db, c.get('shopId'), c.req.param('orderId'), c.get('staffId'))),
  );
  return app;
}
