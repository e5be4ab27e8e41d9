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
 *   inbox:member {shopId, staff, sub?, role?}        -> token: another member of the test shop's team
 *   inbox:team-mall-server                            -> {url, shopId}: a server of the same composition for the
 *       team tests alone (their replies and the 409 flow), its simulated malls fresh
 *   inbox:team-mall-member {staff, sub?, role?}      -> token: a member of that server's demo shop
 *   inbox:team-mall-replies {mallInquiryId}          -> the shop replies the simulated Rakuten holds on it
 * Any web-test-runner config can add it to its plugins; it needs nothing else from the config.
 */
import { randomBytes } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { lazyTestServer, testPageOrigins } from '../support/test-server.mjs';

export function inboxServerPlugin() {
  const jwtSecret = randomBytes(32).toString('base64url');
  const origins = [];
  const host = lazyTestServer({ dataDirPrefix: 'goq-inbox-test-', jwtSecret, corsOrigins: origins });
  // the demo composition of `npm start`, on free ports, started on first use
  const mallHost = lazyTestServer({
    dataDirPrefix: 'goq-inbox-malls-',
    jwtSecret,
    corsOrigins: origins,
    options: {
      demo: { malls: { rakutenPort: 0, yahooPort: 0, generateEveryMs: 0 } },
      malls: { minIntervalMs: 0 },
      distDir: 'dist',
    },
  });
  // the same composition again, for the team tests: nobody else changes its malls' accounts
  const teamMallHost = lazyTestServer({
    dataDirPrefix: 'goq-inbox-team-malls-',
    jwtSecret,
    corsOrigins: origins,
    options: {
      demo: { malls: { rakutenPort: 0, yahooPort: 0, generateEveryMs: 0 } },
      malls: { minIntervalMs: 0 },
      distDir: 'dist',
    },
  });
  let fixtures = null;

  async function running() {
    fixtures ??= await tsImport('./inbox-fixtures.ts', import.meta.url);
    return host.running();
  }

  return {
    name: 'goq-inbox-server',
    async serverStart({ config }) {
      origins.push(...testPageOrigins(config));
      await running();
    },
    async serverStop() {
      await host.stop();
      await mallHost.stop();
      await teamMallHost.stop();
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('inbox:')) return undefined;
      if (command === 'inbox:mall-server') {
        const m = await mallHost.running();
        return { url: m.url, token: m.demoToken };
      }
      if (command.startsWith('inbox:team-mall-')) {
        const m = await teamMallHost.running();
        fixtures ??= await tsImport('./inbox-fixtures.ts', import.meta.url);
        const shopId = JSON.parse(Buffer.from(m.demoToken.split('.')[1], 'base64url').toString()).shop;
        if (command === 'inbox:team-mall-server') return { url: m.url, shopId };
        if (command === 'inbox:team-mall-member') return fixtures.memberToken(jwtSecret, shopId, payload);
        if (command === 'inbox:team-mall-replies') return fixtures.rakutenShopMessages(m, payload.mallInquiryId);
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
        case 'inbox:member':
          return fixtures.memberToken(jwtSecret, payload.shopId, payload);
        case 'inbox:customer-writes':
          await fixtures.customerWrites(s, payload.shopId, payload.subject);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
