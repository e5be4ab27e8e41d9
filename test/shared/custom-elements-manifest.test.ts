/**
 * The Custom Elements Manifest documents every public surface of every element: the analyzer runs on
 * widget/ as `npm run build` runs it, and each element's manifest entry is compared with what its
 * source actually uses — `part="…"`/`exportparts` in its templates, `--goq-*` in its styles, its
 * `@property` fields and the `goq-*` events it emits. Something used but undocumented fails here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve(import.meta.dirname, '../..');

interface Item {
  name: string;
  description?: string;
  summary?: string;
  attribute?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

function analyzer(): string {
  const bin = process.env.CEM_BIN ?? join(root, 'node_modules/.bin/cem');
  assert.ok(existsSync(bin), `the analyzer is missing (${bin}): install the devDependency @custom-elements-manifest/analyzer`);
  return bin;
}

function buildManifest(): Manifest {
  const out = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    // the analyzer joins --outdir to the working directory
    execFileSync(analyzer(), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, out)], { cwd: root, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const documented = (items: Item[] | undefined) => new Set((items ?? []).filter((i) => (i.description ?? i.summary ?? '').trim()).map((i) => i.name));

/** The element's module and every widget module it imports (not type-only), stopping at other elements' modules. */
function sourceSet(module: string, elementModules: Set<string>): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(join(root, file))) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)';|^import '(\.[^']+)';/gm)) {
      const target = relative(root, resolve(root, dirname(file), m[1] ?? m[2]!));
      if (target.startsWith('widget/') && !elementModules.has(target) && !target.endsWith('/index.ts')) visit(target);
    }
  };
  visit(module);
  return [...seen];
}

export function usedSurface(files: string[]) {
  const parts = new Set<string>();
  const properties = new Set<string>();
  const events = new Set<string>();
  const fields = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/\bpart="([^"]*)"|\bpart=\$\{([^}]*)\}|exportparts="([^"]*)"/g)) {
      const raw = m[1] ?? m[3] ?? [...(m[2] ?? '').matchAll(/'([^']*)'/g)].map((q) => q[1]).join(' ');
      for (const name of raw.split(/[\s,]+/)) if (name) parts.add(name);
    }
    for (const m of text.matchAll(/var\((--goq-[a-z0-9-]+)/g)) properties.add(m[1]!);
    for (const line of text.split('\n')) {
      if (line.includes('emit(')) for (const m of line.matchAll(/'(goq-[a-z-]+)'/g)) events.add(m[1]!);
    }
    for (const m of text.matchAll(/@property\([^)]*\)\s+(?:override\s+)?(\w+)/g)) fields.add(m[1]!);
  }
  return { parts, properties, events, fields };
}

/** Every public thing the element's source uses that its manifest entry leaves undocumented. */
export function undocumented(declaration: Declaration, files: string[]): string[] {
  const used = usedSurface(files);
  const problems: string[] = [];
  const parts = documented(declaration.cssParts);
  for (const part of used.parts) {
    // a part named from data (`message-${message.sender}`) needs at least one documented name of its shape
    const shape = part.includes('${') ? new RegExp(`^${part.replace(/\$\{[^}]*\}/g, '.+')}$`) : null;
    const ok = shape ? [...parts].some((p) => shape.test(p)) : parts.has(part);
    if (!ok) problems.push(`part "${part}"`);
  }
  const properties = documented(declaration.cssProperties);
  for (const property of used.properties) if (!properties.has(property)) problems.push(`custom property ${property}`);
  const events = documented(declaration.events);
  for (const event of used.events) if (!events.has(event)) problems.push(`event ${event}`);
  const members = documented(declaration.members);
  const attributes = documented(declaration.attributes);
  for (const field of used.fields) {
    if (!members.has(field)) problems.push(`property ${field}`);
    const attribute = declaration.attributes?.find((a) => (a as { fieldName?: string }).fieldName === field);
    if (attribute && !attributes.has(attribute.name)) problems.push(`attribute ${attribute.name}`);
  }
  for (const attribute of declaration.attributes ?? []) if (!attributes.has(attribute.name)) problems.push(`attribute ${attribute.name}`);
  if (!declaration.summary?.trim()) problems.push('@summary');
  return [...new Set(problems)];
}

test('custom-elements.json documents every public attribute, property, event, part and custom property', () => {
  const manifest = buildManifest();
  const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ module: m.path, d })));
  const tags = elements.map((e) => e.d.tagName).sort();
  assert.deepEqual(tags, ['goq-inquiry-config', 'goq-inquiry-inbox', 'goq-inquiry-panel', 'goq-reply-composer', 'goq-shop-settings', 'goq-template-admin', 'goq-thread']);
  const elementModules = new Set(elements.map((e) => e.module));
  const report: string[] = [];
  for (const { module, d } of elements) {
    // the base class's fields (api-base, token, lang) are documented once there and inherited
    const files = [...sourceSet(module, elementModules), ...(module === 'widget/core/config.ts' ? [] : ['widget/core/goq-element.ts'])];
    for (const problem of undocumented(d, [...new Set(files)])) report.push(`<${d.tagName}> ${problem} is not documented`);
  }
  assert.deepEqual(report, []);
});
