/** `/settings`: the shop profile (GET, PUT with the whole object). */
import { Hono } from 'hono';
import { ShopSettingsSchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson } from '../http/body.ts';
import * as service from './settings.service.ts';

export function settingsRoutes(deps: { db: Db }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json(await service.getSettings(deps.db, c.get('shopId'))));
  app.put('/', jsonBody(), async (c) => {
    const input = await readJson(c, ShopSettingsSchema);
    return c.json(await service.saveSettings(deps.db, c.get('shopId'), input));
  });
  return app;
}
