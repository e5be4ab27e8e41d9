/**
 * The malls' own errors in the shop's words: each known code (Rakuten GA0001, IE001, IE000, 429, 5xx;
 * Yahoo! px-04102, token errors, 403, 5xx) as a sentence that says what happened and what to do. The
 * raw text (`Rakuten 401 GA0001: Un-Authorised [GA0001] (HTTP 401)`) stays for a collapsed 詳細.
 * Loaded with the problem sentences, on the first error (problem-catalogue.ts).
 */
import type { Lang } from './catalogue.ts';

export type MallErrorKey =
  | 'rakuten.GA0001'
  | 'rakuten.IE001'
  | 'rakuten.IE000'
  | 'rakuten.429'
  | 'rakuten.5xx'
  | 'yahoo.px-04102'
  | 'yahoo.token'
  | 'yahoo.403'
  | 'yahoo.5xx';

/** Which known error a mall's raw text (a failure reason, an account's last error) is, if any. */
export function mallErrorKey(mall: string, raw: string): MallErrorKey | null {
  const status = Number(/HTTP (\d{3})/.exec(raw)?.[1] ?? /\b(4\d\d|5\d\d)\b/.exec(raw)?.[1] ?? 0);
  const unavailable = status >= 500 || /did not answer|unreachable|timed? ?out|unavailable|応答しない/i.test(raw);
  if (mall === 'rakuten') {
    if (/\bGA0001\b/.test(raw) || status === 401 || status === 403 || /rakuten_(api_not_enabled|auth_failed)/.test(raw)) return 'rakuten.GA0001';
    if (/\bIE001\b/.test(raw)) return 'rakuten.IE001';
    if (/\bIE000\b/.test(raw)) return 'rakuten.IE000';
    if (status === 429 || /rate.?limit/i.test(raw)) return 'rakuten.429';
    if (unavailable) return 'rakuten.5xx';
    return null;
  }
  if (/px-04102/.test(raw)) return 'yahoo.px-04102';
  if (/invalid_grant|invalid_token|invalid_client|expired token|refresh token|public key|yahoo_auth_failed/i.test(raw) || status === 401) return 'yahoo.token';
  if (status === 403 || /px-04306|forbidden/i.test(raw)) return 'yahoo.403';
  if (unavailable) return 'yahoo.5xx';
  return null;
}

export const mallErrors: Record<Lang, Record<MallErrorKey, string>> = {
  ja: {
    'rakuten.GA0001':
      '楽天RMSが認証を拒否しました。問い合わせ管理APIの利用設定、サービスシークレット・ライセンスキーの誤り、ライセンスキーの有効期限切れ（有効期間は90日）をご確認ください。設定画面の[接続テスト]で確かめられます。',
    'rakuten.IE001': '楽天が送信内容を受け付けませんでした（入力値の誤り）。本文と添付ファイル（1件まで・ファイル名の長さ）をご確認のうえ、直して送信し直してください。',
    'rakuten.IE000': '楽天が要求を受け付けませんでした（取得件数の上限）。しばらくしてから再度お試しください。',
    'rakuten.429': '楽天から呼び出し頻度の制限を受けました。少し待ってから[再送信]してください。',
    'rakuten.5xx': '楽天のサーバーが一時的に応答しません。しばらく待ってから[再送信]してください。',
    'yahoo.px-04102': 'Yahoo!のアクセストークンの有効期限（12時間）が切れていました。[再送信]すると新しいトークンで送り直します。続く場合は設定画面で[接続テスト]をしてください。',
    'yahoo.token':
      'Yahoo!の認証が無効です。リフレッシュトークンの期限切れ（発行から28日）、パスワード変更や同意の取り消し、公開鍵の誤りが考えられます。設定画面で登録し直してください。',
    'yahoo.403': 'Yahoo!が呼び出しを拒否しました。サーバーのIPアドレスの登録、1日の上限（50,000回）、アプリケーションの承認をご確認ください。',
    'yahoo.5xx': 'Yahoo!のサーバーが一時的に応答しません。しばらく待ってから[再送信]してください。',
  },
  en: {
    'rakuten.GA0001':
      'Rakuten RMS refused the credentials. Check that the inquiry management API is enabled, the service secret and licence key, and that the licence key (valid 90 days) has not expired. [Test connection] in the settings checks them.',
    'rakuten.IE001': 'Rakuten refused what was sent (invalid input). Check the text and the attachment (one at most, file name length), then send again.',
    'rakuten.IE000': 'Rakuten refused the request (result limit). Try again later.',
    'rakuten.429': 'Rakuten is limiting how often it may be called. Wait a moment, then [Resend].',
    'rakuten.5xx': 'Rakuten is not answering for now. Wait a while, then [Resend].',
    'yahoo.px-04102': "Yahoo!'s access token (12 hours) had expired. [Resend] sends again with a new one; if it persists, [Test connection] in the settings.",
    'yahoo.token': "Yahoo!'s authorisation is no longer valid: the refresh token expired (28 days), the password changed, consent was withdrawn, or the public key is wrong. Register again in the settings.",
    'yahoo.403': "Yahoo! refused the call. Check the server's registered IP address, the daily limit (50,000 calls) and the application's approval.",
    'yahoo.5xx': 'Yahoo! is not answering for now. Wait a while, then [Resend].',
  },
};
