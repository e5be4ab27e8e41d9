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

export interface InquirySummary {
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
}

export interface InquiryPage {
  items: InquirySummary[];
  nextCursor: string | null;
}

export interface InquiryCounts {
  needsReply: number;
  replied: number;
  completed: number;
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
}

/** `GET /api/v1/malls` */
export interface MallAccountList {
  items: MallAccountView[];
}

/** Server-sent event names of `GET /api/v1/events`. */
export type ServerEventName = 'inquiry.updated' | 'counts.updated';
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
