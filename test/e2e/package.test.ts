/**
 * dist/ as an installable package, used the way a host that bundles its own front end would: packed
 * with `npm pack`, unpacked into a host app's node_modules, imported by name. The host's TypeScript
 * checks it against the package's .d.ts (every tag in HTMLElementTagNameMap), Vite bundles it, and
 * Chromium runs the bundle: the loader defines a tag when it appears, fetching only that element's code.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { distDir, ensureBuilt } from './support.ts';

const root = resolve('.');
const HOST_MAIN = `import '@goq/inquiry-widgets/loader';
import type { GoqInquiryPanel } from '@goq/inquiry-widgets/panel';
import type { GoqShopSettings } from '@goq/inquiry-widgets/shop-settings';
import type { GoqInquiryInbox } from '@goq/inquiry-widgets/loader';

const tags: Array<keyof HTMLElementTagNameMap> = [
  'goq-inquiry-config', 'goq-thread', 'goq-inquiry-panel', 'goq-inquiry-inbox', 'goq-reply-composer', 'goq-template-admin', 'goq-shop-settings',
];
const panel: GoqInquiryPanel = document.createElement('goq-inquiry-panel');
panel.orderId = 'host-order-1';
panel.apiBase = 'http://127.0.0.1:9';
const settings: GoqShopSettings | null = document.querySelector('goq-shop-settings');
const inbox: GoqInquiryInbox | null = document.querySelector('goq-inquiry-inbox');
document.body.append(panel);
customElements.whenDefined('goq-inquiry-panel').then(() => {
  document.body.dataset.defined = String(customElements.get('goq-inquiry-panel') !== undefined);
  document.body.dataset.tags = String(tags.length + Number(settings === null) + Number(inbox === null));
});
`;

describe('the installable package', () => {
  let work: string;
  let host: string;
  let server: Server;
  before(async () => {
    await ensureBuilt();
    if (!existsSync(join(distDir, 'types'))) execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-types.ts')], { stdio: 'inherit' });
    work = mkdtempSync(join(tmpdir(), 'goq-package-'));
    host = join(work, 'host');
    const installed = join(host, 'node_modules', '@goq', 'inquiry-widgets');
    mkdirSync(installed, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: distDir, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
    // the package's own dependencies (for its types), as npm would install them beside it
    for (const dep of ['lit', 'lit-html', 'lit-element', '@lit']) symlinkSync(join(root, 'node_modules', dep), join(host, 'node_modules', dep));
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module', dependencies: { '@goq/inquiry-widgets': `file:${tarball}` } }));
    mkdirSync(join(host, 'src'));
    writeFileSync(join(host, 'src', 'main.ts'), HOST_MAIN);
    writeFileSync(join(host, 'index.html'), '<!doctype html><html><body><script type="module" src="/src/main.ts"></script></body></html>');
    writeFileSync(
      join(host, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, types: [] }, include: ['src'] }),
    );
  });
  after(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the elements, the loader and the types, with exports for each', () => {
    const pkg = JSON.parse(readFileSync(join(host, 'node_modules', '@goq', 'inquiry-widgets', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const name of ['./loader', './panel', './inbox', './reply-composer', './template-admin', './shop-settings', './config', './thread', './goq-inquiry.js']) {
      assert.ok(pkg.exports[name], `exports ${name}`);
    }
  });

  it("type-checks in the host's TypeScript: every tag is in HTMLElementTagNameMap", () => {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(host, 'tsconfig.json')], { stdio: 'pipe' });
    // and a tag that is not ours is refused
    writeFileSync(join(host, 'src', 'wrong.ts'), "const wrong: keyof HTMLElementTagNameMap = 'goq-no-such-element';\nexport { wrong };\n");
    assert.throws(() => execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(host, 'tsconfig.json')], { stdio: 'pipe' }));
    rmSync(join(host, 'src', 'wrong.ts'));
  });

  it("bundles with the host's Vite and, in Chromium, defines a tag when it appears, loading only its code", async () => {
    const { build } = await import('vite');
    await build({ configFile: false, root: host, logLevel: 'warn', build: { outDir: join(host, 'dist'), emptyOutDir: true } });
    const assets = readdirSync(join(host, 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    assert.ok(assets.length > 2, `the elements are split from the host's entry: ${assets.join(' ')}`);

    const requested: string[] = [];
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requested.push(path);
      const file = join(host, 'dist', path === '/' ? 'index.html' : path);
      if (!file.startsWith(join(host, 'dist')) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'text/html' }).end(readFileSync(file));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => document.body.dataset.defined === 'true');
      assert.equal(await page.evaluate(() => document.body.dataset.tags), '9');
      // the panel rendered (its error state: the host gave it no server)
      await page.waitForFunction(() => Boolean(document.querySelector('goq-inquiry-panel')?.shadowRoot?.childElementCount));
      assert.equal(await page.evaluate(() => customElements.get('goq-inquiry-inbox')), undefined, 'the inbox was not loaded');
      assert.equal(await page.evaluate(() => customElements.get('goq-shop-settings')), undefined, 'the settings were not loaded');
      await page.evaluate(() => document.body.append(document.createElement('goq-shop-settings')));
      await page.waitForFunction(() => customElements.get('goq-shop-settings') !== undefined);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
