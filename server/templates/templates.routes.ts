/** `/templates`: reply template CRUD; `?category=` filters. */
import { Hono } from 'hono';
import { TemplateInputSchema, TemplateListQuerySchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson, validate } from '../http/body.ts';
import * as service from './templates.service.ts';

export function templatesRoutes(deps: { db: Db }): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const query = validate(TemplateListQuerySchema, c.req.query());
    return c.json({ items: await service.listTemplates(db, c.get('shopId'), query.category) });
  });
  app.get('/:id', async (c) => c.json(await service.getTemplate(db, c.get('shopId'), c.req.param('id'))));
  app.post('/', jsonBody(), async (c) => {
    const input = await readJson(c, TemplateInputSchema);
    return c.json(await service.createTemplate(db, c.get('shopId'), input), 201);
  });
  app.put('/:id', jsonBody(), async (c) => {
    const input = await readJson(c, TemplateInputSchema);
    return c.json(await service.updateTemplate(db, c.get('shopId'), c.req.param('id'), input));
  });
  app.delete('/:id', async (c) => {
    await service.deleteTemplate(db, c.get('shopId'), c.req.param('id'));
    return c.body(null, 204);
  });
  return app;
}
