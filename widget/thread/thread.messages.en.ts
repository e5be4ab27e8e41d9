import type { Messages } from '../core/i18n/catalogue.ts';

export const threadMessagesEn: Messages = {
  'thread.label': 'Messages',
  'thread.customerNamed': '{name} (customer)',
  'thread.shopStaff': 'Shop ({name})',
  'thread.attachments': 'Attachments',
  'thread.downloadFailed': 'Download failed: {reason}',
  'thread.failureReason': 'Reason: {reason}',
  'thread.details': 'Details',
  'thread.empty': 'No messages',
};
