/**
 * What the browser tests' server plugins share: the real server on a fresh SQLite file in a temporary
 * folder, started on first use and removed with its folder at the end, and the test page's origins
 * that its CORS allow-list needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** The origins web-test-runner serves the test pages from. */
export function testPageOrigins(config) {
  const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  if (config.hostname) origins.push(`http://${config.hostname}:${config.port}`);
  return origins;
}

/**
 * A server of its own for one plugin. `corsOrigins` is read when the server starts (the plugin fills
 * it in serverStart). Without `options`: production mode on an empty database (no demo shop, no demo
 * pages) whose mall side stays idle (no scheduled sync, no outbox worker: replies stay 送信中).
 * `options` are more of compose.ts's StartOptions, e.g. `demo` for the demo composition.
 */
export function lazyTestServer({ dataDirPrefix, jwtSecret, corsOrigins, options = { malls: { schedule: false, outboxWorker: false } } }) {
  let starting = null;
  let dataDir = null;
  let server = null;

  async function start() {
    const { startServer } = await tsImport('../../../server/compose.ts', import.meta.url);
    dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
    server = await startServer({
      ...options,
      dbUrl: join(dataDir, 'goq.sqlite'),
      port: 0,
      jwtSecret,
      corsOrigins,
      sseHeartbeatMs: 5000,
    });
    return server;
  }

  return {
    /** The running server, started by the first call. */
    running() {
      starting ??= start();
      return starting;
    },
    async stop() {
      await server?.close();
      server = null;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      dataDir = null;
    },
  };
}
