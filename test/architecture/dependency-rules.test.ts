/**
 * The import rules of .dependency-cruiser.cjs hold for the tree, and they do catch a broken rule:
 * a small tree that breaks each of them is checked with the same configuration.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const config = join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function violations(cwd: string, folders: string[]): Promise<Violation[]> {
  const present = folders.filter((folder) => existsSync(join(cwd, folder)));
  const { stdout } = await promisify(execFile)(depcruise, [...present, '--config', config, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

test('the tree keeps every import rule', async () => {
  const found = await violations(root, ['server', 'widget', 'shared', 'simulators']);
  assert.deepEqual(
    found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    [],
  );
});

test('a tree that breaks the rules is refused, each break by its rule', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goq-rules-'));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler' } }),
    'widget/panel/panel.ts': "import { find } from '../../server/orders/orders.repository.ts';\nexport const panel = find;\n",
    'server/orders/orders.repository.ts': "import { rule } from './orders.service.ts';\nexport const find = () => rule;\n",
    'server/orders/orders.service.ts': "import { find } from './orders.repository.ts';\nexport const rule = 1;\nexport const again = find;\n",
    'server/malls/rakuten/client.ts': "import { answer } from '../../../simulators/rakuten/api.ts';\nexport const client = answer;\n",
    'simulators/rakuten/api.ts': 'export const answer = 1;\n',
  };
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const names = new Set((await violations(dir, ['server', 'widget', 'shared', 'simulators'])).map((v) => v.rule.name));
    for (const rule of ['widget-not-to-server', 'repository-not-up', 'no-circular', 'server-not-to-simulators']) {
      assert.ok(names.has(rule), `expected ${rule} among ${[...names].join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
