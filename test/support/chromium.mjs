/**
 * Debian's Chromium as every browser check launches it (web-test-runner, the end-to-end tests,
 * scripts). As root it needs --no-sandbox; the other flags keep it from reaching for the internet,
 * which these machines cannot (TOOLCHAIN.md).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless launch options in the shape both puppeteer (chromeLauncher) and playwright-core take; a fresh object each call. */
export function chromiumLaunchOptions() {
  return { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] };
}
