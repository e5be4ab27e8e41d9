/**
 * The externalTalk API's wire format (malls/yahoo.md §3), shared by the client and the simulator.
 * Key casing differs between endpoints on purpose: that is what the mall sends (topicId in the list,
 * topicid in the add response; orderId/itemCode in the list, orderid/itemcode in detail; messageId in
 * detail, messageid in the add response; isCompleted in the list, isComplete in detail).
 * Nothing outside server/malls/yahoo/ imports these names.
 */

/** UNIX seconds: numbers in the list, strings in detail; readers accept both. */
export type UnixSec = number | string;

export const API_PREFIX = '/ShoppingWebService/V1';
export const TOKEN_PATH = '/yconnect/v2/token';

export const PATHS = {
  list: `${API_PREFIX}/externalTalkList`,
  detail: `${API_PREFIX}/externalTalkDetail`,
  add: `${API_PREFIX}/externalTalkAdd`,
  read: `${API_PREFIX}/externalTalkRead`,
  complete: `${API_PREFIX}/externalTalkComplete`,
  private: `${API_PREFIX}/externalTalkPrivate`,
  fileAdd: `${API_PREFIX}/externalTalkFileAdd`,
  fileDownload: `${API_PREFIX}/externalTalkFileDownload`,
  fileDelete: `${API_PREFIX}/externalTalkFileDelete`,
} as const;

export type RequestFilter = 'all' | 'unanswered' | 'answered' | 'completed';

export interface TalkListResponse {
  summary: {
    filter: string;
    unansweredCount: number;
    topic: { start: number; end: number; count: number };
  };
  headlines: TalkHeadline[];
}

export interface TalkHeadline {
  topicId: string;
  isUnread?: boolean;
  isUserUnRead?: boolean;
  isNoAnswer: boolean;
  isCompleted: boolean;
  completeConditionId?: number | string | null;
  completeConditionShortName?: string | null;
  userPostTime: UnixSec;
  sellerPostTime: UnixSec | null;
  qaType?: 'item' | 'order';
  isPrivate?: boolean;
  category?: number | string;
  title?: string;
  body?: string;
  messageCount?: number;
  userMaskedId?: string;
  itemCode?: string;
  orderId?: string;
  firstPoster?: 'user' | 'seller';
  serviceType?: string;
  memo?: string | null;
}

export interface TalkDetailResponse {
  topic: TalkTopic;
  messages: TalkMessage[];
}

export interface TalkTopic {
  accessUserType: 'user' | 'seller';
  userLastReadTime: UnixSec;
  isUserUnRead: boolean;
  sellerLastReadTime: UnixSec;
  isSellerUnRead: boolean;
  isPrivate: boolean;
  isComplete: boolean;
  completeConditionId: number | null;
  isMail: boolean;
  userMaskedIdx?: string;
  itemcode?: string;
  orderid?: string;
  categoryid?: number | string;
  categoryName?: string | string[];
  title?: string;
  qaType?: 'item' | 'order';
}

export interface TalkMessage {
  messageId: number;
  postUserType: 'user' | 'seller';
  bid?: string | null;
  postdate: UnixSec;
  body: string;
  fileList: TalkFile[];
}

export interface TalkFile {
  fileName: string;
  objectKey: string;
  fileExt: string;
  thumbnailUrl?: string;
  fileSize?: number;
}

export interface TalkAddBody {
  sellerId: string;
  body: string;
  orderId?: string;
  fileList?: Array<{ fileName: string; filePath: string; fileExt: string }>;
}

export interface TalkAddResponse {
  topicid: string;
  messageid: number;
  postdate?: string;
}

export interface TalkCompleteBody {
  sellerId: string;
  completeConditionId?: number | string;
}

export interface StatusOkResponse {
  status: 'ok';
}

export interface FileAddResponse {
  objectKey: string;
}

/** YConnect v2 token endpoint answer. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  id_token?: string;
}

export interface TokenErrorResponse {
  error: string;
  error_description?: string;
}

/** Short labels of the completion conditions (§3.5). */
export const COMPLETE_CONDITIONS: Record<number, string> = {
  1: '通常完了',
  2: '電話完了',
  3: 'メール対応',
  4: '同一質問',
  5: '回答不要',
};

/** Reads a UNIX-seconds value that may be a number or a numeric string; null when absent or not a number. */
export function readUnixSec(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** Reads a key that the mall spells in more than one casing. */
export function pick<T = unknown>(record: Record<string, unknown>, ...keys: string[]): T | undefined {
  for (const key of keys) {
    if (record[key] !== undefined) return record[key] as T;
  }
  return undefined;
}
