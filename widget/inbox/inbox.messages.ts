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
  'detail.mallInquiryId': 'お問い合わせ番号: {id}',
  'detail.openOrder': '注文詳細を開く',
  'detail.complete': '完了する',
  'detail.completed': '対応完了',
  'detail.reopen': '返信が必要に戻す',
  'detail.yahooNoReopen': 'Yahoo!の仕様上、対応完了にすると返信が必要に戻すことはできません',
  'detail.confirmComplete': 'このお問い合わせを対応完了にしますか？',
  'detail.cancel': 'キャンセル',
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

/** English: the same keys (the type makes a missing one an error). */
const en: Record<keyof typeof ja, string> = {
  'tabs.label': 'Status',
  'tabs.count': '{count}',
  'tabs.announce': 'Needs reply: {count}',

  'filter.mall': 'Mall',
  'filter.mall.all': 'All',
  'filter.search': 'Search',
  'filter.search.placeholder': 'Subject, text, order',

  'list.label': 'Inquiries',
  'list.empty': 'No inquiries',
  'list.more': 'Show more',
  'list.order': 'Order {orderId}',
  'list.noOrder': 'No order',
  'list.error': 'The list could not be loaded.',

  'detail.none': 'Select an inquiry',
  'detail.error': 'The inquiry could not be loaded.',
  'detail.customer': 'Customer: {name}',
  'detail.customerHidden': 'Customer',
  'detail.orderId': 'Order: {orderId}',
  'detail.item': 'Item: {name}',
  'detail.mallInquiryId': 'Inquiry: {id}',
  'detail.openOrder': 'Open order',
  'detail.complete': 'Complete',
  'detail.completed': 'Completed',
  'detail.reopen': 'Reopen',
  'detail.yahooNoReopen': "By Yahoo!'s rules, a completed inquiry can never be moved back to Needs reply",
  'detail.confirmComplete': 'Complete this inquiry?',
  'detail.cancel': 'Cancel',
  'detail.thread': 'History',

  'health.auth_failed': '{mall} refused our credentials.',
  'health.api_not_enabled': 'The {mall} inquiry API is not enabled.',
  'health.licence_expiring': 'The {mall} licence key expires soon{until}.',
  'health.token_expiring': 'The {mall} authorisation expires soon{until}.',
  'health.until': ' ({date})',
  'health.error': 'Syncing with {mall} fails.',
  'health.details': 'Details',
  'health.noApiOption': '{mall}: for shops with the API option (APIオプション).',
  'health.rakutenIntro': 'Enable 問い合わせ管理API (InquiryManagementAPI) in RMS:',
  'health.rakutenHow': 'Steps',
  'health.rakutenStep1': 'RMS sidebar: [店舗様向け情報・サービス] → [WEB APIサービス].',
  'health.rakutenStep2': '利用設定: [WEB API].',
  'health.rakutenStep3': '利用機能一覧: [利用機能編集].',
  'health.rakutenStep4': 'Check every 問い合わせ管理API item, then [確認する].',
  'health.rakutenStep5': 'Then [登録する].',
  'health.otherCauses': 'Other causes',
  'health.causeKeys': 'Wrong service secret or licence key.',
  'health.causeLicence': 'Licence key expired (it lasts 90 days).',
};

export const inboxMessages = { ja, en };
