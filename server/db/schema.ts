/**
 * Table types for Kysely. Times are ISO 8601 UTC strings, flags 0/1, JSON as text
 * (see migrations/2026_11_29_0001_initial.ts for why these choices serve both databases).
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DeliveryState, InboxSort, InquiryStatus, Mall, MallHealth, PresenceState, Sender, StaffRole } from '../../shared/api.ts';

export interface ShopTable {
  id: string;
  name: Generated<string>;
  created_at: string;
}

export interface MallAccountTable {
  id: string;
  shop_id: string;
  mall: Mall;
  credentials: Uint8Array | null;
  api_option: Generated<number>;
  health: Generated<MallHealth>;
  last_sync_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  credential_expires_at: string | null;
  /** the last Rakuten 問い合わせユーザアクション通知 received for the account */
  last_notification_at: Generated<string | null>;
  /** JSON: the sync engine's cursor and state */
  sync_state: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface InquiryTable {
  id: string;
  shop_id: string;
  mall: Mall;
  mall_account_id: string | null;
  mall_inquiry_id: string;
  order_id: string | null;
  subject: string;
  customer_name: string | null;
  item_name: string | null;
  status: InquiryStatus;
  completed: number;
  mall_completed: number;
  last_sender: Sender;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
  preview: string;
  message_count: number;
  /** 担当者: a staff id of the shop, or null */
  assignee_id: Generated<string | null>;
  /** moves on with every message written to the thread (a reply's `basedOn`) */
  version: Generated<number>;
  /** `version` when the newest customer message was written (未読) */
  customer_version: Generated<number>;
  /** the customer's oldest unanswered message; null unless the inquiry needs a reply */
  waiting_since: Generated<string | null>;
}

export interface MessageTable {
  id: string;
  inquiry_id: string;
  shop_id: string;
  mall_message_id: string | null;
  sender: Sender;
  staff_name: string | null;
  body: string;
  sent_at: string;
  delivery: DeliveryState;
  failure_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AttachmentTable {
  id: string;
  message_id: string;
  shop_id: string;
  name: string;
  content_type: string;
  size: number;
  mall_key: string | null;
  data: Uint8Array | null;
  /** order within the message */
  position: Generated<number>;
  created_at: string;
}

export interface TemplateTable {
  id: string;
  shop_id: string;
  category: string;
  name: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface ShopSettingsTable {
  shop_id: string;
  rakuten_store_name: string;
  yahoo_store_name: string;
  phone: string;
  email: string;
  /** JSON BusinessHours; null: the defaults */
  business_hours: Generated<string | null>;
  updated_at: string;
}

export type OutboxKind = 'reply' | 'complete' | 'reopen';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  shop_id: string;
  inquiry_id: string;
  kind: OutboxKind;
  /** the shop message a `reply` delivers; null for complete/reopen */
  message_id: string | null;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  mall_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Maintained by triggers on `inquiries` (migration 0003): never written by application code. */
export interface InquiryCountTable {
  shop_id: string;
  status: InquiryStatus;
  n: number;
}

/** Moved on by triggers at every write of a shop's inquiries (migration 0005): never written by application code. */
export interface InquiryVersionTable {
  shop_id: string;
  version: number;
}

/** One row per account whose mall work an instance holds (migration 0101). */
export interface MallAccountLeaseTable {
  account_id: string;
  /** the holding instance's id (random per process) */
  holder: string;
  expires_at: string;
  /** the holder's last mall call when it handed the lease back */
  last_call_at: string | null;
}

export interface StaffTable {
  shop_id: string;
  id: string;
  name: string;
  role: StaffRole;
  inbox_sort: Generated<InboxSort>;
  last_seen_at: string;
  created_at: string;
}

/** Maintained by triggers on `inquiries` (migration 2026_11_30_0201): never written by application code. */
export interface InquiryAssigneeCountTable {
  shop_id: string;
  /** the assignee's id, '' for none */
  assignee: string;
  status: InquiryStatus;
  n: number;
}

export interface InquiryNoteTable {
  id: string;
  shop_id: string;
  inquiry_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

export interface InquiryReadTable {
  shop_id: string;
  staff_id: string;
  inquiry_id: string;
  /** the inquiry's version the member has read up to */
  version: number;
  read_at: string;
}

export interface InquiryPresenceTable {
  shop_id: string;
  inquiry_id: string;
  staff_id: string;
  staff_name: string;
  state: PresenceState;
  expires_at: string;
}

export interface Database {
  shops: ShopTable;
  mall_accounts: MallAccountTable;
  inquiries: InquiryTable;
  inquiry_counts: InquiryCountTable;
  inquiry_versions: InquiryVersionTable;
  messages: MessageTable;
  attachments: AttachmentTable;
  templates: TemplateTable;
  shop_settings: ShopSettingsTable;
  outbox: OutboxTable;
  mall_account_leases: MallAccountLeaseTable;
  staff: StaffTable;
  inquiry_assignee_counts: InquiryAssigneeCountTable;
  inquiry_notes: InquiryNoteTable;
  inquiry_reads: InquiryReadTable;
  inquiry_presence: InquiryPresenceTable;
}

export type InquiryRow = Selectable<InquiryTable>;
export type NewInquiry = Insertable<InquiryTable>;
export type InquiryUpdate = Updateable<InquiryTable>;
export type MessageRow = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type NewAttachment = Insertable<AttachmentTable>;
export type TemplateRow = Selectable<TemplateTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type MallAccountRow = Selectable<MallAccountTable>;
export type SettingsRow = Selectable<ShopSettingsTable>;
export type StaffRow = Selectable<StaffTable>;
export type NoteRow = Selectable<InquiryNoteTable>;
export type PresenceRow = Selectable<InquiryPresenceTable>;
