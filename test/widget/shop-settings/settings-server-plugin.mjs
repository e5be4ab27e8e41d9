/**
 * web-test-runner plugin for the settings element's tests: a server composed as `npm start` composes
 * it (both simulated malls in-process on free ports, no generated traffic, no scheduled sync so a
 * test's account state stays as set), started on first use. Commands:
 *   settings:shop {connect?, licenceDays?, apiNotEnabled?, apiOption?, notifiedMinutesAgo?}
 *       -> {url, shopId, adminToken, staffToken, rakuten}   (see settings-fixtures.ts)
 */
import { randomBytes } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { lazyTestServer, testPageOrigins } from '../support/test-server.mjs';

export function settingsServerPlugin() {
  const jwtSecret = randomBytes(32).toString('base64url');
  const origins = [];
  const host = lazyTestServer({
    dataDirPrefix: 'goq-settings-test-',
    jwtSecret,
    corsOrigins: origins,
    options: {
      demo: { malls: { rakutenPort: 0, yahooPort: 0, generateEveryMs: 0 } },
      malls: { minIntervalMs: 0, schedule: false, outboxWorker: false },
      distDir: 'dist',
    },
  });
  let fixtures = null;
  return {
    name: 'goq-settings-server',
    serverStart({ config }) {
      origins.push(...testPageOrigins(config));
    },
    async serverStop() {
      await host.stop();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'settings:shop') return undefined;
      fixtures ??= await tsImport('./settings-fixtures.ts', import.meta.url);
      const server = await host.running();
      return { url: server.url, ...(await fixtures.createSettingsShop(server, jwtSecret, payload ?? {})) };
    },
  };
}
