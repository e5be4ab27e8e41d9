/**
 * /widget/*: the built widget files from dist/. The loader goq-inquiry.js and the stable module names
 * (panel.js, …) keep one name across releases, so they are revalidated with their ETag on every use
 * (no-cache); everything under chunks/ is content-hashed, never changes, and is cached for a year
 * (immutable). Bodies are gzipped once per file version when the browser accepts it. When dist/ has not
 * been built yet (a fresh clone), the server builds it before it listens (ensureWidgetsBuilt, from
 * compose.ts); a request that still finds it missing builds it then.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

let building: Promise<void> | null = null;

/** Builds dist/ with the project's vite config, once, when it is missing. */
export function ensureWidgetsBuilt(distDir: string): Promise<void> {
  if (existsSync(join(distDir, 'goq-inquiry.js'))) return Promise.resolve();
  building ??= (async () => {
    const { build } = await import('vite');
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir } });
  })().finally(() => {
    building = null;
  });
  return building;
}

export function widgetFiles(distDir: string): Hono {
  const root = resolve(distDir);
  const cache = new Map<string, CachedFile>();
  const app = new Hono();

  app.get('/*', async (c) => {
    const relative = decodeURIComponent(c.req.path.replace(/^\/widget\//, ''));
    const file = resolve(root, relative);
    const type = CONTENT_TYPES[extname(file)];
    // only built assets, only inside dist/
    if (!type || !file.startsWith(root + sep) || relative.split(/[\\/]/).includes('.vite')) return c.notFound();
    try {
      await ensureWidgetsBuilt(root);
    } catch (error) {
      return c.text(`The widgets could not be built: ${error instanceof Error ? error.message : String(error)}`, 500);
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      return c.notFound();
    }
    let cached = cache.get(file);
    if (!cached || cached.mtimeMs !== info.mtimeMs) {
      const body = await readFile(file);
      cached = {
        mtimeMs: info.mtimeMs,
        body,
        gzip: gzipSync(body, { level: 9 }),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
      cache.set(file, cached);
    }
    const hashed = relative.startsWith('chunks/');
    const headers: Record<string, string> = {
      'Content-Type': type,
      ETag: cached.etag,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      // the script may be embedded by a back office on another origin
      'Access-Control-Allow-Origin': '*',
    };
    const match = c.req.header('If-None-Match');
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === cached.etag)) {
      return c.body(null, 304, headers);
    }
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      return c.body(new Uint8Array(cached.gzip), 200, { ...headers, 'Content-Encoding': 'gzip' });
    }
    return c.body(new Uint8Array(cached.body), 200, headers);
  });

  return app;
}
