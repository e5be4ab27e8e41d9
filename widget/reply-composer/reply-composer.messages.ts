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

/** English: the same keys (the type makes a missing one an error). */
const en: Record<keyof typeof ja, string> = {
  'composer.label': 'Reply',
  'composer.placeholder': 'Write your reply',
  'composer.chars': '{count} / {max} characters',
  'composer.lineLimit': '{max} per line',
  'composer.send': 'Send',
  'composer.sending': 'Sending…',
  'composer.shortcut': 'Ctrl+Enter sends',
  'composer.unknownPlaceholder': 'Unknown placeholders: {tokens}',
  'composer.unfilledPlaceholder': 'Placeholders without a value: {tokens}',
  'composer.confirmPlaceholders': 'Press [Send] again to send it as it is.',
  'composer.refused': 'Not sent: {reason}',
  'composer.sendComplete': 'Send and complete',
  'composer.threadChanged': 'New messages arrived after you began this reply. Read them first.',
  'composer.confirmSend': 'Send after reading',
  'composer.backToEdit': 'Back to editing',

  'rule.line': 'Line {line}: {text}',

  'template.label': 'Template',
  'template.category': 'Category',
  'template.category.all': 'All',
  'template.name': 'Template',
  'template.name.choose': 'Choose',
  'template.insert': 'Insert',
  'template.none': 'No templates',

  'attach.label': 'Attachments',
  'attach.choose': 'Attach files',
  'attach.drop': 'or drop them here',
  'attach.rules': '≤ {count} · ≤ {size} · {types}',
  'attach.remove': 'Remove {name}',
};

export const composerMessages = { ja, en };
