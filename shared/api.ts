/**
 * The HTTP API's wire types (DESIGN.md §5), imported by the server and the widgets alike.
 * Times are ISO 8601 strings in UTC; the widgets format them in JST.
 * No mall field name appears here: mall clients translate at their edge.
 */

export const MALLS = ['rakuten', 'yahoo'] as const;
export type Mall = (typeof MALLS)[number];

export const INQUIRY_STATUSES = ['needs-reply', 'replied', 'completed'] as const;
/** 返信が必要 / 返信済み / 対応完了 */
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Who wrote a message: the customer (お客様) or the shop. */
export type Sender = 'customer' | 'shop';

/**
 * Where a shop message stands on its way to the mall.
 * `pending`: committed here, waiting in the outbox (the UI shows 送信中);
 * `sent`: the mall has it (送信済み); `failed`: the mall refused it for good (送信失敗, retryable).
 * Messages that arrived from the mall are always `sent`.
 */
export type DeliveryState = 'pending' | 'sent' | 'failed';

export interface AttachmentView {
  id: string;
  name: string;
  /** bytes */
  size: number;
  contentType: string;
  /** path under the API base, e.g. `/api/v1/attachments/{id}` */
  url: string;
}

export interface MessageView {
  id: string;
  sender: Sender;
  /** staff display name for shop messages written here; null for customer messages and mall-side shop messages */
  staffName: string | null;
  /** plain text, line breaks as `\n`; never HTML */
  body: string;
  sentAt: string;
  delivery: DeliveryState;
  /** the mall's reason when `delivery` is `failed` */
  failureReason: string | null;
  attachments: AttachmentView[];
}

export interface InquirySummary extends TeamFields {
  id: string;
  mall: Mall;
  /** the mall's own number (Rakuten inquiryNumber, Yahoo! topicId), shown for reference */
  mallInquiryId: string;
  orderId: string | null;
  subject: string;
  /** Rakuten: the customer's name; Yahoo!: always null (the mall gives only a masked id) */
  customerName: string | null;
  status: InquiryStatus;
  completed: boolean;
  lastSender: Sender;
  lastActivityAt: string;
  createdAt: string;
  /** the start of the newest message, for the list */
  preview: string;
  messageCount: number;
  /** only in search results: where the word was found, for highlighting it in the list */
  match?: SearchMatch;
}

/**
 * Where a search word occurs in one inquiry: `text` is the field's value (for a message, an excerpt
 * around the word) and the word is `text.slice(start, start + length)`.
 */
export interface SearchMatch {
  field: 'subject' | 'customerName' | 'orderId' | 'mallInquiryId' | 'preview' | 'message';
  text: string;
  start: number;
  length: number;
}

export interface InquiryDetail extends InquirySummary {
  itemName: string | null;
  messages: MessageView[];
  /** false for Yahoo! (no reopen by the mall's rules) and for open inquiries */
  canReopen: boolean;
  /** 社内メモ, oldest first */
  notes: NoteView[];
  /** who else has the thread open right now */
  presence: PresenceView[];
}

export interface InquiryPage {
  items: InquirySummary[];
  nextCursor: string | null;
}

export interface InquiryCounts {
  needsReply: number;
  replied: number;
  completed: number;
  /**
   * Inquiries needing a reply with customer messages this member has not opened (未読). Present when
   * the counts are asked for with `?assignee=` (the member's own view); the shop-wide `counts.updated`
   * event has none.
   */
  unread?: number;
}

/** 202 answer of `POST /inquiries/{id}/replies` */
export interface ReplyAccepted {
  message: MessageView;
}

export interface Template {
  id: string;
  category: string;
  name: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  category: string;
  name: string;
  body: string;
}

export interface ShopSettings {
  /** store name per mall, for [出店モール店舗名] */
  storeNames: Record<Mall, string>;
  /** [店舗電話番号] */
  phone: string;
  /** [店舗メールアドレス] */
  email: string;
}

export type MallHealth =
  | 'not_configured'
  | 'ok'
  | 'auth_failed'
  | 'api_not_enabled'
  | 'licence_expiring'
  | 'token_expiring'
  | 'error';

export interface MallAccountView {
  mall: Mall;
  /** credentials are set (they are never returned) */
  configured: boolean;
  /** the shop has the API option; false shows a notice, not an error */
  apiOption: boolean;
  health: MallHealth;
  lastSyncAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Rakuten licence key / Yahoo! refresh token expiry, when known */
  credentialExpiresAt: string | null;
  /**
   * Rakuten: when the last 問い合わせユーザアクション通知 arrived (null: never, so the notification is not
   * approved yet and inquiries older than 30 days cannot be fetched); Yahoo!: always null
   */
  lastNotificationAt: string | null;
  /** standing remarks on the account's health that do not stop syncing (e.g. a mall's list filters refused, a fallback in use) */
  notes?: { code: string; message: string }[];
}

/** `POST /malls/{mall}/test`: the mall's answer to the given (or the stored) credentials. */
export interface MallConnectionTest {
  ok: boolean;
  /** `ok`, or what the failure means (`api_not_enabled`, `auth_failed`, `error`) */
  health: MallHealth;
  /** the licence key's / refresh token's expiry, when the mall told it */
  credentialExpiresAt: string | null;
  /** the mapped problem when not ok */
  error: { code: string; message: string } | null;
}

