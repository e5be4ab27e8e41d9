/**
 * The server under load, in its own process (so its RSS is its own): the product's composition on the
 * benchmark database, plus the baseline routes of bare-routes.ts. Prints one JSON line
 * `{url, pid}` once it listens; stops on SIGTERM or when its parent closes stdin.
 * Env: BENCH_DB_URL, BENCH_JWT_SECRET, BENCH_TOKEN (to fetch the page the bare route serves), BENCH_PAGE_PATH.
 */
import { compose, listen } from '../../server/compose.ts';
import { bareRoutes } from './bare-routes.ts';

const bare = bareRoutes();
const composition = await compose({
  dbUrl: process.env.BENCH_DB_URL!,
  jwtSecret: process.env.BENCH_JWT_SECRET!,
  corsOrigins: [],
  // production mode, nothing in the background: only the requests under load run
  malls: { schedule: false, outboxWorker: false },
});
// the baseline beside the product's routes, in the same app, before it serves
composition.app.route('/bench', bare.routes);
const server = await listen(composition, { port: 0 });
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
