/** English: the same keys (the loader's type beside the Japanese makes a missing one an error). */
export const composerMessagesEn = {
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
