/**
 * Runtime validation of the API's request bodies and queries (valibot: small in the browser, so the
 * widgets can check a form with the same rules the server enforces). Shapes are strict: an unknown
 * field or a wrong type is refused. Content rules with their own codes (required, too long) are
 * separate functions returning `FieldProblem`s.
 */
import * as v from 'valibot';
import { INQUIRY_STATUSES, MALLS, type FieldProblem, type TemplateInput } from './api.ts';
import { charCount } from './mall-rules.ts';

export const TEMPLATE_LIMITS = { category: 50, name: 100, body: 4000 } as const;
export const SETTINGS_LIMITS = { storeName: 100, phone: 30, email: 254 } as const;

export const TemplateInputSchema = v.strictObject({
  category: v.string(),
  name: v.string(),
  body: v.string(),
});

/** Trims the three fields and reports each empty one (`field_required`) or overlong one (`field_too_long`). */
export function checkTemplateInput(input: TemplateInput): { value: TemplateInput; problems: FieldProblem[] } {
  const value: TemplateInput = { category: input.category.trim(), name: input.name.trim(), body: input.body.trim() };
  const problems: FieldProblem[] = [];
  for (const field of ['category', 'name', 'body'] as const) {
    if (value[field].length === 0) problems.push({ field, code: 'field_required' });
    else if (charCount(value[field]) > TEMPLATE_LIMITS[field]) {
      problems.push({ field, code: 'field_too_long', detail: `at most ${TEMPLATE_LIMITS[field]} characters` });
    }
  }
  return { value, problems };
}

export const ShopSettingsSchema = v.strictObject({
  storeNames: v.strictObject({
    rakuten: v.pipe(v.string(), v.trim(), v.maxLength(SETTINGS_LIMITS.storeName)),
    yahoo: v.pipe(v.string(), v.trim(), v.maxLength(SETTINGS_LIMITS.storeName)),
  }),
  phone: v.pipe(v.string(), v.trim(), v.maxLength(SETTINGS_LIMITS.phone)),
  email: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(SETTINGS_LIMITS.email),
    v.check((s) => s === '' || /^[^\s@]+@[^\s@]+$/.test(s), 'not an e-mail address'),
  ),
});

export const INQUIRY_PAGE_DEFAULT = 50;
export const INQUIRY_PAGE_MAX = 100;

export const InquiryListQuerySchema = v.strictObject({
  status: v.optional(v.picklist(INQUIRY_STATUSES)),
  mall: v.optional(v.picklist(MALLS)),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(INQUIRY_PAGE_MAX)),
  ),
});

export const TemplateListQuerySchema = v.strictObject({
  category: v.optional(v.string()),
});

/**
 * The reply form (multipart) once read: the text, optionally the template it started from and
 * whether to complete the inquiry with it, and the files. Content rules (length, links, attachment
 * limits) are the mall's, checked separately (mall-rules.ts).
 */
export const ReplyFormSchema = v.strictObject({
  body: v.string(),
  basedOn: v.optional(v.pipe(v.string(), v.maxLength(200))),
  complete: v.optional(v.picklist(['true', 'false'])),
  files: v.array(v.strictObject({ name: v.pipe(v.string(), v.maxLength(1000)), bytes: v.instance(Uint8Array) })),
});
