/**
 * `npm start`: the composition root. Reads the environment, starts the server, prints the demo
 * address and, on its own line, the demo token.
 */
import { loadEnvConfig } from './config.ts';
import { mallStartOptions } from './malls/runtime.ts';
import { startServer } from './server.ts';

const config = loadEnvConfig();
// the mall side: accounts API, webhook, sync, outbox; the simulated demo malls unless real ones are set
const malls = await mallStartOptions(process.env, config);
const server = await startServer({
  ...malls.options,
  dbUrl: config.dbUrl,
  port: config.port,
  host: config.host,
  jwtSecret: config.jwtSecret,
  corsOrigins: config.corsOrigins,
  jwtMaxAgeSeconds: config.jwtMaxAgeSeconds,
  frameAncestors: config.frameAncestors,
  distDir: config.distDir,
});

const base = `http://localhost:${server.port}`;
console.log(`GoQ inquiry server on ${base} (${server.dbKind})`);
console.log(`Demo pages: ${base}/demo/`);
malls.afterListen(server);
for (const line of malls.describe()) console.log(line);
console.log('Demo token:');
console.log(server.demoToken);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
