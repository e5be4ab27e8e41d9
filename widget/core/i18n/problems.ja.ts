/**
 * A sentence for every problem code (shared/problem-codes.ts) plus network_error. Loaded on the first
 * error (see problem-catalogue.ts), so an element that never meets one does not download them.
 */
import type { ProblemCode } from '../../../shared/problem-codes.ts';

export const problemsJa: Record<ProblemCode | 'network_error', string> = {
  unauthorized: '認証に失敗しました。ページを再読み込みしてください。',
  token_exp_required: '認証に失敗しました。ページを再読み込みしてください。',
  not_found: '対象が見つかりません。',
  malformed_json: 'リクエストの形式が正しくありません。',
  invalid_request: '入力内容に誤りがあります。',
  invalid_query: '入力内容に誤りがあります。',
  invalid_text: '使用できない文字があります。',
  body_too_large: '送信データが大きすぎます。',
  unsupported_media_type: 'この形式のデータは送信できません。',
  body_empty: '本文を入力してください。',
  body_too_long: '本文は2,000文字以内で入力してください。',
  line_too_long: '1行は300文字以内で入力してください（楽天市場の制限）。',
  link_not_allowed: '楽天市場では許可されたドメインのhttpsリンクのみ送信できます。',
  too_many_attachments: '添付できるファイル数を超えています。',
  attachment_too_large: 'ファイルサイズが上限（5MB）を超えています。',
  attachment_type_not_allowed: '添付できるのは png / jpg / gif / pdf のファイルのみです。',
  attachment_type_mismatch: 'ファイルの中身が拡張子と一致しません。',
  attachment_name_too_long: 'ファイル名は100文字以内にしてください。',
  attachment_empty: '空のファイルは添付できません。',
  reopen_not_allowed: 'Yahoo!ショッピングの仕様上、対応完了後に[返信が必要]ステータスへ移動することはできかねます。',
  already_completed: 'このお問い合わせはすでに対応完了です。',
  not_completed: 'このお問い合わせは対応完了になっていません。',
  retry_not_allowed: 'このメッセージは再送信できません。',
  template_duplicate: '同じカテゴリ名とテンプレート名のテンプレートがすでにあります。',
  field_required: '必須項目です。',
  field_too_long: '文字数が上限を超えています。',
  api_option_required: 'この機能はAPIオプションを契約している店舗様が対象となります。',
  rakuten_api_not_enabled: '楽天の「問い合わせ管理API(InquiryManagementAPI)」が利用設定されていません。',
  rakuten_auth_failed: '楽天RMSの認証に失敗しました。サービスシークレット・ライセンスキーをご確認ください。',
  yahoo_auth_failed: 'Yahoo!ショッピングの認証に失敗しました。',
  mall_not_configured: 'モールのアカウントが設定されていません。',
  mall_unavailable: 'モールのサーバーに接続できません。しばらくしてから再度お試しください。',
  mall_rejected: 'モールに受け付けられませんでした。',
  rate_limited: 'リクエストが多すぎます。しばらくしてから再度お試しください。',
  internal_error: 'サーバーでエラーが発生しました。',
  network_error: 'サーバーに接続できませんでした。',
};
