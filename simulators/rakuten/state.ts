/**
 * The simulated RMS side: stores (shops), their keys, inquiries and uploaded files, kept in memory.
 * Wire shapes are produced here from the internal records (Dates inside, RMS strings outside).
 */
import { randomBytes } from 'node:crypto';
import { jstPathParts, jstParts, toRmsDateTime } from '../../server/malls/rakuten/jst-time.ts';
import { RAKUTEN_DEFAULT_SETTINGS } from '../../server/malls/rakuten/settings.ts';
import {
  RMS_INQUIRY_FUNCTIONS,
  type RmsAttachment,
  type RmsFunctionName,
  type RmsInquiry,
  type RmsInquiryType,
  type RmsReply,
} from '../../server/malls/rakuten/wire.ts';

export interface SimClock {
  now(): Date;
}

export interface SimReply {
  id: number;
  message: string;
  regDate: Date;
  replyFrom: 'merchant' | 'user';
  isRead: boolean;
  isMessageDeleted: boolean;
  attachments: RmsAttachment[];
}

export interface SimInquiry {
  inquiryNumber: string;
  shopId: number;
  userName: string;
  userMaskEmail?: string;
  message: string;
  regDate: Date;
  itemUrl: string | null;
  itemName: string | null;
  itemNumber: string | null;
  isCompleted: boolean;
  completedDate: Date | null;
  orderNumber: string | null;
  readByMerchant: boolean;
  attachments: RmsAttachment[];
  replies: SimReply[];
  category: string;
  type: RmsInquiryType;
  isMessageDeleted: boolean;
  lastUpdateDate: Date;
  socialGiftUserType: '注文者' | '受取人' | null;
}

export interface SimFile {
  path: string;
  /** labels the file can be fetched under: the upload's own, plus any a reply gave it */
  labels: Set<string>;
  contentType: string;
  bytes: Uint8Array;
  uploadedAt: Date;
}

export interface SimNotificationTarget {
  /** where system-event notifications are POSTed; null: none sent */
  url: string | null;
  authKey: string;
  /** serviceId of the 問い合わせユーザアクション通知 (an assumption, see server/malls/rakuten/settings.ts) */
  serviceId: string;
}

export interface SimStore {
  shopId: number;
  shopUrl: string;
  contractId: string;
  /** functions switched on in 利用設定; a call to one that is off answers 401 GA0001 */
  functions: Set<RmsFunctionName>;
  /**
   * Whether the shop approved the 問い合わせユーザアクション通知. While false, list and count hide
   * inquiries whose regDate is older than the visibility window (malls/rakuten.md §8.3, an assumption).
   */
  userActionNotificationApproved: boolean;
  notification: SimNotificationTarget;
  /** order numbers the generator attaches order inquiries to */
  orders: string[];
  inquiries: Map<string, SimInquiry>;
  files: Map<string, SimFile>;
}

export interface SimKey {
  serviceSecret: string;
  licenseKey: string;
  shopId: number;
  expiresAt: Date;
}

export interface StoreInput {
  shopId: number;
  serviceSecret: string;
  licenseKey: string;
  /** default: 90 days from now */
  licenseExpiresAt?: Date;
  shopUrl?: string;
  contractId?: string;
  /** default: every function on */
  functions?: RmsFunctionName[];
  userActionNotificationApproved?: boolean;
  notification?: Partial<SimNotificationTarget>;
  orders?: string[];
}

export interface ReplyInput {
  message: string;
  /** default: now */
  at?: Date;
  from?: 'merchant' | 'user';
  isRead?: boolean;
  isMessageDeleted?: boolean;
  attachments?: RmsAttachment[];
}

export interface InquiryInput {
  inquiryNumber?: string;
  userName: string;
  userMaskEmail?: string;
  message: string;
  regDate?: Date;
  type?: RmsInquiryType;
  category?: string;
  itemUrl?: string | null;
  itemName?: string | null;
  itemNumber?: string | null;
  orderNumber?: string | null;
  isCompleted?: boolean;
  completedDate?: Date | null;
  readByMerchant?: boolean;
  isMessageDeleted?: boolean;
  attachments?: RmsAttachment[];
  replies?: ReplyInput[];
  socialGiftUserType?: '注文者' | '受取人' | null;
}

