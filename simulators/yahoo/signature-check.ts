/**
 * The simulator's side of the public-key header: decrypt X-sws-signature with the store's private key and
 * check "<sellerId>:<unixSeconds>". Node 20 refuses privateDecrypt with RSA_PKCS1_PADDING (CVE-2023-46809,
 * the Marvin attack), so the block is decrypted raw (RSA_NO_PADDING) and the PKCS#1 v1.5 type-2 padding is
 * removed here. A simulator does not need constant-time unpadding.
 */
import { constants, privateDecrypt, type KeyObject } from 'node:crypto';

/** Strips EME-PKCS1-v1_5 padding: 0x00 0x02 <at least 8 non-zero bytes> 0x00 <message>. */
export function unpadPkcs1Type2(block: Buffer): Buffer | null {
  if (block.length < 11 || block[0] !== 0x00 || block[1] !== 0x02) return null;
  const separator = block.indexOf(0x00, 2);
  if (separator < 0 || separator < 10) return null;
  return block.subarray(separator + 1);
}

export type SignatureVerdict =
  | { ok: true; sellerId: string; unixSeconds: number }
  | { ok: false; reason: 'missing' | 'undecryptable' | 'malformed' | 'wrong_seller' | 'clock_skew' | 'unknown_version' };

export interface SignatureCheck {
  signature: string | null;
  version: string | null;
  /** key versions the store has 有効, with their private keys */
  keys: ReadonlyMap<string, KeyObject>;
  expectedSellerId: string;
  nowSeconds: number;
  skewSeconds: number;
}

export function checkSignature(check: SignatureCheck): SignatureVerdict {
  if (!check.signature || !check.version) return { ok: false, reason: 'missing' };
  const key = check.keys.get(check.version);
  if (!key) return { ok: false, reason: 'unknown_version' };
  let plain: Buffer | null;
  try {
    const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(check.signature, 'base64'));
    plain = unpadPkcs1Type2(block);
  } catch {
    return { ok: false, reason: 'undecryptable' };
  }
  if (!plain) return { ok: false, reason: 'undecryptable' };
  const match = /^(.+):(\d+)$/.exec(plain.toString('utf8'));
  if (!match) return { ok: false, reason: 'malformed' };
  const [, sellerId, seconds] = match;
  if (sellerId !== check.expectedSellerId) return { ok: false, reason: 'wrong_seller' };
  const unixSeconds = Number(seconds);
  if (Math.abs(unixSeconds - check.nowSeconds) > check.skewSeconds) return { ok: false, reason: 'clock_skew' };
  return { ok: true, sellerId, unixSeconds };
}
