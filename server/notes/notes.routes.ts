/** 社内メモ: `GET/POST /inquiries/{id}/notes` and `DELETE /notes/{id}`. */
import { Hono } from 'hono';
import { NoteInputSchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson } from '../http/body.ts';
import * as service from './notes.service.ts';

type Ctx = { get(key: 'shopId' | 'staffId' | 'staff'): string };
const contextOf = (deps: { db: Db; hub: EventHub }, c: Ctx): service.NoteContext => ({
  db: deps.db,
  hub: deps.hub,
  shopId: c.get('shopId'),
  staffId: c.get('staffId'),
  staffName: c.get('staff'),
});

/** Mounted under `/inquiries`. */
export function inquiryNotesRoutes(deps: { db: Db; hub: EventHub }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/notes', async (c) => c.json(await service.listNotes(deps.db, c.get('shopId'), c.req.param('id'))));
  app.post('/:id/notes', jsonBody(), async (c) => {
    const input = await readJson(c, NoteInputSchema);
    return c.json(await service.addNote(contextOf(deps, c), c.req.param('id'), input.body), 201);
  });
  return app;
}

/** Mounted under `/notes`. */
export function notesRoutes(deps: { db: Db; hub: EventHub }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.delete('/:id', async (c) => {
    await service.deleteNote(contextOf(deps, c), c.req.param('id'));
    return c.body(null, 204);
  });
  return app;
}
