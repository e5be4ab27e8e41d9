/**
 * Security headers on every answer (API, demo pages, widget files) through Hono's secureHeaders:
 * a CSP that lets the demo pages load their scripts from this server and call it, nothing else;
 * `frame-ancestors` from GOQ_FRAME_ANCESTORS for hosts that frame the pages; nosniff; no referrer.
 * A header a route set itself (the attachment download's sandbox CSP) is kept.
 */
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

export interface SecurityHeadersOptions {
  /** CSP frame-ancestors sources (default `'self'`) */
  frameAncestors?: string[];
}

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const frameAncestors = options.frameAncestors && options.frameAncestors.length > 0 ? options.frameAncestors : ["'self'"];
  const framedBySelfOnly = frameAncestors.length === 1 && frameAncestors[0] === "'self'";
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // the demo pages' one inline module script carries the per-request nonce (c.get('secureHeadersNonce'))
      scriptSrc: ["'self'", NONCE],
      // Lit falls back to <style> elements; the demo page frame has an inline <style>
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors,
    },
    // X-Frame-Options cannot name other hosts: only sent when the pages are framed by this origin alone
    xFrameOptions: framedBySelfOnly ? 'SAMEORIGIN' : false,
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // the widget scripts are loaded by host pages on other origins
    crossOriginResourcePolicy: false,
    // the API answers cross-origin callers; popups are none of its concern
    crossOriginOpenerPolicy: false,
    overwrite: false,
  });
}
