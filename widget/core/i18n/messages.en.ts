import type { Messages } from './catalogue.ts';

export const messagesEn: Messages = {
  'status.needs-reply': 'Needs reply',
  'status.replied': 'Replied',
  'status.completed': 'Completed',
  'mall.rakuten': 'Rakuten Ichiba',
  'mall.yahoo': 'Yahoo! Shopping',
  'sender.customer': 'Customer',
  'sender.shop': 'Shop',
  'delivery.pending': 'Sending',
  'delivery.sent': 'Sent',
  'delivery.failed': 'Failed',
  'action.retry': 'Try again',
  'action.resend': 'Resend',
  loading: 'Loading…',
  'connection.lost': 'Connection lost. Reconnecting…',
  'error.generic': 'Something went wrong.',
  'problem.network_error': 'The server could not be reached.',
};
