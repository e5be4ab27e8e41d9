/** Browser-side helpers of the team tests: members of one shop, each with their own inbox. */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { composerOf, root, rows, type TestShop } from '../inbox/inbox-helpers.ts';

/** The shop seen by another member of its team (their own token). */
export async function asMember(shop: TestShop, staff: string, role: 'admin' | 'staff' = 'staff'): Promise<TestShop> {
  const token = (await executeServerCommand('inbox:member', { shopId: shop.shopId, staff, role })) as string;
  return { ...shop, token };
}

export async function api<T>(shop: { url: string; token: string }, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${shop.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${shop.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const presenceLine = (el: GoqInquiryInbox): string => root(el).querySelector('.presence')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const rowOf = (el: GoqInquiryInbox, subject: string): HTMLButtonElement | undefined =>
  rows(el).find((r) => r.querySelector('.subject')!.textContent!.trim() === subject);

/** The row's team facts (未読, 担当, 待ち時間, 返信遅れ) as one line of text. */
export const rowTeamText = (el: GoqInquiryInbox, subject: string): string =>
  rowOf(el, subject)?.querySelector('.team')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const checkboxOf = (el: GoqInquiryInbox, subject: string): HTMLInputElement =>
  rowOf(el, subject)!.parentElement!.querySelector<HTMLInputElement>('input.pick')!;

export const composerRoot = (el: GoqInquiryInbox): ShadowRoot => composerOf(el)!.shadowRoot!;

export async function select(el: HTMLSelectElement, value: string): Promise<void> {
  el.value = value;
  el.dispatchEvent(new Event('change'));
}

/** Waits until the detail of `id` is shown with its composer. */
export async function detailShown(el: GoqInquiryInbox, id: string): Promise<void> {
  await waitUntil(() => root(el).querySelector(`.detail-body[data-id="${id}"]`) && composerOf(el), `inquiry ${id} not shown`, { timeout: 8000 });
  await composerOf(el)!.updateComplete;
}
