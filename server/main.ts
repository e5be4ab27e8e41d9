/**
 * `npm start` (and `node dist/server/main.js`, the production build): reads the environment
 * (config.ts), starts the server (compose.ts) and logs one JSON line per request and background event
 * (pino, stdout). Demo mode also prints the demo pages' address, the simulated malls and, on its own
 * line, the demo token. SIGTERM/SIGINT: stop taking requests, finish or hand back the mall work
 * (claimed outbox rows, account leases), close the database, exit.
 */
import { loadEnvConfig } from './config.ts';
import { startServer } from './compose.ts';
import { createLogger } from './ops/logger.ts';

const config = loadEnvConfig();
const logger = createLogger({ level: config.logLevel });
const server = await startServer({
  dbUrl: config.dbUrl,
  port: config.port,
  host: config.host,
  jwtSecret: config.jwtSecret,
  corsOrigins: config.corsOrigins,
  jwtMaxAgeSeconds: config.jwtMaxAgeSeconds,
  frameAncestors: config.frameAncestors,
  distDir: config.distDir,
  malls: config.malls,
  demo: config.demo ?? false,
  buildWidgets: true,
  logger,
});

const base = `http://localhost:${server.port}`;
logger.info({ event: 'start', port: server.port, database: server.dbKind, mode: server.mode, holder: server.malls.leases.holder }, 'server started');
if (server.mode === 'demo') {
  // the demo's human lines; production writes only JSON lines
  console.log(`GoQ inquiry server on ${base} (${server.dbKind}), ${server.mode} mode`);
  console.log(`Demo pages: ${base}/demo/`);
  const sims = server.demoMalls;
  if (sims) console.log(`Demo malls: Rakuten simulator ${sims.rakutenOrigin} (control: /_sim/), Yahoo! simulator ${sims.yahooOrigin} (control: /_sim/)`);
  console.log('Demo token:');
  console.log(server.demoToken);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ event: 'stop', signal }, 'stopping: finishing or handing back the mall work');
    void server.close().then(
      () => {
        logger.info({ event: 'stopped' }, 'stopped');
        logger.flush();
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ event: 'stop', err: error.message }, 'stop failed');
        logger.flush();
        process.exit(1);
      },
    );
  });
}
