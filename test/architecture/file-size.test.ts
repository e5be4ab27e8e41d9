/**
 * No source file under server/ or widget/ is over 400 lines: past that a file holds more than one job
 * and should be split along its seams. Demo data (the simulated stores, the demo shop's seed) is
 * exempt: it is data, not code, and grows with the demo.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const MAX_LINES = 400;
const FOLDERS = ['server', 'widget'];
/** Demo data, exempt wherever it is: the simulated malls' stores. */
const EXEMPT_NAMES = ['demo-store.ts'];
/** Demo data, exempt by path: the demo shop's seed. */
const EXEMPT_PATHS = ['server/demo/seed.ts'];

function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.ts')) yield path;
  }
}

/** The files over the limit in `cwd`'s server/ and widget/, as `path (lines)`. */
function oversized(cwd: string): string[] {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    let files: string[];
    try {
      files = [...sourceFiles(join(cwd, folder))];
    } catch {
      continue;
    }
    for (const file of files) {
      const path = relative(cwd, file).split(sep).join('/');
      if (EXEMPT_NAMES.includes(path.slice(path.lastIndexOf('/') + 1)) || EXEMPT_PATHS.includes(path)) continue;
      const lines = lineCount(readFileSync(file, 'utf8'));
      if (lines > MAX_LINES) found.push(`${path} (${lines})`);
    }
  }
  return found.sort();
}

test(`no .ts file under server/ or widget/ is over ${MAX_LINES} lines (demo data excepted)`, () => {
  assert.deepEqual(oversized(root), [], 'split these along their seams');
});

test('the check finds a file over the limit and passes the exemptions and a file at the limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goq-file-size-'));
  try {
    const lines = (n: number) => 'x;\n'.repeat(n);
    mkdirSync(join(dir, 'server/demo'), { recursive: true });
    mkdirSync(join(dir, 'widget/inbox'), { recursive: true });
    mkdirSync(join(dir, 'simulators'), { recursive: true });
    writeFileSync(join(dir, 'widget/inbox/at-limit.ts'), lines(MAX_LINES));
    writeFileSync(join(dir, 'widget/inbox/too-long.ts'), lines(MAX_LINES + 1));
    writeFileSync(join(dir, 'server/too-long.ts'), lines(MAX_LINES) + 'x;');
    writeFileSync(join(dir, 'server/demo/seed.ts'), lines(MAX_LINES * 3));
    writeFileSync(join(dir, 'server/demo/demo-store.ts'), lines(MAX_LINES * 3));
    writeFileSync(join(dir, 'server/demo/notes.md'), lines(MAX_LINES * 3));
    writeFileSync(join(dir, 'simulators/elsewhere.ts'), lines(MAX_LINES * 3));
    assert.deepEqual(oversized(dir), [`server/too-long.ts (${MAX_LINES + 1})`, `widget/inbox/too-long.ts (${MAX_LINES + 1})`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
