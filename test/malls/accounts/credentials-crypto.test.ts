/** Credentials at rest: the key's forms, sealing, and refusal of a wrong key or a tampered blob. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CredentialsKeyError, loadOrCreateSecretKey, openCredentials, parseSecretKey, sealCredentials } from '../../../server/malls/credentials-crypto.ts';

test('GOQ_SECRET_KEY is 32 bytes as base64 or hex; anything else is refused without echoing it', () => {
  const key = randomBytes(32);
  assert.deepEqual(parseSecretKey(key.toString('base64')), key);
  assert.deepEqual(parseSecretKey(key.toString('hex')), key);
  assert.deepEqual(parseSecretKey(key.toString('base64url')), key);
  for (const bad of ['short', randomBytes(16).toString('base64'), 'z'.repeat(64)]) {
    assert.throws(() => parseSecretKey(bad), (error: Error) => error instanceof CredentialsKeyError && !error.message.includes(bad));
  }
});

test('sealed credentials open with the same key only, and a changed byte is detected', () => {
  const key = randomBytes(32);
  const value = { serviceSecret: 'SP-secret-value', licenseKey: 'SL-licence-value' };
  const sealed = sealCredentials(key, value);
  assert.equal(sealed.indexOf('SP-secret-value'), -1);
  assert.notDeepEqual(sealCredentials(key, value), sealed, 'a fresh IV each time');
  assert.deepEqual(openCredentials(key, sealed), value);
  assert.throws(() => openCredentials(randomBytes(32), sealed), CredentialsKeyError);
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1] ^= 1;
  assert.throws(() => openCredentials(key, tampered), CredentialsKeyError);
});

test('without GOQ_SECRET_KEY a key is generated once and kept in the data folder (mode 600)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goq-key-'));
  try {
    const first = loadOrCreateSecretKey(dir, {});
    const again = loadOrCreateSecretKey(dir, {});
    assert.deepEqual(again, first);
    assert.equal(statSync(join(dir, 'secret-key')).mode & 0o777, 0o600);
    assert.equal(parseSecretKey(readFileSync(join(dir, 'secret-key'), 'utf8')).length, 32);
    const fromEnv = randomBytes(32);
    assert.deepEqual(loadOrCreateSecretKey(dir, { GOQ_SECRET_KEY: fromEnv.toString('hex') }), fromEnv);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
