import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../../server/app.ts';
import { parseFrameAncestors } from '../../../server/config.ts';
import { createDemoPages } from '../../../server/demo-pages/routes.ts';
import { createEventHub } from '../../../server/events/event-hub.ts';
import { startServer, type RunningServer } from '../../../server/compose.ts';
import { TEST_SECRET, createTestDatabase, idleMallSide, signedRequests, newShopId, type TestDatabase } from '../support/context.ts';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)]));
}

describe('security headers on the API and the demo pages', () => {
  let database: TestDatabase;
  let server: RunningServer;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({ dbUrl: database.url, port: 0, jwtSecret: TEST_SECRET, corsOrigins: [], demo: { malls: false }, malls: { schedule: false, outboxWorker: false } });
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  function assertCommon(res: Response, label: string) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', label);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', label);
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    assert.equal(csp.get('frame-ancestors'), "'self'", label);
    assert.equal(csp.get('default-src'), "'self'", label);
    assert.equal(csp.get('object-src'), "'none'", label);
    return csp;
  }

  test('an API answer (through app.request and over the socket), a problem answer and /healthz carry them', async () => {
    const shop = newShopId();
    const requests = signedRequests(server.app);
    assertCommon(await requests.request(shop, '/api/v1/inquiries/counts'), 'app.request');
    const overSocket = await fetch(`${server.url}/api/v1/inquiries/counts`, { headers: { Authorization: `Bearer ${requests.token(shop)}` } });
    assert.equal(overSocket.status, 200);
    assertCommon(overSocket, 'socket');
    assertCommon(await fetch(`${server.url}/api/v1/inquiries/counts`), '401');
    assertCommon(await fetch(`${server.url}/healthz`), 'healthz');
  });

  test('a demo page: scripts from self and its inline script by nonce, calls to self, framed by self only', async () => {
    const res = await fetch(`${server.url}/demo/`);
    assert.equal(res.status, 200);
    const csp = assertCommon(res, 'demo page');
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    const scriptSrc = csp.get('script-src') ?? '';
    assert.match(scriptSrc, /'self'/);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
    assert.equal(csp.get('connect-src'), "'self'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    assert.ok(nonce, 'a per-request nonce');
    const html = await res.text();
    assert.ok(html.includes(`<script type="module" nonce="${nonce}">`), 'the inline script carries the nonce');
    const again = directives((await fetch(`${server.url}/demo/`)).headers.get('content-security-policy') ?? '');
    assert.notEqual(again.get('script-src'), scriptSrc, 'a fresh nonce per answer');
    for (const path of ['/demo/inquiries', '/demo/templates']) {
      const page = await fetch(`${server.url}${path}`);
      assertCommon(page, path);
      assert.ok((await page.text()).includes('<script src="/widget/goq-inquiry.js"></script>'), `${path} loads the widget from self`);
    }
  });

  test('GOQ_FRAME_ANCESTORS names the hosts that may frame the pages', async () => {
    assert.deepEqual(parseFrameAncestors(undefined), ["'self'"]);
    assert.deepEqual(parseFrameAncestors("'self' https://backoffice.example.jp, https://*.example.com"), ["'self'", 'https://backoffice.example.jp', 'https://*.example.com']);
    assert.throws(() => parseFrameAncestors("https://a.example; script-src 'unsafe-inline'"));
    const app = createApp({
      db: database.db,
      hub: createEventHub(),
      malls: idleMallSide(database.db),
      config: { jwtSecret: TEST_SECRET, corsOrigins: [], frameAncestors: ["'self'", 'https://backoffice.example.jp'] },
      demoPages: createDemoPages({ demoToken: 'x', distDir: 'dist' }),
    });
    const res = await app.request('/demo/templates');
    assert.equal(directives(res.headers.get('content-security-policy') ?? '').get('frame-ancestors'), "'self' https://backoffice.example.jp");
    // X-Frame-Options cannot name another host: it is left out rather than contradict the CSP
    assert.equal(res.headers.get('x-frame-options'), null);
  });
});
