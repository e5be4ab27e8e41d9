/**
 * Stable `code` values of problem+json bodies. The server answers with them; the widgets' message
 * catalogue turns each into a Japanese (or English) sentence. Never rename one: hosts may match on them.
 */
export const PROBLEM_CODES = [
  // request shape
  'unauthorized',
  'not_found',
  'malformed_json',
  'invalid_request',
  'body_too_large',
  'unsupported_media_type',
  'invalid_text',
  'invalid_query',
  'token_exp_required',
  // reply rules (shared/mall-rules.ts); the first one found is the problem's code, all are in `errors`
  'body_empty',
  'body_too_long',
  'line_too_long',
  'link_not_allowed',
  'too_many_attachments',
  'attachment_too_large',
  'attachment_type_not_allowed',
  'attachment_name_too_long',
  'attachment_empty',
  'attachment_type_mismatch',
  // inquiry state
  'reopen_not_allowed',
  'already_completed',
  'not_completed',
  'retry_not_allowed',
  // templates
  'template_duplicate',
  'field_required',
  'field_too_long',
  // malls
  'api_option_required',
  'rakuten_api_not_enabled',
  'rakuten_auth_failed',
  'yahoo_auth_failed',
  'mall_not_configured',
  'mall_unavailable',
  'mall_rejected',
  'rate_limited',
  'internal_error',
  // team work
  'forbidden_role',
  'unknown_staff',
  'thread_changed',
  'not_note_author',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
