/**
 * The server as JavaScript for production: `vite build --config vite.server.config.ts` emits
 * dist/server/main.js (an SSR build of server/main.ts; every package in node_modules stays an import),
 * which `node dist/server/main.js` runs without a TypeScript loader. Run by `npm run build` after the
 * widget build (which empties dist/ first).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: `${root}server/main.ts`,
    outDir: `${root}dist/server`,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
  },
  ssr: { target: 'node' },
});
