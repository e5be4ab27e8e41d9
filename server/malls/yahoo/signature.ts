/**
 * The public-key header of the order and inquiry APIs (malls/yahoo.md §2.3): RSA PKCS#1 v1.5 *encryption*
 * of "<sellerId>:<unixSeconds>" with the store's public key, Base64. Random padding makes every value
 * different, so it is built fresh for every request.
 */
import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';

// Parsing the PEM costs several times the encryption itself, and every call signs: keep each key parsed.
const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 1000;

function publicKeyOf(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (parsedKeys.size >= MAX_PARSED_KEYS) parsedKeys.delete(parsedKeys.keys().next().value!);
    parsedKeys.set(pem, key);
  }
  return key;
}

export function swsSignature(publicKeyPem: string, sellerId: string, unixSeconds: number): string {
  const plain = Buffer.from(`${sellerId}:${Math.floor(unixSeconds)}`, 'utf8');
  return publicEncrypt({ key: publicKeyOf(publicKeyPem), padding: constants.RSA_PKCS1_PADDING }, plain).toString('base64');
}
