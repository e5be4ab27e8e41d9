/**
 * Runtime validation of the API's request bodies and queries (valibot: small in the browser, so the
 * widgets can check a form with the same rules the server enforces). Shapes are strict: an unknown
 * field or a wrong type is refused. Content rules with their own codes (required, too long) are
 * separate functions returning `FieldProblem`s.
 */
import * as v from 'valibot';
import { ASSIGNEE_FILTERS, INBOX_SORTS, INQUIRY_STATUSES, MALLS, type FieldProblem, type TemplateInput } from './api.ts';
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
  /** 自分の担当 / 未割り当て / すべて (default) */
  assignee: v.optional(v.picklist(ASSIGNEE_FILTERS)),
  /** newest activity first (default), or longest wait first */
  sort: v.optional(v.picklist(INBOX_SORTS)),
});

/** `GET /inquiries/counts`: with `assignee`, the member's view (and its `unread`). */
export const InquiryCountsQuerySchema = v.strictObject({
  assignee: v.optional(v.picklist(ASSIGNEE_FILTERS)),
});

// ---- team work ----

export const STAFF_ID_MAX = 200;
export const NOTE_MAX_CHARS = 2000;
export const BULK_MAX_IDS = 100;

const staffId = v.pipe(v.string(), v.minLength(1), v.maxLength(STAFF_ID_MAX));
const entityId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const StaffPreferencesSchema = v.strictObject({
  inboxSort: v.picklist(INBOX_SORTS),
});

export const AssigneeInputSchema = v.strictObject({
  staffId: v.nullable(staffId),
});

export const NoteInputSchema = v.strictObject({
  body: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'a note needs text'),
    v.check((s) => charCount(s) <= NOTE_MAX_CHARS, `at most ${NOTE_MAX_CHARS} characters`),
  ),
});

export const PresenceInputSchema = v.strictObject({
  state: v.picklist(['viewing', 'typing', 'left']),
});

export const BulkRequestSchema = v.strictObject({
  ids: v.pipe(v.array(entityId), v.minLength(1), v.maxLength(BULK_MAX_IDS)),
  action: v.picklist(['complete', 'assign']),
  staffId: v.optional(v.nullable(staffId)),
});

const clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM'));

export const BusinessHoursSchema = v.pipe(
  v.strictObject({
    days: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))), v.maxLength(7)),
    start: clock,
    end: clock,
    publicHolidays: v.boolean(),
    holidays: v.pipe(v.array(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'))), v.maxLength(366)),
    overdueAfterDays: v.pipe(v.number(), v.minValue(0.125), v.maxValue(30)),
  }),
  v.check((h) => h.start < h.end, 'start must be before end'),
);

export const TemplateListQuerySchema = v.strictObject({
  category: v.optional(v.string()),
});

/**
 * The reply form (multipart) once read: the text, optionally the thread version it was written
 * against (`basedOn`) and whether to complete the inquiry with it (送信して完了), and the files. Content rules (length, links, attachment
 * limits) are the mall's, checked separately (mall-rules.ts).
 */
export const ReplyFormSchema = v.strictObject({
  body: v.string(),
  basedOn: v.optional(v.pipe(v.string(), v.maxLength(200))),
  complete: v.optional(v.picklist(['true', 'false'])),
  files: v.array(v.strictObject({ name: v.pipe(v.string(), v.maxLength(1000)), bytes: v.instance(Uint8Array) })),
});
