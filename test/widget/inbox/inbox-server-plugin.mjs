/**
 * web-test-runner plugin for the inbox tests: starts the real server (SQLite in a temporary folder)
 * when the test server starts, stops it at the end, and answers the tests' `inbox:*` commands:
 *   inbox:shop {demo?, bulk?, noPhone?, accounts?} -> {url, token, shopId, ids}
 *   inbox:fail-message {shopId, messageId, reason}  (markMessageFailed)
 *   inbox:deliver-message {shopId, messageId}        (markMessageSent)
 *   inbox:customer-writes {shopId, subject}          a new Rakuten inquiry, stored as the sync stores one
 *   inbox:mall-server                                 -> {url, token}: a second server composed as `npm start`
 *       composes it (mall side: accounts API, sync, outbox worker; both mall simulators in-process, on
 *       free ports, no generated traffic), its demo shop synced from the simulators, and that shop's token
 * Any web-test-runner config can add it to its plugins; it needs nothing else from the config.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export function inboxServerPlugin() {
  const jwtSecret = randomBytes(32).toString('base64url');
  let server = null;
  let dataDir = null;
  let fixtures = null;
  let origins = [];
  let starting = null;
  let mallStarting = null;
  let mallServer = null;
  let mallDataDir = null;

  /** The full composition of `npm start`, on free ports, started on first use. */
  function mallComposed() {
    mallStarting ??= (async () => {
      const { startServer } = await tsImport('../../../server/server.ts', import.meta.url);
      const { mallStartOptions } = await tsImport('../../../server/malls/runtime.ts', import.meta.url);
      mallDataDir = mkdtempSync(join(tmpdir(), 'goq-inbox-malls-'));
      const env = {
        GOQ_DEMO_MALLS: '1',
        GOQ_SIM_RAKUTEN_PORT: '0',
        GOQ_SIM_YAHOO_PORT: '0',
        GOQ_DEMO_GENERATE_MS: '0',
        GOQ_MALL_MIN_INTERVAL_MS: '0',
      };
      const malls = await mallStartOptions(env, { dataDir: mallDataDir, jwtSecret, distDir: 'dist' });
      mallServer = await startServer({
        ...malls.options,
        dbUrl: join(mallDataDir, 'goq.sqlite'),
        port: 0,
        jwtSecret,
        corsOrigins: origins,
        sseHeartbeatMs: 5000,
      });
      malls.afterListen(mallServer);
      return mallServer;
    })();
    return mallStarting;
  }

  async function running() {
    if (server) return server;
    starting ??= (async () => {
      const { startServer } = await tsImport('../../../server/server.ts', import.meta.url);
      fixtures = await tsImport('./inbox-fixtures.ts', import.meta.url);
      dataDir = mkdtempSync(join(tmpdir(), 'goq-inbox-test-'));
      server = await startServer({
        dbUrl: join(dataDir, 'goq.sqlite'),
        port: 0,
        jwtSecret,
        corsOrigins: origins,
        seed: false,
        demo: false,
        sseHeartbeatMs: 5000,
      });
      return server;
    })();
    return starting;
  }

  return {
    name: 'goq-inbox-server',
    async serverStart({ config }) {
      const port = config.port;
      origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
      if (config.hostname) origins.push(`http://${config.hostname}:${port}`);
      await running();
    },
    async serverStop() {
      await server?.close();
      server = null;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await mallServer?.close();
      mallServer = null;
      if (mallDataDir) rmSync(mallDataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('inbox:')) return undefined;
      if (command === 'inbox:mall-server') {
        const m = await mallComposed();
        return { url: m.url, token: m.demoToken };
      }
      const s = await running();
      switch (command) {
        case 'inbox:shop':
          return fixtures.createShop(s, jwtSecret, payload ?? {});
        case 'inbox:fail-message':
          await fixtures.failMessage(s, payload.shopId, payload.messageId, payload.reason);
          return true;
        case 'inbox:deliver-message':
          await fixtures.deliverMessage(s, payload.shopId, payload.messageId);
          return true;
        case 'inbox:customer-writes':
          await fixtures.customerWrites(s, payload.shopId, payload.subject);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
