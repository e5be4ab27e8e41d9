/**
 * Every point of malls/yahoo.md that is unconfirmed (marked M/L, or listed in its §9) becomes a named
 * setting here, with the default the client and the simulator use. docs/malls.md ("## Yahoo!") lists
 * them with their reasons. Change a value here, or pass `settings` to createYahooClient /
 * createYahooSimulator, when the real API turns out to behave otherwise.
 */
import { YAHOO_ATTACHMENT_RULES_ASSUMED, type AttachmentRules } from '../../../shared/mall-rules.ts';

export type YahooDateType = 'userPostTime' | 'sellerPostTime';

export interface YahooSettings {
  /** Refresh-token lifetime when public-key auth is in use (§2.1: "up to 4 weeks"). */
  yahooRefreshTokenLifetimeWithPublicKeyMs: number;
  /** Refresh-token lifetime without public-key auth (§2.1: "at most 12 hours"). */
  yahooRefreshTokenLifetimeWithoutPublicKeyMs: number;
  /** Access tokens are refreshed this long before `expires_in` runs out, so a call never races the expiry. */
  yahooAccessTokenRefreshMarginMs: number;
  /** externalTalkComplete `completeConditionId` (§3.5): 1 = 通常完了. */
  yahooCompleteConditionId: 1 | 2 | 3 | 4 | 5;
  /**
   * The condition used when the store has not posted in the topic: 通常完了 (1) is refused then (§3.5),
   * so completing a question that needed no answer is sent as 5 = 回答不要.
   */
  yahooCompleteConditionWithoutReply: 2 | 3 | 4 | 5;
  /** C-JSP sends the condition as a number, C-bf as a string (§3); both are accepted by the real API per their authors. */
  yahooCompleteConditionIdAsString: boolean;
  /**
   * Which post times a period is matched on in list(). The list filters by one dateType per call and sorts by the
   * customer's post by default, so a shop-only reply made in ストアクリエイターPro is caught only by sellerPostTime
   * (§8). Each dateType is one pass; topics seen twice in one list() are fetched once.
   */
  yahooListDateTypes: readonly YahooDateType[];
  /** requestFilter for list() (§3: all | unanswered | answered | completed). */
  yahooListRequestFilter: 'all' | 'unanswered' | 'answered' | 'completed';
  /** Attachment limits: not documented anywhere (§9.1). */
  yahooAttachmentRules: AttachmentRules;
  /**
   * A 403 without a px- code is the gateway's "Your Request was Forbidden" (daily cap or a burst lock-out, §5):
   * temporary, so it is reported as rate_limited and retried with backoff. A 403 with a code (px-04306: IP not
   * registered) stays `forbidden`.
   */
  yahooForbiddenWithoutCodeIsRateLimit: boolean;
  /** How long to wait after such a 403 before trying again. */
  yahooRateLimitRetryAfterMs: number;
  /** One PHP codebase also signs the token request (§2.3, L); nothing official asks for it. */
  yahooSignTokenRequest: boolean;
  /** Clock skew tolerated between the signature's timestamp and the mall's clock (§9.12: unknown). Simulator only. */
  yahooSignatureClockSkewSeconds: number;
  /** Value of X-SWS-Authorize-Status when public-key auth failed (§9.12: only "authorized" is known). Simulator only. */
  yahooAuthorizeStatusFailure: string;
  /**
   * A customer post on a completed topic (§9.6: unknown). Assumed: isNoAnswer flips back to true, isCompleted stays
   * true, matching the product rule that a completed Yahoo! inquiry never returns to 返信が必要. Simulator only.
   */
  yahooCustomerPostAfterCompletion: 'stays-completed' | 'reopens';
  /** A shop post on a completed topic (§9.6: unknown). Assumed accepted; the topic stays completed. Simulator only. */
  yahooStorePostAfterCompletion: 'accepted' | 'rejected';
  /** Completing an already completed topic (§9.5: unknown). Assumed idempotent ({status:"ok"}). Simulator only. */
  yahooCompleteTwice: 'ok' | 'rejected';
}

export const YAHOO_DEFAULT_SETTINGS: YahooSettings = {
  yahooRefreshTokenLifetimeWithPublicKeyMs: 28 * 24 * 60 * 60 * 1000,
  yahooRefreshTokenLifetimeWithoutPublicKeyMs: 12 * 60 * 60 * 1000,
  yahooAccessTokenRefreshMarginMs: 60 * 1000,
  yahooCompleteConditionId: 1,
  yahooCompleteConditionWithoutReply: 5,
  yahooCompleteConditionIdAsString: false,
  yahooListDateTypes: ['userPostTime', 'sellerPostTime'],
  yahooListRequestFilter: 'all',
  yahooAttachmentRules: YAHOO_ATTACHMENT_RULES_ASSUMED,
  yahooForbiddenWithoutCodeIsRateLimit: true,
  yahooRateLimitRetryAfterMs: 60 * 1000,
  yahooSignTokenRequest: false,
  yahooSignatureClockSkewSeconds: 300,
  yahooAuthorizeStatusFailure: 'unauthorized',
  yahooCustomerPostAfterCompletion: 'stays-completed',
  yahooStorePostAfterCompletion: 'accepted',
  yahooCompleteTwice: 'ok',
};

export function yahooSettings(overrides: Partial<YahooSettings> = {}): YahooSettings {
  return { ...YAHOO_DEFAULT_SETTINGS, ...overrides };
}
