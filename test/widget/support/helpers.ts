/** Browser-side helpers shared by the element tests. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { InquiryPayload } from './fixtures.ts';

export interface TestServer {
  url: string;
  /** the same server behind a proxy that can be told to fail (goq:fail-next) */
  faultUrl: string;
}

export function testServer(): Promise<TestServer> {
  return executeServerCommand<TestServer, undefined>('goq:server');
}

export function newShop(): Promise<{ shopId: string; token: string }> {
  return executeServerCommand('goq:shop');
}

export function recordInquiry(shopId: string, inquiry: InquiryPayload): Promise<boolean> {
  return executeServerCommand('goq:record-inquiry', { shopId, inquiry });
}

/** Cuts the event streams through faultUrl and refuses new ones for holdMs. */
export function dropEvents(holdMs: number): Promise<boolean> {
  return executeServerCommand('goq:drop-events', { holdMs });
}

/** A token for another member of the shop's team. */
export function memberToken(shopId: string, member: { staff: string; sub?: string; role?: 'admin' | 'staff' }): Promise<string> {
  return executeServerCommand('goq:member', { shopId, ...member });
}

export function failNext(count: number): Promise<boolean> {
  return executeServerCommand('goq:fail-next', { count });
}

/** Text of a node and everything under it, shadow roots included (what a user can read). */
export function deepText(node: Node): string {
  let text = '';
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) text += n.textContent ?? '';
    const el = n as Element;
    if (el.shadowRoot) el.shadowRoot.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return text;
}

/** All elements matching a selector, searching through shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(root: Node, selector: string): T[] {
  const found: T[] = [];
  const walk = (n: Node): void => {
    if (n instanceof Element && n.matches(selector)) found.push(n as T);
    const el = n as Element;
    if (el.shadowRoot) el.shadowRoot.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(root);
  return found;
}

export function minutesAgo(n: number): string {
  return new Date(Date.now() - n * 60_000).toISOString();
}

export function uniqueOrderId(): string {
  return `order-${crypto.randomUUID().slice(0, 8)}`;
}

export interface ShopWithInquiry {
  shopId: string;
  token: string;
  orderId: string;
  /** the customer writes again on the same inquiry, stored as the mall sync stores it (with events) */
  followUp(body: string): Promise<void>;
}

/** A fresh shop with one order on which a Rakuten customer has asked one question. */
export async function shopWithInquiry(first: { subject: string; customerName: string; body: string; sentMinutesAgo: number }): Promise<ShopWithInquiry> {
  const { shopId, token } = await newShop();
  const orderId = uniqueOrderId();
  const inquiry: InquiryPayload = {
    mall: 'rakuten',
    mallInquiryId: `inquiry-${orderId}`,
    orderId,
    subject: first.subject,
    customerName: first.customerName,
    messages: [{ sender: 'customer', body: first.body, sentAt: minutesAgo(first.sentMinutesAgo) }],
  };
  await recordInquiry(shopId, inquiry);
  return {
    shopId,
    token,
    orderId,
    async followUp(body) {
      inquiry.messages.push({ sender: 'customer', body, sentAt: minutesAgo(1) });
      await recordInquiry(shopId, inquiry);
    },
  };
}
