/** `/settings/business-hours`: the shop's business hours for 待ち時間 and 返信遅れ (GET; PUT by an admin). */
import { Hono } from 'hono';
import { BusinessHoursSchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson } from '../http/body.ts';
import * as service from './business-hours.service.ts';

export function businessHoursRoutes(deps: { db: Db }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json(await service.getBusinessHours(deps.db, c.get('shopId'))));
  app.put('/', jsonBody(), async (c) => {
    const input = await readJson(c, BusinessHoursSchema);
    return c.json(await service.putBusinessHours(deps.db, c.get('shopId'), input));
  });
  return app;
}
