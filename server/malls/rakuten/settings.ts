/**
 * Every point of malls/rakuten.md that is unconfirmed (marked ? or listed in §9) as a named setting
 * with its default, so a changed fact is one edit here (or one environment variable), not a hunt.
 * docs/malls.md "## Rakuten" lists them with the reasoning.
 */

export interface RakutenSettings {
  /** InquiryManagementAPI base (GOQ_RAKUTEN_BASE_URL) */
  rakutenBaseUrl: string;
  /** licence-management base, for the key's expiry date (GOQ_RAKUTEN_LICENSE_BASE_URL) */
  rakutenLicenseBaseUrl: string;
  /**
   * Days per list/count window. The API allows "within 31 days"; whether exactly 31 is accepted is
   * unclear (§9.11), and the one client that measured it uses 30 (GOQ_RAKUTEN_LIST_WINDOW_DAYS).
   */
  rakutenListWindowDays: number;
  /** rows per list page; the API's maximum is 100 */
  rakutenListPageSize: number;
  /** the list's deepest row (limit × page ≤ 10000); a window holding more is sliced smaller */
  rakutenListMaxDepth: number;
  /** §9.13: the doc types the reply's shopId as a string, some clients send a number */
  rakutenReplyShopIdAsString: boolean;
  /** numbers per read/complete/incomplete call: 20 is documented for read, assumed for the other two (§9.3) */
  rakutenBulkMaxNumbers: number;
  /**
   * §9.2: serviceId of the 問い合わせユーザアクション通知 in a `<notifyModel>`; not in any source.
   * The webhook accepts notifications of this serviceId (GOQ_RAKUTEN_USER_ACTION_SERVICE_ID).
   */
  rakutenUserActionNotificationServiceId: string;
  /** §9.2: functionId of system-information notifications (1100 for every known one) */
  rakutenUserActionNotificationFunctionId: string;
  /** §9.2: the `name` attributes of the value slots of that notification (value1, value2, value3) */
  rakutenUserActionNotificationValueNames: { inquiryNumber: string; actionType: string; actionDate: string };
  /** §9.1: inquiries whose regDate is older than this many days are hidden from list/count until approval */
  rakutenVisibilityDays: number;
  /** §6: the licence key lasts 90 days; used to warn ahead of expiry */
  rakutenLicenceValidityDays: number;
  /** §9.12: request Content-Type; the docs write it with a space after `;` */
  rakutenJsonContentType: string;
}

export const RAKUTEN_DEFAULT_BASE_URL = 'https://api.rms.rakuten.co.jp/es/1.0/inquirymng-api';
export const RAKUTEN_DEFAULT_LICENSE_BASE_URL = 'https://api.rms.rakuten.co.jp/es/1.0/license-management';

export const RAKUTEN_DEFAULT_SETTINGS: Readonly<RakutenSettings> = Object.freeze({
  rakutenBaseUrl: RAKUTEN_DEFAULT_BASE_URL,
  rakutenLicenseBaseUrl: RAKUTEN_DEFAULT_LICENSE_BASE_URL,
  rakutenListWindowDays: 30,
  rakutenListPageSize: 100,
  rakutenListMaxDepth: 10_000,
  rakutenReplyShopIdAsString: true,
  rakutenBulkMaxNumbers: 20,
  rakutenUserActionNotificationServiceId: '6000',
  rakutenUserActionNotificationFunctionId: '1100',
  rakutenUserActionNotificationValueNames: Object.freeze({
    inquiryNumber: 'inquiryNumber',
    actionType: 'actionType',
    actionDate: 'actionDate',
  }),
  rakutenVisibilityDays: 30,
  rakutenLicenceValidityDays: 90,
  rakutenJsonContentType: 'application/json; charset=utf-8',
});

function positiveInt(value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`invalid setting value "${value}" (expected 1–${max})`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`invalid boolean setting value "${value}"`);
}

/** Settings from the environment over the defaults; explicit overrides win over both. */
export function rakutenSettingsFromEnv(
  env: Record<string, string | undefined>,
  overrides: Partial<RakutenSettings> = {},
): RakutenSettings {
  const d = RAKUTEN_DEFAULT_SETTINGS;
  return {
    ...d,
    rakutenBaseUrl: env.GOQ_RAKUTEN_BASE_URL || d.rakutenBaseUrl,
    rakutenLicenseBaseUrl: env.GOQ_RAKUTEN_LICENSE_BASE_URL || d.rakutenLicenseBaseUrl,
    rakutenListWindowDays: positiveInt(env.GOQ_RAKUTEN_LIST_WINDOW_DAYS, d.rakutenListWindowDays, 31),
    rakutenReplyShopIdAsString: bool(env.GOQ_RAKUTEN_REPLY_SHOP_ID_AS_STRING, d.rakutenReplyShopIdAsString),
    rakutenUserActionNotificationServiceId:
      env.GOQ_RAKUTEN_USER_ACTION_SERVICE_ID || d.rakutenUserActionNotificationServiceId,
    rakutenUserActionNotificationValueNames: { ...d.rakutenUserActionNotificationValueNames },
    ...overrides,
  };
}

/** Defaults with overrides only (tests, the simulator): the environment is not read. */
export function rakutenSettings(overrides: Partial<RakutenSettings> = {}): RakutenSettings {
  return {
    ...RAKUTEN_DEFAULT_SETTINGS,
    rakutenUserActionNotificationValueNames: { ...RAKUTEN_DEFAULT_SETTINGS.rakutenUserActionNotificationValueNames },
    ...overrides,
  };
}