export const ATTACHMENT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function toWireReply(reply: SimReply): RmsReply {
  return {
    id: reply.id,
    message: reply.isMessageDeleted ? '' : reply.message,
    regDate: toRmsDateTime(reply.regDate),
    replyFrom: reply.replyFrom,
    isRead: reply.isRead,
    isMessageDeleted: reply.isMessageDeleted,
    attachments: reply.isMessageDeleted ? [] : reply.attachments.map((a) => ({ ...a })),
  };
}

export function toWireInquiry(inquiry: SimInquiry): RmsInquiry {
  const wire: RmsInquiry = {
    inquiryNumber: inquiry.inquiryNumber,
    shopId: inquiry.shopId,
    userName: inquiry.userName,
    message: inquiry.isMessageDeleted ? '' : inquiry.message,
    regDate: toRmsDateTime(inquiry.regDate),
    itemUrl: inquiry.itemUrl,
    itemName: inquiry.itemName,
    itemNumber: inquiry.itemNumber,
    isCompleted: inquiry.isCompleted,
    completedDate: inquiry.completedDate ? toRmsDateTime(inquiry.completedDate) : null,
    orderNumber: inquiry.orderNumber,
    readByMerchant: inquiry.readByMerchant,
    attachments: inquiry.isMessageDeleted ? [] : inquiry.attachments.map((a) => ({ ...a })),
    replies: [...inquiry.replies].sort((a, b) => a.id - b.id).map(toWireReply),
    category: inquiry.category,
    type: inquiry.type,
    isMessageDeleted: inquiry.isMessageDeleted,
    lastUpdateDate: toRmsDateTime(inquiry.lastUpdateDate),
    socialGiftUserType: inquiry.socialGiftUserType,
  };
  if (inquiry.userMaskEmail !== undefined) wire.userMaskEmail = inquiry.userMaskEmail;
  return wire;
}

export class SimState {
  readonly stores = new Map<number, SimStore>();
  /** by licenseKey */
  readonly keys = new Map<string, SimKey>();
  #serial = 0;

  constructor(readonly clock: SimClock) {}

  addStore(input: StoreInput): SimStore {
    if (this.stores.has(input.shopId)) throw new Error(`store ${input.shopId} exists`);
    const store: SimStore = {
      shopId: input.shopId,
      shopUrl: input.shopUrl ?? `shop-${input.shopId}`,
      contractId: input.contractId ?? `C${pad(input.shopId, 8)}`,
      functions: new Set(input.functions ?? RMS_INQUIRY_FUNCTIONS),
      userActionNotificationApproved: input.userActionNotificationApproved ?? false,
      notification: {
        url: input.notification?.url ?? null,
        authKey: input.notification?.authKey ?? randomBytes(16).toString('hex'),
        serviceId: input.notification?.serviceId ?? RAKUTEN_DEFAULT_SETTINGS.rakutenUserActionNotificationServiceId,
      },
      orders: [...(input.orders ?? [])],
      inquiries: new Map(),
      files: new Map(),
    };
    this.stores.set(store.shopId, store);
    this.addKey({
      shopId: input.shopId,
      serviceSecret: input.serviceSecret,
      licenseKey: input.licenseKey,
      expiresAt: input.licenseExpiresAt ?? new Date(this.clock.now().getTime() + 90 * DAY_MS),
    });
    return store;
  }

  addKey(key: SimKey): void {
    if (!this.stores.has(key.shopId)) throw new Error(`no store ${key.shopId}`);
    this.keys.set(key.licenseKey, { ...key });
  }

  store(shopId: number): SimStore {
    const store = this.stores.get(shopId);
    if (!store) throw new Error(`no store ${shopId}`);
    return store;
  }

  /** The store an inquiry number belongs to, whatever store it is. */
  findInquiry(inquiryNumber: string): { store: SimStore; inquiry: SimInquiry } | null {
    for (const store of this.stores.values()) {
      const inquiry = store.inquiries.get(inquiryNumber);
      if (inquiry) return { store, inquiry };
    }
    return null;
  }

