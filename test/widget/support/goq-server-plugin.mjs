/**
 * web-test-runner plugin for the panel and template-admin tests: starts the real server (SQLite in a
 * temporary folder, CORS open to the test page's origin) when the test server starts and stops it
 * at the end. Tests reach it through server commands:
 *   goq:server                 -> {url, faultUrl}
 *   goq:shop                   -> {shopId, token}      a fresh, empty shop
 *   goq:record-inquiry {shopId, inquiry}              stores a mall inquiry (recordMallInquiry, events published)
 *   goq:member {shopId, staff, sub?, role?}          -> token: another member of that shop's team
 *   goq:fail-next {count}                             the next `count` requests through faultUrl answer 503
 *   goq:drop-events {holdMs}                          cuts the event streams through faultUrl and refuses
 *                                                     new ones for holdMs
 * faultUrl is a pass-through proxy in front of the same server that can be told to fail: it makes
 * the widgets' error states reachable without touching the server.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { tsImport } from 'tsx/esm/api';
import { lazyTestServer, testPageOrigins } from './test-server.mjs';

export function goqServerPlugin() {
  const jwtSecret = randomBytes(32).toString('base64url');
  const origins = [];
  const host = lazyTestServer({ dataDirPrefix: 'goq-widget-test-', jwtSecret, corsOrigins: origins });
  let fixtures = null;
  let proxy = null;
  let faultUrl = '';
  let failNext = 0;
  let eventsRefusedUntil = 0;
  const eventStreams = new Set();
  let starting = null;

  function startProxy(target) {
    proxy = createServer(async (req, res) => {
      const origin = req.headers.origin ?? '*';
      const isEvents = req.url.split('?')[0].endsWith('/events');
      if (isEvents && req.method !== 'OPTIONS' && Date.now() < eventsRefusedUntil) {
        res.writeHead(503, { 'Access-Control-Allow-Origin': origin });
        res.end();
        return;
      }
      if (failNext > 0 && req.method !== 'OPTIONS' && !isEvents) {
        failNext--;
        res.writeHead(503, {
          'Content-Type': 'application/problem+json',
          'Access-Control-Allow-Origin': origin,
        });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'injected failure', code: 'internal_error' }));
        return;
      }
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = { ...req.headers };
      delete headers.host;
      delete headers.connection;
      try {
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        if (isEvents) {
          eventStreams.add(res);
          res.on('close', () => eventStreams.delete(res));
        }
        if (answer.body) Readable.fromWeb(answer.body).on('error', () => res.destroy()).pipe(res);
        else res.end();
      } catch {
        res.destroy();
      }
    });
    return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${proxy.address().port}`)));
  }

  /** The server, with the fixtures loaded and the fault proxy in front of it. */
  function running() {
    starting ??= (async () => {
      const server = await host.running();
      fixtures = await tsImport('./fixtures.ts', import.meta.url);
      faultUrl = await startProxy(server.url);
      return server;
    })();
    return starting;
  }

  return {
    name: 'goq-server',
    async serverStart({ config }) {
      origins.push(...testPageOrigins(config));
      await running();
    },
    async serverStop() {
      proxy?.closeAllConnections?.();
      proxy?.close();
      await host.stop();
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('goq:')) return undefined;
      const s = await running();
      switch (command) {
        case 'goq:server':
          return { url: s.url, faultUrl };
        case 'goq:shop':
          return fixtures.createShop(s, jwtSecret);
        case 'goq:record-inquiry':
          await fixtures.recordInquiry(s, payload.shopId, payload.inquiry);
          return true;
        case 'goq:member':
          return fixtures.memberToken(jwtSecret, payload.shopId, payload);
        case 'goq:drop-events':
          eventsRefusedUntil = Date.now() + (payload?.holdMs ?? 0);
          for (const stream of eventStreams) stream.destroy();
          eventStreams.clear();
          return true;
        case 'goq:fail-next':
          failNext = payload?.count ?? 1;
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
