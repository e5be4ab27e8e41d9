/**
 * The server under load, in its own process (so its RSS is its own): the product's startServer on the
 * benchmark database, plus the baseline routes of bare-routes.ts. Prints one JSON line
 * `{url, pid}` once it listens; stops on SIGTERM or when its parent closes stdin.
 * Env: BENCH_DB_URL, BENCH_JWT_SECRET, BENCH_TOKEN (to fetch the page the bare route serves), BENCH_PAGE_PATH.
 */
import { startServer } from '../../server/server.ts';
import { bareRoutes } from './bare-routes.ts';

const bare = bareRoutes();
const server = await startServer({
  dbUrl: process.env.BENCH_DB_URL!,
  jwtSecret: process.env.BENCH_JWT_SECRET!,
  corsOrigins: [],
  port: 0,
  seed: false,
  demo: false,
  publicRoutes: [{ path: '/bench', routes: bare.routes }],
});
const res = await server.app.request(process.env.BENCH_PAGE_PATH!, { headers: { authorization: `Bearer ${process.env.BENCH_TOKEN}` } });
if (res.status !== 200) throw new Error(`inbox page answered ${res.status}`);
bare.setPage(await res.json());

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
