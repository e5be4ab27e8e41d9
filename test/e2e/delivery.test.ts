/**
 * How the widgets are delivered by the demo server, on the built dist/: the loader goq-inquiry.js is
 * revalidated (no-cache, ETag, 304), the hashed modules it names are cached for a year (immutable),
 * the page gets a favicon, and 設定 is in the demo navigation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { demoPerSuite, distDir } from './support.ts';

describe('widget delivery', () => {
  const demo = demoPerSuite();

  it('revalidates the loader and caches the hashed modules it names for a year', async () => {
    const loader = await fetch(`${demo.server.url}/widget/goq-inquiry.js`);
    assert.equal(loader.status, 200);
    assert.equal(loader.headers.get('cache-control'), 'public, no-cache');
    const etag = loader.headers.get('etag')!;
    assert.ok(etag);
    const again = await fetch(`${demo.server.url}/widget/goq-inquiry.js`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);

    const text = await loader.text();
    const files = [...new Set(text.match(/\.\/chunks\/[\w.-]+\.js/g) ?? [])];
    assert.ok(files.length >= 5, `the loader names each element's module: ${files.join(' ')}`);
    for (const file of files) {
      const res = await fetch(`${demo.server.url}/widget/${file.slice(2)}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    }
    // the stable names stay revalidated: a release changes what they point at
    const panel = await fetch(`${demo.server.url}/widget/panel.js`);
    assert.equal(panel.headers.get('cache-control'), 'public, no-cache');
    assert.match(readFileSync(join(distDir, 'panel.js'), 'utf8'), /^export \* from '\.\/chunks\/panel-[\w-]{8}\.js';/);
  });

  it('serves a favicon, and 設定 is in the navigation of every demo page', async () => {
    const icon = await fetch(`${demo.server.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
    for (const path of ['/demo/', '/demo/inquiries', '/demo/templates', '/demo/settings']) {
      const page = await (await fetch(`${demo.server.url}${path}`)).text();
      assert.match(page, /<a href="\/demo\/settings"[^>]*>設定<\/a>/, path);
    }
    const settings = await (await fetch(`${demo.server.url}/demo/settings`)).text();
    assert.match(settings, /<goq-shop-settings><\/goq-shop-settings>/);
    assert.match(settings, /<a href="\/demo\/settings" aria-current="page">設定<\/a>/);
  });
});
