/**
 * Settings from the environment, in one place (documented in docs/server.md).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MallEndpoints } from './malls/accounts/mall-client-factory.ts';
import { loadOrCreateSecretKey, parseSecretKey } from './malls/credentials-crypto.ts';
import type { DemoMallsOptions } from './malls/demo-malls.ts';
import type { MallSideConfig } from './malls/mall-side.ts';
import { rakutenSettingsFromEnv } from './malls/rakuten/settings.ts';

export interface ServerConfig {
  /** HS256 secret shared with the host app */
  jwtSecret: string;
  /** origins allowed to call the API from a browser; the server's own origin needs none */
  corsOrigins: string[];
  /** GOQ_JWT_MAX_AGE: the furthest a token's `exp` may lie ahead, in seconds (default 24 h) */
  jwtMaxAgeSeconds?: number;
  /** GOQ_FRAME_ANCESTORS: who may frame the pages (CSP frame-ancestors; default 'self') */
  frameAncestors?: string[];
  /** the one shop whose tokens may outlive jwtMaxAgeSeconds: the demo shop, set only in demo mode */
  maxAgeExemptShop?: string;
}

export interface EnvConfig extends ServerConfig {
  dataDir: string;
  /** a file path (SQLite) or postgres:// URL */
  dbUrl: string;
  port: number;
  host: string;
  /** where the built widget files are */
  distDir: string;
  malls: MallSideConfig;
  /** GOQ_LOG_LEVEL: info by default; `silent` turns the JSON log off */
  logLevel: string;
  /** demo mode (the simulated malls and the demo shop); null: production mode */
  demo: { malls: DemoMallsOptions } | null;
}

export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/** Seconds, a positive integer; unset means 24 hours. */
export function parseMaxAge(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 24 * 3600;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`GOQ_JWT_MAX_AGE is not a number of seconds: ${text}`);
  return seconds;
}

/** Space- or comma-separated CSP sources (`'self'`, `https://host.example`); unset means `'self'`. */
export function parseFrameAncestors(text: string | undefined): string[] {
  const sources = (text ?? '').split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (/[;'"]/.test(source.replace(/^'(self|none)'$/, ''))) throw new Error(`GOQ_FRAME_ANCESTORS has an invalid source: ${source}`);
  }
  return sources.length > 0 ? sources : ["'self'"];
}

/** GOQ_JWT_SECRET, or one generated once and kept in the data folder (mode 600). */
export function loadOrCreateSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv && fromEnv.length > 0) return fromEnv;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim();
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const dataDir = resolve(env.GOQ_DATA_DIR ?? './data');
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    dataDir,
    dbUrl: env.GOQ_DB_URL && env.GOQ_DB_URL.length > 0 ? env.GOQ_DB_URL : join(dataDir, 'goq.sqlite'),
    port,
    host: env.HOST ?? '127.0.0.1',
    jwtSecret: loadOrCreateSecret(dataDir, env.GOQ_JWT_SECRET),
    corsOrigins: parseOrigins(env.GOQ_CORS_ORIGINS),
    jwtMaxAgeSeconds: parseMaxAge(env.GOQ_JWT_MAX_AGE),
    frameAncestors: parseFrameAncestors(env.GOQ_FRAME_ANCESTORS),
    distDir: resolve(env.GOQ_DIST_DIR ?? './dist'),
    malls: mallSideConfigFromEnv(dataDir, env),
    logLevel: parseLogLevel(env.GOQ_LOG_LEVEL),
    demo: isDemoMode(env)
      ? {
          malls: {
            rakutenPort: Number(env.GOQ_SIM_RAKUTEN_PORT ?? 8788),
            yahooPort: Number(env.GOQ_SIM_YAHOO_PORT ?? 8789),
            generateEveryMs: Number(env.GOQ_DEMO_GENERATE_MS ?? 120_000),
          },
        }
      : null,
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function parseLogLevel(text: string | undefined): string {
  if (!text) return 'info';
  if (!LOG_LEVELS.includes(text)) throw new Error(`GOQ_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return text;
}

/** Demo mode unless GOQ_DEMO=0 or a real mall's base URL is configured. */
export function isDemoMode(env: NodeJS.ProcessEnv): boolean {
  const realMalls = Boolean(env.GOQ_RAKUTEN_BASE_URL || env.GOQ_RAKUTEN_LICENSE_BASE_URL || env.GOQ_YAHOO_BASE_URL || env.GOQ_YAHOO_AUTH_BASE_URL);
  return env.GOQ_DEMO !== '0' && !realMalls;
}

/** The mall side's configuration: the credentials key, the malls' base URLs, the sync interval and the call spacing. */
export function mallSideConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): MallSideConfig {
  const intervalMs = env.GOQ_SYNC_INTERVAL_MS ? Number(env.GOQ_SYNC_INTERVAL_MS) : undefined;
  if (intervalMs !== undefined && !(Number.isFinite(intervalMs) && intervalMs >= 1000)) {
    throw new Error('GOQ_SYNC_INTERVAL_MS must be a number of milliseconds, at least 1000');
  }
  const minIntervalMs = env.GOQ_MALL_MIN_INTERVAL_MS ? Number(env.GOQ_MALL_MIN_INTERVAL_MS) : undefined;
  if (minIntervalMs !== undefined && !(Number.isFinite(minIntervalMs) && minIntervalMs >= 0)) {
    throw new Error('GOQ_MALL_MIN_INTERVAL_MS must be a number of milliseconds');
  }
  return {
    secretKey: env.GOQ_SECRET_KEY ? parseSecretKey(env.GOQ_SECRET_KEY) : loadOrCreateSecretKey(dataDir, env),
    endpoints: loadMallEnvConfig(env),
    minIntervalMs,
    sync: intervalMs !== undefined ? { intervalMs } : {},
  };
}

/**
 * Where and how the mall clients call the malls: GOQ_RAKUTEN_BASE_URL, GOQ_RAKUTEN_LICENSE_BASE_URL,
 * GOQ_YAHOO_BASE_URL, GOQ_YAHOO_AUTH_BASE_URL, GOQ_MALL_TIMEOUT_MS and the GOQ_RAKUTEN_* settings.
 * The clients never read the environment themselves.
 */
export function loadMallEnvConfig(env: NodeJS.ProcessEnv = process.env): MallEndpoints {
  return {
    rakutenBaseUrl: env.GOQ_RAKUTEN_BASE_URL || undefined,
    rakutenLicenseBaseUrl: env.GOQ_RAKUTEN_LICENSE_BASE_URL || undefined,
    yahooBaseUrl: env.GOQ_YAHOO_BASE_URL || undefined,
    yahooAuthBaseUrl: env.GOQ_YAHOO_AUTH_BASE_URL || undefined,
    timeoutMs: env.GOQ_MALL_TIMEOUT_MS ? Number(env.GOQ_MALL_TIMEOUT_MS) : undefined,
    rakutenSettings: rakutenSettingsFromEnv(env),
  };
}
