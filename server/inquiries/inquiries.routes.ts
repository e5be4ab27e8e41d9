/** `/inquiries`: the inbox, counts, one thread, replies (multipart), retry, complete and reopen. */
import { Hono } from 'hono';
import type { FieldProblem } from '../../shared/api.ts';
import { InquiryListQuerySchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { AppEnv } from '../http/app-env.ts';
import { multipartBody, validate } from '../http/body.ts';
import { ProblemError } from '../http/problem.ts';
import { InboxPageCache } from './inbox-page-cache.ts';
import * as service from './inquiries.service.ts';

const FILE_FIELDS = new Set(['files[]', 'files']);

/** The file's own name: no folders (some browsers send a path), no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

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

  app.get('/', async (c) => {
    const query = validate(InquiryListQuerySchema, c.req.query());
    const json = await service.listInquiryPageJson(db, pages, c.get('shopId'), query);
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/counts', async (c) => c.json(await service.getCounts(db, c.get('shopId'))));

  app.get('/:id', async (c) => c.json(await service.getInquiryDetail(db, c.get('shopId'), c.req.param('id'))));

  app.post('/:id/replies', multipartBody(), async (c) => {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      throw new ProblemError(400, 'invalid_request', 'the multipart body could not be read');
    }
    const problems: FieldProblem[] = [];
    let body: string | null = null;
    const files: service.ReplyFile[] = [];
    for (const [key, value] of form.entries()) {
      if (key === 'body') {
        if (typeof value !== 'string' || body !== null) problems.push({ field: 'body', code: 'invalid_request', detail: 'one text field' });
        else body = value;
      } else if (FILE_FIELDS.has(key)) {
        if (typeof value === 'string') problems.push({ field: key, code: 'invalid_request', detail: 'a file is expected' });
        else files.push({ name: cleanFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) });
      } else {
        problems.push({ field: key, code: 'invalid_request', detail: `unknown field: ${key}` });
      }
    }
    if (body === null && problems.length === 0) problems.push({ field: 'body', code: 'invalid_request', detail: 'missing' });
    if (problems.length > 0) throw new ProblemError(400, 'invalid_request', 'the request does not match the expected shape', problems);
    const message = await service.submitReply(
      { db, hub, shopId: c.get('shopId'), staff: c.get('staff') },
      c.req.param('id'),
      body!,
      files,
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
  app.get('/:orderId/inquiries', async (c) => c.json(await service.getOrderInquiries(deps.db, c.get('shopId'), c.req.param('orderId'))));
  return app;
}