/** `GET /api/v1/malls` */
export interface MallAccountList {
  items: MallAccountView[];
}

/** Server-sent event names of `GET /api/v1/events`. */
export type ServerEventName = 'inquiry.updated' | 'counts.updated' | 'presence.updated';
export interface InquiryUpdatedEvent {
  id: string;
  orderId: string | null;
}

/** RFC 9457 problem body; `code` is stable and turned into a Japanese message by the widgets. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** per-field problems, e.g. the reply rules or the template form */
  errors?: FieldProblem[];
}

export interface FieldProblem {
  field: string;
  code: string;
  detail?: string;
}

// ---- team work (DESIGN.md §2b) ----

/** `admin` may change shop settings, mall accounts and templates; `staff` may not. */
export type StaffRole = 'admin' | 'staff';

/** A member of the shop's team, as known from the tokens the server has seen. */
export interface StaffMember {
  /** the token's `sub`, or its `staff` when it has no `sub` */
  id: string;
  /** the token's `staff`: the display name, also `[担当者名]` */
  name: string;
  role: StaffRole;
  lastSeenAt: string;
}

/** `GET /staff` */
export interface StaffList {
  items: StaffMember[];
}

/** The inbox's order: newest activity first, or the customer who has waited longest first (待ち時間順). */
export const INBOX_SORTS = ['newest', 'waiting'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** 自分の担当 / 未割り当て / すべて: the list and the counts follow it. */
export const ASSIGNEE_FILTERS = ['me', 'unassigned', 'all'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];

/** `GET /staff/me`, `PUT /staff/me/preferences`: what each member keeps for themselves. */
export interface StaffPreferences {
  inboxSort: InboxSort;
}

export interface StaffSelf extends StaffMember {
  preferences: StaffPreferences;
}

/** Who an inquiry is assigned to (担当者). */
export interface AssigneeView {
  id: string;
  name: string;
}

/**
 * The team's view of an inquiry, added to every summary (list, thread, panel). Waiting time counts
 * only the shop's business hours (settings), from the customer's oldest unanswered message.
 */
export interface TeamFields {
  assignee: AssigneeView | null;
  /** the customer's oldest unanswered message; null unless the inquiry needs a reply */
  waitingSince: string | null;
  /** business minutes waited so far (待ち時間); null unless the inquiry needs a reply */
  waitingMinutes: number | null;
  /** past the shop's threshold (返信遅れ) */
  overdue: boolean;
  /** customer messages this member has not opened (未読) */
  unread: boolean;
  /** the thread's version: moves on with every message; a reply's `basedOn` */
  version: number;
}

/** 社内メモ: for staff only, never sent to a mall. */
export interface NoteView {
  id: string;
  inquiryId: string;
  authorId: string;
  authorName: string;
  /** plain text, never HTML */
  body: string;
  createdAt: string;
}

/** `GET /inquiries/{id}/notes` */
export interface NoteList {
  items: NoteView[];
}

export type PresenceState = 'viewing' | 'typing';

/** One member on an inquiry right now (閲覧中 / 返信を作成中); expires by itself when heartbeats stop. */
export interface PresenceView {
  staffId: string;
  staffName: string;
  state: PresenceState;
}

/** `presence.updated` event: everyone on the inquiry now, the listener's own entry included. */
export interface PresenceUpdatedEvent {
  inquiryId: string;
  members: PresenceView[];
}

/** 409 `thread_changed` answer of a reply: the problem plus what arrived since `basedOn`. */
export interface ThreadChangedProblem extends Problem {
  code: 'thread_changed';
  version: number;
  messages: MessageView[];
}

/** `POST /inquiries/bulk` */
export interface BulkRequest {
  ids: string[];
  action: 'complete' | 'assign';
  /** with `assign`: the member, or null to unassign */
  staffId?: string | null;
}

export interface BulkOutcome {
  id: string;
  ok: boolean;
  /** the problem code when refused, e.g. `not_found`, `already_completed` */
  code?: string;
  detail?: string;
}

export interface BulkResult {
  results: BulkOutcome[];
}

/** `PUT /inquiries/{id}/assignee` */
export interface AssigneeInput {
  staffId: string | null;
}

/** `POST /inquiries/{id}/notes` */
export interface NoteInput {
  body: string;
}

/** `POST /inquiries/{id}/presence`: a heartbeat every few seconds; `left` when the page closes the thread. */
export interface PresenceInput {
  state: PresenceState | 'left';
}

/** `POST /inquiries/{id}/read`: the member's read marker moved to the thread's current version. */
export interface ReadMarker {
  id: string;
  version: number;
  unread: false;
}

/** The shop's business hours, for 待ち時間 and 返信遅れ. Times are JST. */
export interface BusinessHours {
  /** open weekdays, 0 = Sunday … 6 = Saturday (default Monday–Friday) */
  days: number[];
  /** "09:00" */
  start: string;
  /** "18:00" */
  end: string;
  /** Japan's public holidays are closed days (default true) */
  publicHolidays: boolean;
  /** the shop's own closed dates, "YYYY-MM-DD" */
  holidays: string[];
  /** 返信遅れ after this many business days of waiting (default 1) */
  overdueAfterDays: number;
}

/** 平日 9:00–18:00 JST, Japan's public holidays closed, 返信遅れ after 1 business day. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  publicHolidays: true,
  holidays: [],
  overdueAfterDays: 1,
};
