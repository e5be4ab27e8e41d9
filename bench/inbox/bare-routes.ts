/**
 * The baselines of the inbox benchmark, served by the same app and process as the product's routes:
 * `GET /bench/bare-page` answers a stored copy of a real inbox page through `c.json` (same bytes as the
 * inbox route, with no auth, validation or database), `GET /bench/bare` a tiny JSON object.
 */
import { Hono } from 'hono';

export function bareRoutes(): { routes: Hono; setPage(page: unknown): void } {
  let page: unknown = null;
  const routes = new Hono();
  routes.get('/bare', (c) => c.json({ ok: true }));
  routes.get('/bare-page', (c) => c.json(page));
  return { routes, setPage: (p) => (page = p) };
}
