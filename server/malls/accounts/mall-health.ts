/**
 * An account's health as the back office shows it, from what the last mall call said. The codes
 * are problem codes (shared/problem-codes.ts): the widgets' catalogue turns them into Japanese, and
 * for `rakuten_api_not_enabled` shows the five RMS setup steps.
 */
import type { Mall, MallAccountView, MallHealth } from '../../../shared/api.ts';
import type { ProblemCode } from '../../../shared/problem-codes.ts';
import type { MallAccountRow } from '../../db/schema.ts';
import { MallError } from '../mall-client.ts';
import { healthNotesOf } from './mall-accounts.repository.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface HealthSettings {
  /** Rakuten licence keys last 90 days: warn this long ahead */
  licenceWarnMs: number;
  /** Yahoo! refresh tokens (28 days with a public key): warn this long ahead */
  tokenWarnMs: number;
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { licenceWarnMs: 14 * DAY, tokenWarnMs: 5 * DAY };

/** The five RMS steps that switch the API on (DESIGN.md §2), for API clients that show them as given. */
export const RAKUTEN_API_SETUP_STEPS = [
  'RMS → 店舗様向け情報・サービス',
  'WEB APIサービス → 利用設定',
  '利用機能編集',
  '問い合わせ管理APIの項目をすべてチェック',
  '確認する → 登録する',
] as const;

/** What a 401 from Rakuten can mean; the message names every cause, the widget shows the steps. */
export const RAKUTEN_401_MESSAGE =
  '楽天が401 (Un-Authorised) を返しました。RMSで問い合わせ管理API(InquiryManagementAPI)が利用設定されていない可能性があります' +
  '(WEB APIサービス → 利用設定 → 利用機能編集で問い合わせ管理APIの項目をすべてチェック → 確認する → 登録する)。' +
  'ほかの原因: serviceSecret・licenseKeyの誤り、licenseKeyの有効期限切れ(有効期間は90日)。';

export interface HealthVerdict {
  health: MallHealth;
  error: { code: ProblemCode; message: string } | null;
}

/**
 * The health after a failed call. `licenceExpired` tells a Rakuten 401 caused by an expired key
 * (the licence check said so) from one caused by the API not being switched on.
 */
export function healthFromError(mall: Mall, error: unknown, facts: { licenceExpired?: boolean } = {}): HealthVerdict {
  if (error instanceof MallError) {
    const mallCode = error.details.mallCode ? ` (${error.details.mallCode})` : '';
    switch (error.kind) {
      case 'auth':
        if (mall === 'rakuten') {
          if (facts.licenceExpired) {
            return {
              health: 'auth_failed',
              error: { code: 'rakuten_auth_failed', message: '楽天のlicenseKeyの有効期限が切れています(有効期間は90日)。RMSで再発行して登録し直してください。' },
            };
          }
          return { health: 'api_not_enabled', error: { code: 'rakuten_api_not_enabled', message: RAKUTEN_401_MESSAGE } };
        }
        return {
          health: 'auth_failed',
          error: {
            code: 'yahoo_auth_failed',
            message: `Yahoo!が認証を拒否しました${mallCode}。リフレッシュトークンの期限切れ、または公開鍵・バージョンの誤りが考えられます。`,
          },
        };
      case 'forbidden':
        return {
          health: 'error',
          error: {
            code: 'mall_rejected',
            message: `Yahoo!が呼び出しを拒否しました${mallCode}。IPアドレス未登録、1日の上限到達、またはアプリケーション未承認が考えられます。`,
          },
        };
      case 'rate_limited':
        return { health: 'error', error: { code: 'rate_limited', message: 'モールから呼び出し頻度の制限を受けました。次回の同期で再試行します。' } };
      case 'unavailable':
        return { health: 'error', error: { code: 'mall_unavailable', message: `モールが応答しないか、エラーを返しました${mallCode}。次回の同期で再試行します。` } };
      default:
        return { health: 'error', error: { code: 'mall_rejected', message: `モールが要求を拒否しました${mallCode}: ${safeMessage(error.message)}` } };
    }
  }
  return { health: 'error', error: { code: 'internal_error', message: '同期中に予期しないエラーが発生しました(サーバーのログを確認してください)。' } };
}

/** The health after a successful call: `ok`, or a warning that the credentials expire soon. */
export function healthFromSuccess(mall: Mall, credentialExpiresAt: Date | null, now: Date, settings = DEFAULT_HEALTH_SETTINGS): MallHealth {
  if (!credentialExpiresAt) return 'ok';
  const left = credentialExpiresAt.getTime() - now.getTime();
  if (mall === 'rakuten' && left <= settings.licenceWarnMs) return 'licence_expiring';
  if (mall === 'yahoo' && left <= settings.tokenWarnMs) return 'token_expiring';
  return 'ok';
}

/** A mall's message is shown to the shop; keep it short and on one line. */
function safeMessage(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** The API's view of an account row (credentials are never part of it). */
export function accountView(mall: Mall, row: MallAccountRow | undefined, now: Date, settings = DEFAULT_HEALTH_SETTINGS): MallAccountView {
  if (!row) {
    return { mall, configured: false, apiOption: true, health: 'not_configured', lastSyncAt: null, lastError: null, credentialExpiresAt: null, lastNotificationAt: null };
  }
  const configured = row.credentials !== null;
  let health: MallHealth = configured ? row.health : 'not_configured';
  // an expiry crossing the warning line shows without waiting for the next sync
  if (configured && health === 'ok' && row.credential_expires_at) {
    health = healthFromSuccess(mall, new Date(row.credential_expires_at), now, settings);
  }
  return {
    mall,
    configured,
    apiOption: row.api_option === 1,
    health,
    lastSyncAt: row.last_sync_at,
    lastError: row.last_error_code ? { code: row.last_error_code, message: row.last_error_message ?? '' } : null,
    credentialExpiresAt: row.credential_expires_at,
    notes: healthNotesOf(row.sync_state),
    lastNotificationAt: row.last_notification_at,
  };
}
