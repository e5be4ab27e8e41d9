/**
 * web-test-runner plugin for the inbox tests: starts the real server (SQLite in a temporary folder)
 * when the test server starts, stops it at the end, and answers the tests' `inbox:*` commands:
 *   inbox:shop {demo?, bulk?, noPhone?, accounts?} -> {url, token, shopId, ids}
 *   inbox:fail-message {shopId, messageId, reason}  (markMessageFailed)
 *   inbox:deliver-message {shopId, messageId}        (markMessageSent)
 *   inbox:customer-writes {shopId, subject}          a new Rakuten inquiry, stored as the sync stores one
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
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('inbox:')) return undefined;
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
