/**
 * Bundle budgets (DESIGN.md §7), checked on the built dist/: gzip size of goq-inquiry.js (everything,
 * Lit included) and of what the panel's ES module loads (its module plus every chunk it imports,
 * statically, from Vite's manifest). Chunks loaded only on demand (the problem sentences, fetched on
 * the first error) are listed but not counted. Prints figure and budget side by side; exits 1 when
 * a budget is missed, 2 when dist/ is missing. Each file is gzipped alone (level 9), as it travels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const distDir = resolve(process.argv[2] ?? 'dist');

interface ManifestEntry {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestEntry>;

export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The files an entry loads before it runs: itself and its static imports, recursively. */
export function staticClosure(manifest: Manifest, key: string): { files: string[]; onDemand: string[] } {
  const files = new Set<string>();
  const onDemand = new Set<string>();
  const visit = (k: string): void => {
    const entry = manifest[k];
    if (!entry || files.has(entry.file)) return;
    files.add(entry.file);
    for (const i of entry.imports ?? []) visit(i);
    for (const d of entry.dynamicImports ?? []) if (manifest[d]) onDemand.add(manifest[d].file);
  };
  visit(key);
  return { files: [...files], onDemand: [...onDemand].filter((f) => !files.has(f)) };
}

function main(): number {
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  const script = join(distDir, 'goq-inquiry.js');
  if (!existsSync(manifestFile) || !existsSync(script)) {
    console.error(`No build in ${distDir}: run \`npm run build\` first.`);
    return 2;
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const panelKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && manifest[k]!.file === 'panel.js');
  if (!panelKey) {
    console.error('panel.js is not an entry of the build manifest');
    return 2;
  }
  const panel = staticClosure(manifest, panelKey);
  const rows: Array<{ what: string; bytes: number; budget: number; detail: string }> = [
    { what: 'goq-inquiry.js (script tag, everything)', bytes: gzipBytes(script), budget: 30 * KB, detail: 'goq-inquiry.js' },
    {
      what: 'goq-inquiry-panel alone (module + chunks)',
      bytes: panel.files.reduce((sum, f) => sum + gzipBytes(join(distDir, f)), 0),
      budget: 15 * KB,
      detail: panel.files.map((f) => `${f} ${(gzipBytes(join(distDir, f)) / KB).toFixed(2)}`).join(', '),
    },
  ];
  const fmt = (n: number) => `${(n / KB).toFixed(2)} KB`;
  console.log('bundle                                       gzip        budget      result');
  let missed = 0;
  for (const row of rows) {
    const ok = row.bytes <= row.budget;
    if (!ok) missed++;
    console.log(`${row.what.padEnd(44)} ${fmt(row.bytes).padStart(10)}  ${fmt(row.budget).padStart(10)}  ${ok ? 'pass' : 'OVER BUDGET'}`);
    console.log(`  ${row.detail}`);
  }
  if (panel.onDemand.length > 0) console.log(`  loaded only on demand (not counted): ${panel.onDemand.join(', ')}`);
  return missed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
