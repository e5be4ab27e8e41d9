/**
 * Rakuten RMS InquiryManagementAPI wire format (malls/rakuten.md §5). Only the Rakuten client,
 * its mapping and its simulator import these: past the client everything speaks mall-model.ts.
 */

/** Response timestamp: JST with an explicit offset, e.g. "2020-05-19T15:25:48+09:00". */
export type RmsDateTime = string;
/** Request timestamp: "yyyy-MM-ddTHH:mm:ss", no offset, read as JST. An offset is refused (IE001). */
export type RmsRequestDateTime = string;

export type RmsInquiryType = '店舗問い合わせ' | '商品問い合わせ' | '受注問い合わせ' | '店舗からの問い合わせ';

export interface RmsAttachment {
  /** file name */
  label: string;
  /** opaque retrieval key "yyyy/MM/dd/{shopId}/HHmmss_…" */
  path: string;
}

export interface RmsReply {
  /** sequential within the inquiry, from 0, stable across re-reads */
  id: number;
  /** "" when isMessageDeleted */
  message: string;
  regDate: RmsDateTime;
  replyFrom: 'merchant' | 'user';
  isRead: boolean;
  isMessageDeleted: boolean;
  attachments: RmsAttachment[];
}

export interface RmsInquiry {
  inquiryNumber: string;
  shopId: number;
  userName: string;
  userMaskEmail?: string;
  /** the customer's first message; "" when isMessageDeleted */
  message: string;
  regDate: RmsDateTime;
  itemUrl: string | null;
  itemName: string | null;
  itemNumber: string | null;
  isCompleted: boolean;
  completedDate: RmsDateTime | null;
  orderNumber: string | null;
  readByMerchant: boolean;
  attachments: RmsAttachment[];
  replies: RmsReply[];
  /** may be "" for older inquiries */
  category: string;
  type: RmsInquiryType;
  isMessageDeleted: boolean;
  lastUpdateDate: RmsDateTime;
  socialGiftUserType: '注文者' | '受取人' | null;
}

/** GET /inquiries/count */
export interface RmsCountResponse {
  result: { count: number };
}

/** GET /inquiries: the one envelope NOT wrapped in `result`. */
export interface RmsListResponse {
  totalCount: number;
  totalPageCount: number;
  page: number;
  list: RmsInquiry[];
}

/** GET /inquiry/{inquiryNumber} */
export interface RmsGetResponse {
  result: RmsInquiry;
}

/** POST /inquiry/reply */
export interface RmsReplyRequest {
  inquiryNumber: string;
  /** the doc types it as a string; some clients send a number (rakutenReplyShopIdAsString) */
  shopId: string | number;
  message: string;
  /** 0..1 elements, always an array when present */
  attachments?: RmsAttachment[];
}

/** 201 answer of POST /inquiry/reply: no reply id is returned. */
export interface RmsReplyResponse {
  result: {
    inquiryNumber?: string;
    message: string;
    regDate: RmsDateTime;
    replyFrom: 'merchant';
    isRead: boolean;
    attachments: RmsAttachment[];
  };
}

/** 201 answer of POST /attachment; `errorMessage` is set when storing failed after receipt. */
export interface RmsAttachmentUploadResponse {
  result: { label: string; path: string; errorMessage?: string };
}

/** PATCH /inquiries/read | /inquiries/complete | /inquiries/incomplete (≤20 numbers) */
export interface RmsBulkStateRequest {
  inquiryNumbers: string[];
}

export interface RmsBulkStateResponse {
  result: { ok: string[]; error: { inquiryNumber: string; errorMessage: string }[] };
}

/** Licence management: GET /license-key/expiry-date?licenseKey=… */
export interface RmsLicenseExpiryResponse {
  expiryDate: string;
}

/** This API's own errors (validation …). */
export interface RmsInquiryApiError {
  error: { code: string; message: string; targets?: Record<string, string> };
}

/** Errors of the shared RMS gateway (auth, body size …). */
export interface RmsGatewayError {
  errors: { code: string; message: string }[];
}

/** The function names an RMS key must be entitled to (利用設定), one per endpoint. */
export const RMS_INQUIRY_FUNCTIONS = [
  'inquirymngapi.counts.get',
  'inquirymngapi.inquiries.get',
  'inquirymngapi.inquiry.get',
  'inquirymngapi.reply.post',
  'inquirymngapi.attachment.post',
  'inquirymngapi.attachment.get',
  'inquirymngapi.inquiries.patch.read',
  'inquirymngapi.inquiries.patch.complete',
  'inquirymngapi.inquiries.patch.incomplete',
  'license.expiryDate.get',
] as const;
export type RmsFunctionName = (typeof RMS_INQUIRY_FUNCTIONS)[number];

/** inquiryNumber and bulk element rule, 1–40 characters. */
export const INQUIRY_NUMBER_PATTERN = /^[0-9a-zA-Z-]+$/;
/** Request datetime rule of the list and count calls. */
export const REQUEST_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
