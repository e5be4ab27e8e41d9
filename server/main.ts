/**
 * `npm start`: the composition root. Reads the environment, starts the server, prints the demo
 * address and, on its own line, the demo token.
 */
import { loadEnvConfig } from './config.ts';
import { startServer } from './server.ts';

const config = loadEnvConfig();
const server = await startServer({
  dbUrl: config.dbUrl,
  port: config.port,
  host: config.host,
  jwtSecret: config.jwtSecret,
  corsOrigins: config.corsOrigins,
  distDir: config.distDir,
});

const base = `http://localhost:${server.port}`;
console.log(`GoQ inquiry server on ${base} (${server.dbKind})`);
console.log(`Demo pages: ${base}/demo/`);
console.log('Demo token:');
console.log(server.demoToken);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
