import { lazyCatalogue } from '../core/i18n/catalogue.ts';

/**
 * Every string of the inbox's team features (担当者, presence, 社内メモ, 待ち時間, 未読, 一括操作), in
 * Japanese (DESIGN.md §2b's words) and English. The inbox's catalogue includes them.
 */
const ja = {
  'team.assignee': '担当者',
  'team.assigneeOf': '担当: {name}',
  'team.unassigned': '未割り当て',
  'team.assignMe': '自分が担当する',
  'team.assigneeFilter': '担当',
  'team.filter.me': '自分の担当',
  'team.filter.unassigned': '未割り当て',
  'team.filter.all': 'すべて',
  'team.sort': '並び順',
  'team.sort.newest': '新着順',
  'team.sort.waiting': '待ち時間順',
  'team.viewing': '{name}さんが閲覧中',
  'team.typing': '{name}さんが返信を作成中',
  'team.waiting': '待ち時間 {time}',
  'team.minutes': '{n}分',
  'team.hours': '{n}時間',
  'team.days': '{n}日',
  'team.overdue': '返信遅れ',
  'team.unread': '未読',
  'notes.heading': '社内メモ',
  'notes.label': '社内メモ（お客様には送信されません）',
  'notes.add': 'メモを追加',
  'notes.delete': '削除',
  'notes.deleteLabel': '{name}さんのメモを削除',
  'notes.empty': '社内メモはありません',
  'bulk.select': '{subject}を選択',
} as const;

/** English is fetched the first time an element renders in English (a Japanese page never loads it). */
export const teamMessages = lazyCatalogue(
  ja,
  (): Promise<Record<keyof typeof ja, string>> => import('./team.messages.en.ts').then((m) => m.teamMessagesEn),
);
