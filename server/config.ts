/**
 * Settings from the environment, in one place (documented in docs/server.md).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MallEndpoints } from './malls/accounts/mall-client-factory.ts';
import { rakutenSettingsFromEnv } from './malls/rakuten/settings.ts';

export interface ServerConfig {
  /** HS256 secret shared with the host app */
  jwtSecret: string;
  /** origins allowed to call the API from a browser; the server's own origin needs none */
  corsOrigins: string[];
}

export interface EnvConfig extends ServerConfig {
  dataDir: string;
  /** a file path (SQLite) or postgres:// URL */
  dbUrl: string;
  port: number;
  host: string;
  /** where the built widget files are */
  distDir: string;
}

export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
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
    distDir: resolve(env.GOQ_DIST_DIR ?? './dist'),
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
