/**
 * What the sync engine and the outbox ask of a mall, whichever mall it is. rakuten/client.ts and
 * yahoo/client.ts implement it over the malls' wire formats; everything past this interface speaks
 * the product's own model (mall-model.ts).
 */
import type { Mall } from '../../shared/api.ts';
import type { MallAttachment, MallInquiry } from './mall-model.ts';

export interface UploadFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface CredentialFacts {
  /** Rakuten: the licence key's expiry; Yahoo!: the refresh token's expiry (null when unknown) */
  credentialExpiresAt: Date | null;
}

export interface ListOptions {
  /**
   * Awaited before each call the listing makes (a page; a Yahoo! topic): the caller may make calls of
   * its own through the account's gate meanwhile (a sync run fetches what a notification named).
   */
  beforeCall?: () => Promise<void>;
}

export interface MallClient {
  readonly mall: Mall;
  /**
   * Inquiries the mall lists for a period, each with its full thread, as far as the mall can filter:
   * Rakuten filters by creation date (regDate) in ≤31-day JST windows; Yahoo! by the customer's or the
   * shop's last post time. The client slices windows and pages by itself.
   */
  list(period: { from: Date; to: Date }, options?: ListOptions): AsyncIterable<MallInquiry>;
  /** One inquiry with its full thread; null when the mall does not know it. */
  get(mallInquiryId: string): Promise<MallInquiry | null>;
  downloadAttachment(attachment: MallAttachment): Promise<Uint8Array>;
  /** Uploads a file for a later reply; the returned attachment is what postReply takes. */
  uploadAttachment(mallInquiryId: string, file: UploadFile): Promise<MallAttachment>;
  /** Posts a shop reply. Never retried inside the client: a retry could post twice. */
  postReply(mallInquiryId: string, body: string, attachments: MallAttachment[]): Promise<{ mallMessageId: string | null }>;
  /**
   * Marks the inquiry completed at the mall. `shopHasReplied` lets a mall that completes differently
   * without a shop reply choose its way (Yahoo!: 通常完了 needs a store post, so 回答不要 is used then).
   */
  complete(mallInquiryId: string, context?: { shopHasReplied: boolean }): Promise<void>;
  /** Rakuten only; Yahoo! throws MallError kind 'rejected' (no reopen by the mall's rules). */
  reopen(mallInquiryId: string): Promise<void>;
  markRead(mallInquiryIds: string[]): Promise<void>;
  /** Checks the credentials against the mall (a cheap call) and reports their expiry. */
  checkCredentials(): Promise<CredentialFacts>;
}

/**
 * How a mall call failed, in the product's terms:
 * - auth: the mall refused the credentials (Rakuten 401 GA0001 covers wrong keys, an expired licence and a
 *   function not enabled in RMS; Yahoo! 401 invalid_token / px-04102)
 * - forbidden: Yahoo! 403 (IP not registered, daily cap, application not approved)
 * - rate_limited: too many calls; retry after `retryAfterMs`
 * - unavailable: network error, timeout or 5xx; for a write the outcome is unknown (`ambiguous`)
 * - rejected: a permanent 4xx refusal with the mall's reason
 * - not_found: the mall does not know the inquiry
 * - conflict: Rakuten 409 duplicate reply
 */
export type MallErrorKind = 'auth' | 'forbidden' | 'rate_limited' | 'unavailable' | 'rejected' | 'not_found' | 'conflict';

export class MallError extends Error {
  constructor(
    readonly kind: MallErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** the mall's own error code, e.g. GA0001, IE001, px-04102 */
      mallCode?: string;
      /** true when a write may or may not have reached the mall */
      ambiguous?: boolean;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'MallError';
  }

  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}
