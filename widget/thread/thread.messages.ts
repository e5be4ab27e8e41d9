import { lazyCatalogue } from '../core/i18n/catalogue.ts';

/** English is fetched the first time the thread renders in English. */
export const threadMessages = lazyCatalogue(
  {
    'thread.label': 'メッセージ',
    'thread.customerNamed': '{name} 様（お客様）',
    'thread.shopStaff': '店舗（{name}）',
    'thread.attachments': '添付ファイル',
    'thread.downloadFailed': 'ダウンロードできませんでした: {reason}',
    'thread.failureReason': '理由: {reason}',
    'thread.details': '詳細',
    'thread.empty': 'メッセージはありません',
  },
  () => import('./thread.messages.en.ts').then((m) => m.threadMessagesEn),
);
