import type { Catalogue } from '../core/i18n/catalogue.ts';

export const panelMessages: Catalogue = {
  ja: {
    'panel.heading': 'お問い合わせ履歴',
    'panel.noMessages': '注文者からのメッセージはありません',
    'panel.openInquiry': 'お問い合わせ詳細へ',
    'panel.loadFailed': 'お問い合わせ履歴を読み込めませんでした。',
    'panel.customer': 'お客様: {name} 様',
    'panel.inquiryNumber': 'お問い合わせ番号: {number}',
    'panel.item': '商品: {name}',
    'panel.assignee': '担当: {name}',
    'panel.retryFailed': '再送信できませんでした: {reason}',
  },
  en: {
    'panel.heading': 'Inquiry history',
    'panel.noMessages': 'No messages from the orderer',
    'panel.openInquiry': 'Open inquiry',
    'panel.loadFailed': 'The inquiry history could not be loaded.',
    'panel.customer': 'Customer: {name}',
    'panel.inquiryNumber': 'Inquiry no. {number}',
    'panel.item': 'Item: {name}',
    'panel.assignee': 'Assignee: {name}',
    'panel.retryFailed': 'Could not resend: {reason}',
  },
};