  /** `<shopId>-<yyyyMMdd>-<8 digits><lower-case letter>`, the shape observed on real inquiries. */
  newInquiryNumber(shopId: number, at: Date): string {
    const p = jstParts(at);
    for (;;) {
      this.#serial++;
      const digits = pad((this.#serial * 7919 + randomBytes(3).readUIntBE(0, 3)) % 100_000_000, 8);
      const letter = String.fromCharCode(97 + (this.#serial % 26));
      const number = `${shopId}-${p.y}${pad(p.mo, 2)}${pad(p.d, 2)}-${digits}${letter}`;
      if (!this.findInquiry(number)) return number;
    }
  }

  addInquiry(shopId: number, input: InquiryInput): SimInquiry {
    const store = this.store(shopId);
    // The mall keeps whole seconds: its dates carry no fraction, and list windows are whole seconds too.
    const regDate = wholeSecond(input.regDate ?? this.clock.now());
    const inquiryNumber = input.inquiryNumber ?? this.newInquiryNumber(shopId, regDate);
    if (this.findInquiry(inquiryNumber)) throw new Error(`inquiry ${inquiryNumber} exists`);
    const type = input.type ?? (input.orderNumber ? '受注問い合わせ' : input.itemName ? '商品問い合わせ' : '店舗問い合わせ');
    const inquiry: SimInquiry = {
      inquiryNumber,
      shopId,
      userName: input.userName,
      ...(input.userMaskEmail !== undefined ? { userMaskEmail: input.userMaskEmail } : {}),
      message: input.message,
      regDate,
      itemUrl: input.itemUrl ?? null,
      itemName: input.itemName ?? null,
      itemNumber: input.itemNumber ?? null,
      isCompleted: input.isCompleted ?? false,
      completedDate: input.isCompleted ? (input.completedDate ?? regDate) : null,
      orderNumber: input.orderNumber ?? null,
      readByMerchant: input.readByMerchant ?? false,
      attachments: [...(input.attachments ?? [])],
      replies: [],
      category: input.category ?? '',
      type,
      isMessageDeleted: input.isMessageDeleted ?? false,
      lastUpdateDate: regDate,
      socialGiftUserType: input.socialGiftUserType ?? null,
    };
    store.inquiries.set(inquiryNumber, inquiry);
    for (const reply of input.replies ?? []) this.appendReply(inquiry, reply);
    return inquiry;
  }

  /** Appends a reply with the next id and moves lastUpdateDate. */
  appendReply(inquiry: SimInquiry, input: ReplyInput): SimReply {
    const at = wholeSecond(input.at ?? this.clock.now());
    const reply: SimReply = {
      id: inquiry.replies.reduce((max, r) => Math.max(max, r.id), -1) + 1,
      message: input.message,
      regDate: at,
      replyFrom: input.from ?? 'user',
      isRead: input.isRead ?? false,
      isMessageDeleted: input.isMessageDeleted ?? false,
      attachments: [...(input.attachments ?? [])],
    };
    inquiry.replies.push(reply);
    if (at > inquiry.lastUpdateDate) inquiry.lastUpdateDate = at;
    // a customer's new message asks the shop to look again
    if (reply.replyFrom === 'user') inquiry.readByMerchant = false;
    return reply;
  }

  /** Stores a file the way /attachment does: path `yyyy/MM/dd/{shopId}/HHmmss_<hex>`, kept 90 days. */
  addFile(shopId: number, file: { label: string; contentType: string; bytes: Uint8Array; at?: Date }): RmsAttachment {
    const store = this.store(shopId);
    const at = file.at ?? this.clock.now();
    const { day, time } = jstPathParts(at);
    const path = `${day}/${shopId}/${time}_${randomBytes(16).toString('hex')}`;
    store.files.set(path, {
      path,
      labels: new Set([file.label]),
      contentType: file.contentType,
      bytes: file.bytes,
      uploadedAt: at,
    });
    return { label: file.label, path };
  }

  /** A file still within its retention, or null. */
  liveFile(store: SimStore, path: string): SimFile | null {
    const file = store.files.get(path);
    if (!file) return null;
    if (this.clock.now().getTime() - file.uploadedAt.getTime() > ATTACHMENT_RETENTION_DAYS * DAY_MS) return null;
    return file;
  }
}

function wholeSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
