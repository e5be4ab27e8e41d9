/** `POST /inquiries/{id}/presence`: heartbeats `{state: viewing|typing|left}`; answers who is on the inquiry. */
import { Hono } from 'hono';
import { PresenceInputSchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson } from '../http/body.ts';
import * as service from './presence.service.ts';

/** Mounted under `/inquiries`. */
export function presenceRoutes(deps: { db: Db; hub: EventHub }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/presence', jsonBody(), async (c) => {
    const input = await readJson(c, PresenceInputSchema);
    const members = await service.heartbeat(
      { db: deps.db, hub: deps.hub, shopId: c.get('shopId'), staffId: c.get('staffId'), staffName: c.get('staff') },
      c.req.param('id'),
      input.state,
    );
    return c.json({ inquiryId: c.req.param('id'), members });
  });
  return app;
}
