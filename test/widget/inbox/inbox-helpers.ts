/** Browser-side helpers of the inbox tests: a shop of the test's own on the real server, and shadow DOM lookups. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { InquiryStatus, Mall } from '../../../shared/api.ts';
import '../../../widget/inbox/index.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';

export interface TestShop {
  url: string;
  token: string;
  shopId: string;
  ids: Record<string, string>;
}

export interface ShopRequest {
  demo?: boolean;
  bulk?: number;
  noPhone?: boolean;
  accounts?: { mall: Mall; apiOption?: boolean; health?: string; error?: { code: string; message: string } }[];
}

export function createShop(request: ShopRequest = {}): Promise<TestShop> {
  return executeServerCommand('inbox:shop', request) as Promise<TestShop>;
}

export function failMessage(shop: TestShop, messageId: string, reason: string): Promise<unknown> {
  return executeServerCommand('inbox:fail-message', { shopId: shop.shopId, messageId, reason });
}

export function deliverMessage(shop: TestShop, messageId: string): Promise<unknown> {
  return executeServerCommand('inbox:deliver-message', { shopId: shop.shopId, messageId });
}

export function customerWrites(shop: TestShop, subject: string): Promise<unknown> {
  return executeServerCommand('inbox:customer-writes', { shopId: shop.shopId, subject });
}

export interface InboxOptions {
  lang?: string;
  status?: InquiryStatus;
  inquiryId?: string;
  orderUrl?: string;
}

/** An inbox on the test's shop, once its first page of rows is on screen. */
export async function openInbox(shop: TestShop, options: InboxOptions = {}): Promise<GoqInquiryInbox> {
  const el = await fixture<GoqInquiryInbox>(html`<goq-inquiry-inbox
    api-base=${shop.url}
    token=${shop.token}
    status=${options.status ?? 'needs-reply'}
    inquiry-id=${options.inquiryId ?? ''}
    order-url=${options.orderUrl ?? '/orders/{orderId}'}
    lang=${options.lang ?? ''}
  ></goq-inquiry-inbox>`);
  await waitUntil(() => listOf(el) && !listLoading(el) && tabs(el).length === 3, 'the list did not load', { timeout: 8000 });
  await waitUntil(() => countBadge(el) !== null, 'the counts did not load', { timeout: 8000 });
  return el;
}

export const root = (el: Element): ShadowRoot => el.shadowRoot!;

export const tabs = (el: GoqInquiryInbox): HTMLButtonElement[] => [...root(el).querySelectorAll<HTMLButtonElement>('[role=tab]')];

export const countBadge = (el: GoqInquiryInbox): HTMLElement | null => root(el).querySelector('.count');

/** The scrolling pane that holds the list. */
export const listOf = (el: GoqInquiryInbox) => root(el).querySelector<HTMLElement>('.list-pane');

/** A page of the list is being loaded. */
export const listLoading = (el: GoqInquiryInbox): boolean => root(el).querySelector('.list-pane .loading') !== null;

export const rows = (el: GoqInquiryInbox): HTMLButtonElement[] => [...root(el).querySelectorAll<HTMLButtonElement>('.list-pane button.row')];

export function rowSubjects(el: GoqInquiryInbox): string[] {
  return rows(el).map((r) => r.querySelector('.subject')!.textContent!.trim());
}

export const composerOf = (el: GoqInquiryInbox) => root(el).querySelector('goq-reply-composer');

export const threadOf = (el: GoqInquiryInbox) => root(el).querySelector('goq-thread');

export const textareaOf = (el: GoqInquiryInbox): HTMLTextAreaElement => composerOf(el)!.shadowRoot!.querySelector('textarea')!;

export const detailSubject = (el: GoqInquiryInbox): string => root(el).querySelector('#detail-subject')?.textContent?.trim() ?? '';

/** Selects an inquiry by clicking its row and waits for its thread. */
export async function openRow(el: GoqInquiryInbox, subject: string): Promise<void> {
  await waitUntil(() => rowSubjects(el).includes(subject), `no row ${subject}`, { timeout: 8000 });
  rows(el).find((r) => r.querySelector('.subject')!.textContent!.trim() === subject)!.click();
  await waitUntil(() => detailSubject(el) === subject && composerOf(el), `detail of ${subject} did not open`, { timeout: 8000 });
  await composerOf(el)!.updateComplete;
}

/** Message bodies shown in the thread with their delivery labels. */
export function threadMessages(el: GoqInquiryInbox): { body: string; delivery: string }[] {
  const thread = threadOf(el);
  if (!thread) return [];
  return [...thread.shadowRoot!.querySelectorAll('li.shop, li.customer')].map((li) => ({
    body: li.querySelector('.body')?.textContent ?? '',
    delivery: li.querySelector('.delivery span')?.textContent?.trim() ?? '',
  }));
}

/** Types into a textarea as a user would (value + input event). */
export function typeInto(area: HTMLTextAreaElement, text: string): void {
  area.focus();
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
