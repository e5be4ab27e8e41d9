/** Reads a JWT's claims without verifying it (the server verifies; the browser only needs `shop` and `staff`). */
export interface TokenClaims {
  shop?: string;
  staff?: string;
  exp?: number;
  [claim: string]: unknown;
}

export function decodeTokenClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : {};
  } catch {
    return {};
  }
}
