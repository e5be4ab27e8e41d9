import type { Catalogue } from '../core/i18n/catalogue.ts';

export const threadMessages: Catalogue = {
  ja: {
    'thread.label': 'メッセージ',
    'thread.customerNamed': '{name} 様（お客様）',
    'thread.shopStaff': '店舗（{name}）',
    'thread.attachments': '添付ファイル',
    'thread.downloadFailed': 'ダウンロードできませんでした: {reason}',
    'thread.failureReason': '理由: {reason}',
    'thread.details': '詳細',
    'thread.empty': 'メッセージはありません',
  },
  en: {
    'thread.label': 'Messages',
    'thread.customerNamed': '{name} (customer)',
    'thread.shopStaff': 'Shop ({name})',
    'thread.attachments': 'Attachments',
    'thread.downloadFailed': 'Download failed: {reason}',
    'thread.failureReason': 'Reason: {reason}',
    'thread.details': 'Details',
    'thread.empty': 'No messages',
  },
};
