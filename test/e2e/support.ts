/**
 * End-to-end set-up: the built dist/ (built here when missing), the real server on a free port with
 * a fresh SQLite database and the seeded demo shop, and Debian's Chromium driven by playwright-core.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/compose.ts';
import { chromiumLaunchOptions } from '../support/chromium.mjs';

export const distDir = resolve('dist');

export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(distDir, 'goq-inquiry.js'))) return;
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
}

export interface Demo {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'goq-e2e-'));
  const server = await startServer({
    dbUrl: join(dataDir, 'goq.sqlite'),
    port: 0,
    jwtSecret: 'e2e-secret-'.padEnd(40, 'x'),
    corsOrigins: [],
    distDir,
    // the demo shop from the seed, its pages and its token; no simulated malls
    demo: { malls: false },
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo of the enclosing describe: started (then `setup`) before its tests, closed after them.
 * The object it returns reads the running demo, so a suite writes `demo.server.url` as before.
 */
export function demoPerSuite(setup?: (demo: Demo) => Promise<void>): Demo {
  let started: Demo | undefined;
  before(async () => {
    started = await startDemo();
    await setup?.(started);
  });
  after(async () => {
    await started?.close();
  });
  const current = (): Demo => {
    if (!started) throw new Error('the demo is not running (demoPerSuite outside a describe, or its start failed)');
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get browser() {
      return current().browser;
    },
    close: () => current().close(),
  };
}

// Kept as source text: the test's own functions are compiled with helpers the page does not have.
const DEEP_TEXT = `globalThis.__goqDeepText = (root) => {
  let text = '';
  const walk = (n) => {
    if (n.nodeType === Node.TEXT_NODE) text += n.textContent ?? '';
    if (n.shadowRoot) n.shadowRoot.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}`;

/** What a user can read in an element, shadow roots included (innerText stops at the shadow boundary). */
export async function deepText(locator: import('playwright-core').Locator): Promise<string> {
  await locator.page().evaluate(DEEP_TEXT);
  return locator.evaluate((root) => (globalThis as unknown as { __goqDeepText(n: Node): string }).__goqDeepText(root));
}
