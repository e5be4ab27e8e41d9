/** Core wording (DESIGN.md §2, the manual). Problem sentences are in problems.ja.ts, loaded on the first error. */
import type { Messages } from './catalogue.ts';

export const messagesJa: Messages = {
  'status.needs-reply': '返信が必要',
  'status.replied': '返信済み',
  'status.completed': '対応完了',
  'mall.rakuten': '楽天市場',
  'mall.yahoo': 'Yahoo!ショッピング',
  'sender.customer': 'お客様',
  'sender.shop': '店舗',
  'delivery.pending': '送信中',
  'delivery.sent': '送信済み',
  'delivery.failed': '送信失敗',
  'action.retry': '再試行',
  'action.resend': '再送信',
  loading: '読み込み中…',
  'error.generic': 'エラーが発生しました。',
  'connection.lost': '接続が切れています。再接続中…',
  // kept here too: when the network is down, the problem catalogue cannot be fetched either
  'problem.network_error': 'サーバーに接続できませんでした。',
};
