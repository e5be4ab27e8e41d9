/**
 * Mall credentials at rest: AES-256-GCM under a key from configuration (GOQ_SECRET_KEY, 32 bytes as
 * base64 or hex). The sealed form is `version(1) | iv(12) | tag(16) | ciphertext`, so a key or
 * algorithm change later can be told apart. Nothing here ever logs or echoes a secret: error
 * messages name what went wrong, never the value.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE = 'secret-key';

export class CredentialsKeyError extends Error {
  override name = 'CredentialsKeyError';
}

/** A 32-byte key from its base64 (standard or url-safe) or 64-digit hex text. */
export function parseSecretKey(text: string): Buffer {
  const value = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new CredentialsKeyError('GOQ_SECRET_KEY must be 32 bytes, written as base64 or 64 hex digits');
  }
  return key;
}

/**
 * The key for `npm start`: GOQ_SECRET_KEY when set, else the one kept in the data folder, else a new
 * one written there (mode 600) so credentials stay readable across restarts.
 */
export function loadOrCreateSecretKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  if (env.GOQ_SECRET_KEY) return parseSecretKey(env.GOQ_SECRET_KEY);
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) return parseSecretKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** Encrypts and authenticates a JSON-serialisable value. */
export function sealCredentials(key: Buffer, value: unknown): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts what sealCredentials wrote; a wrong key or a tampered blob throws without detail. */
export function openCredentials<T = unknown>(key: Buffer, sealed: Uint8Array): T {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== VERSION) {
    throw new CredentialsKeyError('stored credentials are not in a known format');
  }
  const iv = data.subarray(1, 1 + IV_BYTES);
  const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const ciphertext = data.subarray(1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  } catch {
    throw new CredentialsKeyError('stored credentials cannot be decrypted with the configured GOQ_SECRET_KEY');
  }
}
