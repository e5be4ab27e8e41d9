import { lazyCatalogue } from '../core/i18n/catalogue.ts';

/**
 * Every string of <goq-reply-composer> and its parts (templates, attachments, the mall rules' sentences),
 * in Japanese and English. The inbox's catalogue includes them.
 */
const ja = {
  'composer.label': '返信',
  'composer.placeholder': '返信内容を入力してください',
  'composer.chars': '{count} / {max}文字',
  'composer.lineLimit': '1行{max}文字まで',
  'composer.send': '送信',
  'composer.sending': '送信中…',
  'composer.shortcut': 'Ctrl+Enterで送信',
  'composer.unknownPlaceholder': '不明な差し込み項目があります: {tokens}',
  'composer.unfilledPlaceholder': '差し込み項目の値が未設定です: {tokens}',
  'composer.confirmPlaceholders': 'このまま送信する場合は、もう一度[送信]を押してください。',
  'composer.refused': '送信できませんでした: {reason}',
  'composer.sendComplete': '送信して完了',
  'composer.threadChanged': 'この返信を書き始めた後に、新しいメッセージが届きました。内容を確認してください。',
  'composer.confirmSend': '内容を確認して送信',
  'composer.backToEdit': '編集に戻る',

  'rule.line': '{line}行目: {text}',

  'template.label': 'テンプレート',
  'template.category': 'カテゴリ名',
  'template.category.all': 'すべてのカテゴリ',
  'template.name': 'テンプレート名',
  'template.name.choose': 'テンプレートを選択',
  'template.insert': '挿入',
  'template.none': 'テンプレートがありません',

  'attach.label': '添付ファイル',
  'attach.choose': 'ファイルを選択',
  'attach.drop': 'ここにファイルをドロップ',
  'attach.rules': '{count}件まで・{size}まで・{types}',
  'attach.remove': '{name}を削除',
} as const;

/** English is fetched the first time an element renders in English (a Japanese page never loads it). */
export const composerMessages = lazyCatalogue(
  ja,
  (): Promise<Record<keyof typeof ja, string>> => import('./reply-composer.messages.en.ts').then((m) => m.composerMessagesEn),
);
