/**
 * The product's own model of what a mall holds, as the mall clients hand it over.
 * Each client (rakuten/, yahoo/) translates its wire format into these types at its edge;
 * the sync engine and the repositories know nothing else about a mall.
 */
import type { Mall, Sender } from '../../shared/api.ts';

/** An attachment as the mall lists it. `mallKey` is what the client needs to download it again. */
export interface MallAttachment {
  /** Rakuten: JSON of {path,label}; Yahoo!: the objectKey */
  mallKey: string;
  name: string;
  contentType: string;
  /** bytes, when the mall says */
  size: number | null;
}

/** An attachment with its bytes, as stored: the malls keep files for a limited time (Rakuten: 90 days). */
export interface MallAttachmentWithBytes extends MallAttachment {
  bytes: Uint8Array;
}

export interface MallMessage {
  /**
   * Stable within its inquiry across re-reads (Rakuten: "first" for the opening message, then the
   * reply id; Yahoo!: messageId). Together with the inquiry it makes a message idempotent to store.
   */
  mallMessageId: string;
  sender: Sender;
  body: string;
  sentAt: Date;
  attachments: MallAttachment[];
}

export interface MallInquiry {
  mall: Mall;
  /** Rakuten inquiryNumber, Yahoo! topicId */
  mallInquiryId: string;
  orderId: string | null;
  subject: string;
  /** Rakuten userName; Yahoo! always null: the mall gives a masked id only, and the product never invents a name */
  customerName: string | null;
  itemName: string | null;
  createdAt: Date;
  updatedAt: Date;
  completed: boolean;
  /** oldest first */
  messages: MallMessage[];
}
