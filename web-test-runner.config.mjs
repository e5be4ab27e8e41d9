/**
 * Browser tests of every element: `npx web-test-runner --config web-test-runner.config.mjs`.
 * Real Chromium (Debian's), the real server and database (started by the plugins below), TypeScript
 * through esbuild with the project's tsconfig (its decorator settings). The last line printed is
 * `N passed, N failed`. One folder's tests alone: add `--files` with a glob of them (docs/embedding.md).
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { goqServerPlugin } from './test/widget/support/goq-server-plugin.mjs';
import { inboxServerPlugin } from './test/widget/inbox/inbox-server-plugin.mjs';
import { settingsServerPlugin } from './test/widget/shop-settings/settings-server-plugin.mjs';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';

/** Prints the totals alone on the last line, for CI and test/run-all.sh. */
function countReporter() {
  let passed = 0;
  let failed = 0;
  const count = (suite) => {
    for (const test of suite.tests) {
      if (test.skipped) continue;
      if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite.suites) count(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // a file that failed to load has no results: count it as a failure
        else if (!session.passed) failed++;
      }
    },
    stop() {
      // after the default reporter's own closing lines
      process.once('exit', () => console.log(`${passed} passed, ${failed} failed`));
    },
  };
}

export default {
  rootDir: '.',
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
      // the template admin's [コピー] writes to the clipboard; tests read it back
      async createPage({ context, config }) {
        for (const host of ['localhost', '127.0.0.1']) {
          await context.overridePermissions(`http://${host}:${config.port}`, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        }
        return context.newPage();
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), goqServerPlugin(), inboxServerPlugin(), settingsServerPlugin()],
  reporters: [defaultReporter(), countReporter()],
};
