import { lazyCatalogue } from '../core/i18n/catalogue.ts';

/**
 * Every string of <goq-inquiry-inbox> and its parts, in Japanese (the product's language, wording
 * from the manual: DESIGN.md §2 and shared/seed) and English. `{name}` marks a parameter.
 * Status, mall and delivery labels come from the core catalogue (widget/core/i18n).
 */
const ja = {
  'tabs.label': 'ステータス',
  'tabs.count': '{count}件',
  'tabs.announce': '返信が必要 {count}件',

  'filter.mall': 'モール',
  'filter.mall.all': 'すべて',
  'filter.search': '検索',
  'filter.search.placeholder': '件名・本文・注文番号',

  'list.label': 'お問い合わせ一覧',
  'list.empty': 'お問い合わせはありません',
  'list.more': 'もっと見る',
  'list.order': '注文番号 {orderId}',
  'list.noOrder': '注文番号なし',
  'list.error': '一覧を読み込めませんでした。',

  'detail.none': 'お問い合わせを選択してください',
  'detail.error': 'お問い合わせを読み込めませんでした。',
  'detail.customer': 'お客様: {name}',
  'detail.customerHidden': 'お客様',
  'detail.orderId': '注文番号: {orderId}',
  'detail.item': '商品: {name}',
  'detail.itemCode': '商品コード: {name}',
  'detail.mallInquiryId': 'お問い合わせ番号: {id}',
  'detail.openOrder': '注文詳細を開く',
  'detail.complete': '完了する',
  'detail.completed': '対応完了',
  'detail.reopen': '返信が必要に戻す',
  'detail.yahooNoReopen': 'Yahoo!の仕様上、対応完了にすると返信が必要に戻すことはできません',
  'detail.confirmComplete': 'このお問い合わせを対応完了にしますか？',
  'detail.cancel': 'キャンセル',
  'detail.back': '← 一覧に戻る',
  'detail.thread': 'お問い合わせ履歴',

  'health.auth_failed': '{mall}のAPIに接続できません（認証エラー）。',
  'health.api_not_enabled': '{mall}の問い合わせ管理APIが利用できません。',
  'health.licence_expiring': '{mall}のライセンスキーの有効期限が近づいています{until}。',
  'health.token_expiring': '{mall}の認証の有効期限が近づいています{until}。再認証してください。',
  'health.until': '（{date}まで）',
  'health.error': '{mall}との同期でエラーが発生しています。',
  'health.details': '詳細',
  'health.noApiOption': '{mall}: お問い合わせ管理はAPIオプションを契約している店舗様が対象となります。',
  'health.rakutenIntro': '事前にRMSより、「問い合わせ管理API(InquiryManagementAPI)」の利用設定を行って下さい。',
  'health.rakutenHow': '設定方法',
  'health.rakutenStep1': 'RMSトップのサイドバー[店舗向け情報・サービス]から[WEB APIサービス]をクリックします。',
  'health.rakutenStep2': '利用設定の[WEB API]をクリックします。',
  'health.rakutenStep3': '利用機能一覧の[利用機能編集]ボタンをクリックします。',
  'health.rakutenStep4':
    '「問い合わせ管理API(InquiryManagementAPI)」の全項目すべてに利用中のチェックを入れ、最下部にある[確認する]のボタンをクリックします。',
  'health.rakutenStep5': '次のページで[登録する]をクリックします。',
  'health.otherCauses': 'その他の原因',
  'health.causeKeys': 'サービスシークレットまたはライセンスキーが正しくない。',
  'health.causeLicence': 'ライセンスキーの有効期限が切れている（ライセンスキーの有効期間は90日です）。',
} as const;

/** English is fetched the first time an element renders in English (a Japanese page never loads it). */
export const inboxMessages = lazyCatalogue(
  ja,
  (): Promise<Record<keyof typeof ja, string>> => import('./inbox.messages.en.ts').then((m) => m.inboxMessagesEn),
);
