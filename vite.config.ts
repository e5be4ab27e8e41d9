/**
 * `vite build` makes dist/ the installable package @goq/inquiry-widgets (docs/embedding.md):
 * - one ES module per element, content-hashed under dist/chunks/ with the chunks they share (Lit, the
 *   widget core), minified; .vite/manifest.json tells which chunks each entry loads;
 * - beside them, a stable name per element (panel.js, inbox.js, …, loader.js) re-exporting its hashed
 *   module: what `<script type="module">` and the package's `exports` point at;
 * - goq-inquiry.js, the loader for a plain `<script src>` (IIFE, a few hundred bytes): it imports an
 *   element's hashed module the first time the tag appears; built right after the modules, which it names;
 * - package.json (exports) and, from `npm run build`, the .d.ts types (scripts/build-types.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = `${root}dist`;

export const ELEMENT_ENTRIES = {
  panel: `${root}widget/panel/index.ts`,
  inbox: `${root}widget/inbox/index.ts`,
  // also fetched by the inbox when it first opens an inquiry
  'reply-composer': `${root}widget/reply-composer/index.ts`,
  'template-admin': `${root}widget/template-admin/index.ts`,
  'shop-settings': `${root}widget/shop-settings/index.ts`,
  config: `${root}widget/config/index.ts`,
  thread: `${root}widget/thread/index.ts`,
  loader: `${root}widget/loader-module.ts`,
};

/** Which entry defines each tag: the loader's map (widget/loader-module.ts says the same for bundlers). */
export const TAG_ENTRIES: Record<string, keyof typeof ELEMENT_ENTRIES> = {
  'goq-inquiry-config': 'config',
  'goq-thread': 'thread',
  'goq-inquiry-panel': 'panel',
  'goq-inquiry-inbox': 'inbox',
  'goq-reply-composer': 'reply-composer',
  'goq-template-admin': 'template-admin',
  'goq-shop-settings': 'shop-settings',
};

/** The package dist/ is: its name, and what a host's bundler may import. */
export const PACKAGE_NAME = '@goq/inquiry-widgets';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * Lit's css`` and html`` templates are strings to a minifier, so their indentation would ship.
 * Collapse it: CSS to a single line, HTML whitespace runs that hold a line break to one line break
 * (the same rendering, pre-wrap included, minus the indentation).
 */
function minifyLitTemplates(): Plugin {
  const collapseCss = (raw: string) =>
    raw
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  const collapseHtml = (raw: string) => raw.replace(/\s*\n\s*/g, '\n');
  return {
    name: 'goq-minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/widget/') || (!code.includes('html`') && !code.includes('css`'))) return null;
      const edits: Array<[number, number, string]> = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Node;
        if (n.type === 'TaggedTemplateExpression') {
          const tag = n.tag as Node & { name?: string };
          const collapse = tag.type === 'Identifier' ? (tag.name === 'css' ? collapseCss : tag.name === 'html' ? collapseHtml : null) : null;
          if (collapse) {
            for (const quasi of (n.quasi as { quasis: Array<Node & { value: { raw: string } }> }).quasis) {
              // only where the parser's offsets point at exactly the raw text
              if (code.slice(quasi.start, quasi.end) === quasi.value.raw) {
                edits.push([quasi.start, quasi.end, collapse(quasi.value.raw)]);
              }
            }
          }
        }
        for (const key of Object.keys(n)) if (key !== 'type' && key !== 'start' && key !== 'end') visit(n[key]);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * Once the modules are written: the stable names re-exporting the hashed entries, package.json, and
 * the script-tag loader told which hashed file defines each tag.
 */
function scriptTagLoader(): Plugin {
  // beside the modules, wherever the build was told to write them
  let target = outDir;
  const entryFiles = new Map<string, string>();
  return {
    name: 'goq-script-tag-loader',
    apply: 'build',
    configResolved(config) {
      target = resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) entryFiles.set(chunk.name, chunk.fileName);
    },
    async closeBundle() {
      const exportsField: Record<string, unknown> = { './package.json': './package.json', './custom-elements.json': './custom-elements.json' };
      for (const name of Object.keys(ELEMENT_ENTRIES)) {
        const file = entryFiles.get(name);
        if (!file) throw new Error(`entry ${name} was not built`);
        writeFileSync(join(target, `${name}.js`), `export * from './${file}';\n`);
        const types = name === 'loader' ? './types/widget/loader-module.d.ts' : `./types/widget/${name}/index.d.ts`;
        exportsField[`./${name}`] = { types, default: `./${name}.js` };
      }
      exportsField['./goq-inquiry.js'] = './goq-inquiry.js';
      const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
      const pkg = {
        name: PACKAGE_NAME,
        version: own.version,
        description: 'GoQ inquiry widgets: custom elements for mall inquiries (Rakuten Ichiba, Yahoo! Shopping) in a back office.',
        type: 'module',
        exports: exportsField,
        // the modules run on their own (Lit is bundled in); these are for the types
        dependencies: { lit: own.dependencies.lit, '@lit/task': own.dependencies['@lit/task'] },
        customElements: './custom-elements.json',
        // the build's manifest (.vite/) stays out of the package
        files: ['*.js', 'chunks/', 'types/', 'custom-elements.json'],
        sideEffects: true,
      };
      writeFileSync(join(target, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      const files = Object.fromEntries(Object.entries(TAG_ENTRIES).map(([tag, entry]) => [tag, `./${entryFiles.get(entry)}`]));
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        define: { __GOQ_ELEMENT_FILES__: JSON.stringify(files) },
        build: {
          outDir: target,
          emptyOutDir: false,
          minify: true,
          target: 'es2022',
          copyPublicDir: false,
          lib: {
            entry: `${root}widget/loader-script.ts`,
            name: 'GoqInquiry',
            formats: ['iife'],
            fileName: () => 'goq-inquiry.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [minifyLitTemplates(), scriptTagLoader()],
  build: {
    outDir,
    emptyOutDir: true,
    minify: true,
    target: 'es2022',
    manifest: true,
    lib: {
      entry: ELEMENT_ENTRIES,
      formats: ['es'],
    },
    rolldownOptions: {
      output: {
        // library mode keeps ES output readable; these files ship, so minify them explicitly
        minify: true,
        entryFileNames: 'chunks/[name]-[hash].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lit (without its directives and decorators) and the widget core in one shared chunk: fewer, better-compressed requests.
        // Decorators and @lit/task stay out: the order-detail page's panel uses neither. English catalogues (*.en.ts) stay
        // out too: they load on demand, only for lang="en".
        codeSplitting: {
          groups: [
            {
              name: 'goq-core',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/](?!.*directive)(?!.*decorators)|widget[\\/](?!.*\.en\.ts)(core[\\/](?!i18n[\\/](problems\.|mall-errors)|token\.ts|task\.ts|decorators\.ts)|thread[\\/]|config[\\/])|shared[\\/]mall-display/,
            },
            // The decorator helper, the token's claims and the API's constants: small, and loaded together by the inbox
            // and the settings (the panel uses none of them), so one request instead of three.
            {
              name: 'goq-shared',
              test: /helpers[\\/]esm[\\/]decorate\.js|widget[\\/]core[\\/]token\.ts|shared[\\/]api\.ts/,
            },
          ],
        },
      },
    },
  },
});
