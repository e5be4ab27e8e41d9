/**
 * Server instances as operators run them: the production build started as `npm run start:prod`
 * starts it (`node <its V8 flags> dist/server/main.js`, no TypeScript loader; docs/operations.md),
 * configured by environment variables only, each in a process of its own on a free port. The build
 * is made first when dist/server is missing or older than the server's sources.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SERVER_BUILD = join(ROOT, 'dist/server/main.js');

/** The node options of the production start, read from package.json's `start:prod` (one place). */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /^node((?:\s+--\S+)*)\s+dist\/server\/main\.js$/.exec(pkg.scripts['start:prod'] ?? '');
  if (!m) throw new Error(`package.json's start:prod is not "node [--flags] dist/server/main.js": ${pkg.scripts['start:prod']}`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/server/main.js unless it is newer than every source it is built from. */
export function ensureServerBuild(): void {
  const sources = Math.max(newestSource(join(ROOT, 'server')), newestSource(join(ROOT, 'shared')), newestSource(join(ROOT, 'simulators')));
  if (existsSync(SERVER_BUILD) && statSync(SERVER_BUILD).mtimeMs > sources) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.server.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 180_000,
  });
  if (built.status !== 0) throw new Error('the server build failed');
}

export interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  /** the lease holder id it logged at start */
  holder: string;
  /** every stdout line so far */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node <production flags> dist/server/main.js` with `env` (plus a data folder of its own and
 * PORT=0); resolves when it logged its start (GOQ_LOG_LEVEL must let `info` through).
 */
export async function startInstance(name: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Instance> {
  const child = spawn(process.execPath, [...productionNodeFlags(), SERVER_BUILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, GOQ_DATA_DIR: mkdtempSync(join(tmpdir(), `goq-${name}-`)), PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  const started = new Promise<{ port: number; holder: string }>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { event?: string; port?: number; holder?: string };
      if (entry.event === 'start') {
        clearTimeout(timer);
        resolveStart({ port: entry.port!, holder: entry.holder! });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it started`));
    });
  });
  let port: number;
  let holder: string;
  try {
    ({ port, holder } = await started);
  } catch (error) {
    // never leave a process behind that did not come up
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return { name, child, url: `http://127.0.0.1:${port}`, holder, lines, exited };
}

/** Starts several instances at once (the migrations race); if one fails, the others are stopped too. */
export async function startInstances(names: string[], env: NodeJS.ProcessEnv): Promise<Instance[]> {
  const settled = await Promise.allSettled(names.map((name) => startInstance(name, env)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (!failed) return settled.map((s) => (s as PromiseFulfilledResult<Instance>).value);
  for (const s of settled) {
    if (s.status === 'fulfilled') {
      s.value.child.kill('SIGKILL');
      await s.value.exited;
    }
  }
  throw (failed as PromiseRejectedResult).reason;
}

/** Polls `check` until it is truthy or `timeoutMs` passes; returns its last value. */
export async function waitFor<T>(check: () => Promise<T>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
