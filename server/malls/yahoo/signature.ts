/**
 * The public-key header of the order and inquiry APIs (malls/yahoo.md §2.3): RSA PKCS#1 v1.5 *encryption*
 * of "<sellerId>:<unixSeconds>" with the store's public key, Base64. Random padding makes every value
 * different, so it is built fresh for every request.
 */
import { constants, publicEncrypt } from 'node:crypto';

export function swsSignature(publicKeyPem: string, sellerId: string, unixSeconds: number): string {
  const plain = Buffer.from(`${sellerId}:${Math.floor(unixSeconds)}`, 'utf8');
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, plain).toString('base64');
}
