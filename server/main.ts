/**
 * `npm start`: reads the environment (config.ts), starts the server (compose.ts) and says which mode
 * it runs in. Demo mode also prints the demo pages' address, the simulated malls and, on its own
 * line, the demo token.
 */
import { loadEnvConfig } from './config.ts';
import { startServer } from './compose.ts';

const config = loadEnvConfig();
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
});

const base = `http://localhost:${server.port}`;
console.log(`GoQ inquiry server on ${base} (${server.dbKind}), ${server.mode} mode`);
if (server.mode === 'demo') {
  console.log(`Demo pages: ${base}/demo/`);
  const sims = server.demoMalls;
  if (sims) console.log(`Demo malls: Rakuten simulator ${sims.rakutenOrigin} (control: /_sim/), Yahoo! simulator ${sims.yahooOrigin} (control: /_sim/)`);
  console.log('Demo token:');
  console.log(server.demoToken);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
