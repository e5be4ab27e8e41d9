/**
 * Bundle sizes: gzip of the loader dist/goq-inquiry.js and of everything the order-detail, inbox and
 * settings pages load through it, and (no budget) of the inbox once an inquiry is open and with every chunk it can fetch,
 * with the logic of test/check-bundle-size.ts (imported, so both agree). Builds dist/ first when it is
 * missing. Baseline: a minimal Lit element built the same way (IIFE, minified), built in this run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { bundleRows, gzipBytes } from '../../test/check-bundle-size.ts';
import type { Figure } from '../lib/report.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const KB = 1024;

/** The newest source file of the widgets (and shared/, which they import), to tell a stale dist/. */
function newestSource(): { file: string; mtime: Date } {
  let newest = { file: '', mtime: new Date(0) };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name)) {
        const mtime = statSync(path).mtime;
        if (mtime > newest.mtime) newest = { file: path.slice(root.length), mtime };
      }
    }
  };
  walk(join(root, 'widget'));
  walk(join(root, 'shared'));
  return newest;
}

async function litBaselineBytes(): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'goq-bench-lit-'));
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: true,
        target: 'es2022',
        copyPublicDir: false,
        lib: { entry: join(root, 'bench', 'bundles', 'lit-baseline.ts'), name: 'BenchLitBaseline', formats: ['iife'], fileName: () => 'lit-baseline.js' },
      },
    });
    return gzipBytes(join(out, 'lit-baseline.js'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function staleNote(built: Date): string {
  const newest = newestSource();
  return newest.mtime > built
    ? `dist/ was built at ${built.toISOString()}, before the last change to ${newest.file} (${newest.mtime.toISOString()}): run npm run build to measure the current code`
    : `measured on dist/ as built at ${built.toISOString()}, newer than every widget source`;
}

export async function runBundles(ctx: { log: (s: string) => void }): Promise<Figure[]> {
  const dist = join(root, 'dist');
  const manifestFile = join(dist, '.vite', 'manifest.json');
  const script = join(dist, 'goq-inquiry.js');
  if (!existsSync(manifestFile) || !existsSync(script)) {
    ctx.log('bundles: dist/ is missing, building it (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const lit = await litBaselineBytes();
  const baseline = `a minimal Lit element, IIFE, minified: ${(lit / KB).toFixed(2)} KB`;
  const now = new Date().toISOString();
  const note = staleNote(statSync(script).mtime);
  return bundleRows(dist).map((row) => ({
    part: 'bundles',
    name: `${row.what}, gzip`,
    value: row.bytes / KB,
    unit: 'KB',
    detail: row.files.join(' + ') + (row.onDemand.length > 0 ? `; on demand, not counted: ${row.onDemand.join(', ')}` : ''),
    // a row without a budget is there to be known (the inbox with everything it can fetch later)
    ...(row.budget === null ? {} : { budget: { op: '<=' as const, value: row.budget / KB } }),
    baseline,
    note,
    measuredAt: now,
  }));
}
