/**
 * Runs the inbox's browser tests alone: `npx web-test-runner --config test/widget/inbox/web-test-runner.config.mjs`.
 * Real Chromium (Debian's), the real server and database through inboxServerPlugin (and the shared
 * goqServerPlugin, whose fault-injecting proxy makes the error states reachable).
 */
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { goqServerPlugin } from '../support/goq-server-plugin.mjs';
import { inboxServerPlugin } from './inbox-server-plugin.mjs';
import { chromiumLaunchOptions } from '../../support/chromium.mjs';

export default {
  rootDir: fileURLToPath(new URL('../../..', import.meta.url)),
  files: [fileURLToPath(new URL('./**/*.test.ts', import.meta.url))],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) }), goqServerPlugin(), inboxServerPlugin()],
};
