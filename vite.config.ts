/**
 * `vite build` makes two deliveries in dist/:
 * - one ES module per element (panel.js, inbox.js, template-admin.js, config.js, thread.js) plus shared
 *   chunks under dist/chunks/, minified, with .vite/manifest.json telling which chunks each entry loads;
 * - goq-inquiry.js: one self-contained, minified file for a plain `<script src>` (IIFE, Lit included),
 *   built right after the modules by a nested build.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = `${root}dist`;

export const ELEMENT_ENTRIES = {
  panel: `${root}widget/panel/index.ts`,
  inbox: `${root}widget/inbox/index.ts`,
  'template-admin': `${root}widget/template-admin/index.ts`,
  config: `${root}widget/config/index.ts`,
  thread: `${root}widget/thread/index.ts`,
};

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

/** The script-tag bundle, built once the module build has finished. */
function scriptTagBundle(): Plugin {
  // beside the modules, wherever the build was told to write them
  let target = outDir;
  return {
    name: 'goq-script-tag-bundle',
    apply: 'build',
    configResolved(config) {
      target = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [minifyLitTemplates()],
        // a classic script has no import.meta: widget/core/config.ts uses document.currentScript there
        define: { 'import.meta.url': 'undefined' },
        build: {
          outDir: target,
          emptyOutDir: false,
          minify: true,
          target: 'es2022',
          copyPublicDir: false,
          lib: {
            entry: `${root}widget/goq-inquiry.ts`,
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
  plugins: [minifyLitTemplates(), scriptTagBundle()],
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
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lit (without its directives), @lit/task and the widget core in one shared chunk: fewer, better-compressed requests.
        // The @query decorator stays out: the panel does not use it.
        codeSplitting: {
          groups: [
            {
              name: 'goq-core',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/](?!.*directive)(?!.*decorators[\\/]query\.js)|widget[\\/]core[\\/](?!i18n[\\/]problems\.|token\.ts)/,
            },
          ],
        },
      },
    },
  },
});
