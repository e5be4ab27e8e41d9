/** `/staff`: the shop's members (`GET /staff`), oneself (`GET /staff/me`) and one's preferences. */
import { Hono, type MiddlewareHandler } from 'hono';
import { StaffPreferencesSchema } from '../../shared/schemas.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, readJson } from '../http/body.ts';
import * as service from './staff.service.ts';

export function memberOf(c: { get(key: 'shopId' | 'staffId' | 'staff' | 'role'): string }): service.Member {
  return { shopId: c.get('shopId'), id: c.get('staffId'), name: c.get('staff'), role: c.get('role') as 'admin' | 'staff' };
}

/** Records each authenticated request's member (cheaply: see StaffRecorder). */
export function recordStaff(db: Db): MiddlewareHandler<AppEnv> {
  const recorder = new service.StaffRecorder(db);
  return async function recordMember(c, next) {
    await recorder.touch(memberOf(c));
    await next();
  };
}

export function staffRoutes(deps: { db: Db }): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json(await service.listStaff(db, c.get('shopId'))));
  app.get('/me', async (c) => c.json(await service.getSelf(db, memberOf(c))));
  app.put('/me/preferences', jsonBody(), async (c) => {
    const input = await readJson(c, StaffPreferencesSchema);
    return c.json(await service.savePreferences(db, memberOf(c), input));
  });
  return app;
}
