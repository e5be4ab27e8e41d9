/**
 * Template placeholders (差し込み): written with their brackets in a template's body and filled in
 * when the template is inserted into a reply. Unknown bracketed tokens stay as written and are
 * reported, so the composer can warn before sending.
 */

export const PLACEHOLDERS = ['[出店モール店舗名]', '[担当者名]', '[店舗電話番号]', '[店舗メールアドレス]'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface PlaceholderValues {
  /** the store's name on the inquiry's mall */
  storeName: string;
  /** the staff member replying */
  staffName: string;
  phone: string;
  email: string;
}

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
  };
  const unknown: string[] = [];
  const empty: Placeholder[] = [];
  const text = template.replace(TOKEN, (token) => {
    if (token in table) {
      const value = table[token as Placeholder];
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
