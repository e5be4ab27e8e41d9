/**
 * Template placeholders (差し込み): written with their brackets in a template's body and filled in
 * when the template is inserted into a reply. Unknown bracketed tokens stay as written and are
 * reported, so the composer can warn before sending.
 */
import type { Mall } from './api.ts';
import { showsCustomerName } from './mall-display.ts';

export const PLACEHOLDERS = [
  '[出店モール店舗名]',
  '[担当者名]',
  '[店舗電話番号]',
  '[店舗メールアドレス]',
  '[注文者名]',
  '[受注番号]',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface PlaceholderValues {
  /** the store's name on the inquiry's mall */
  storeName: string;
  /** the staff member replying */
  staffName: string;
  phone: string;
  email: string;
  /** the orderer as the reply addresses them: see ordererNameFor() */
  ordererName?: string;
  /** the inquiry's order number; empty when it has none */
  orderNumber?: string;
}

/** What `[注文者名]` reads as: the customer's name, 「お客様」 on Yahoo! (which gives no name) or when unknown. */
export function ordererNameFor(mall: Mall, customerName: string | null): string {
  return showsCustomerName(mall) && customerName ? customerName : 'お客様';
}

// An inquiry without an order has no number: the placeholder then reads as nothing, not as itself.
const MAY_BE_EMPTY: readonly Placeholder[] = ['[受注番号]'];

export interface RenderedTemplate {
  text: string;
  /** bracketed tokens that are not placeholders, in order of appearance, each once */
  unknown: string[];
  /** placeholders whose value is empty in the shop's settings */
  empty: Placeholder[];
}

// A bracketed token: half-width brackets around 1–30 characters without brackets or line breaks.
const TOKEN = /\[[^\[\]\n]{1,30}\]/g;

export function renderPlaceholders(template: string, values: PlaceholderValues): RenderedTemplate {
  const table: Record<Placeholder, string> = {
    '[出店モール店舗名]': values.storeName,
    '[担当者名]': values.staffName,
    '[店舗電話番号]': values.phone,
    '[店舗メールアドレス]': values.email,
    '[注文者名]': values.ordererName || 'お客様',
    '[受注番号]': values.orderNumber ?? '',
  };
  const unknown: string[] = [];
  const empty: Placeholder[] = [];
  const text = template.replace(TOKEN, (token) => {
    if (token in table) {
      const value = table[token as Placeholder];
      if (MAY_BE_EMPTY.includes(token as Placeholder)) return value;
      if (!value && !empty.includes(token as Placeholder)) empty.push(token as Placeholder);
      return value || token;
    }
    if (!unknown.includes(token)) unknown.push(token);
    return token;
  });
  return { text, unknown, empty };
}

/** Bracketed tokens in a text that are not placeholders: what the composer flags before sending. */
export function findUnknownPlaceholders(text: string): string[] {
  const found: string[] = [];
  for (const token of text.match(TOKEN) ?? []) {
    if (!(PLACEHOLDERS as readonly string[]).includes(token) && !found.includes(token)) found.push(token);
  }
  return found;
}

/** Placeholders still unfilled in a text (a value was missing when the template was inserted). */
export function findPlaceholders(text: string): Placeholder[] {
  return PLACEHOLDERS.filter((p) => text.includes(p));
}
