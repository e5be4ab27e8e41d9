/**
 * `GET /api/v1/openapi.json`: an OpenAPI 3.1 description of the staff API. Request bodies and query
 * parameters are converted (@valibot/to-json-schema) from the very valibot schemas the routes
 * validate with (shared/schemas.ts), so the description cannot drift from what is enforced.
 * Answers are described by status and problem code.
 */
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { PROBLEM_CODES } from '../../shared/problem-codes.ts';
import {
  AssigneeInputSchema,
  BulkRequestSchema,
  BusinessHoursSchema,
  InquiryCountsQuerySchema,
  InquiryListQuerySchema,
  NoteInputSchema,
  PresenceInputSchema,
  ReplyFormSchema,
  ShopSettingsSchema,
  StaffPreferencesSchema,
  TemplateInputSchema,
  TemplateListQuerySchema,
} from '../../shared/schemas.ts';

type Schema = v.GenericSchema;

function jsonSchema(schema: Schema, typeMode: 'input' | 'output' = 'input'): JsonSchema {
  const converted = toJsonSchema(schema, {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    // a file part is binary
    overrideSchema: ({ valibotSchema }) =>
      (valibotSchema as { type?: string }).type === 'instance' ? { type: 'string', contentMediaType: 'application/octet-stream' } : undefined,
  });
  const { $schema: _ignored, ...rest } = converted as JsonSchema & { $schema?: string };
  return rest;
}

/** Query parameters, one per property of the query schema. */
function queryParameters(schema: Schema): object[] {
  const converted = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(converted.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: converted.required?.includes(name) ?? false,
    schema: property,
  }));
}

const idParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', maxLength: 200 } });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

const COMMON_ERRORS = {
  '401': problem('no valid token (unauthorized; token_exp_required when exp is missing or too far ahead)'),
  '422': problem('refused content (invalid_text for U+0000, or a rule of the mall)'),
};

const jsonBody = (schema: Schema) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });

export function buildOpenApiDocument(): Record<string, unknown> {
  const replyForm = jsonSchema(ReplyFormSchema) as { properties: Record<string, JsonSchema>; required?: string[] };
  // on the wire the files are repeated `files[]` parts, each a file with its name
  const { files: _files, ...textFields } = replyForm.properties;
  const multipart = {
    type: 'object',
    properties: { ...textFields, 'files[]': { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    required: replyForm.required?.filter((name) => name !== 'files'),
  };
  return {
    openapi: '3.1.0',
    info: { title: 'GoQ inquiry API', version: '1.0.0', description: 'The staff API the inquiry widgets call. Errors are RFC 9457 problem+json with a stable code.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/inquiries': {
        get: {
          operationId: 'listInquiries',
          parameters: queryParameters(InquiryListQuerySchema),
          responses: { '200': json('a page of inquiry summaries'), '400': problem('invalid_request or invalid_query'), ...COMMON_ERRORS },
        },
      },
      '/inquiries/counts': {
        get: {
          operationId: 'countInquiries',
          parameters: queryParameters(InquiryCountsQuerySchema),
          responses: { '200': json('counts by status; with assignee, the member\'s view with unread'), '400': problem('invalid_query'), ...COMMON_ERRORS },
        },
      },
      '/inquiries/bulk': {
        post: { operationId: 'bulkAction', requestBody: jsonBody(BulkRequestSchema), responses: { '200': json('each id\'s outcome'), '400': problem('malformed_json or invalid_request'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/assignee': {
        put: { operationId: 'assignInquiry', parameters: [idParameter('id')], requestBody: jsonBody(AssigneeInputSchema), responses: { '200': json('the thread'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/read': {
        post: { operationId: 'markRead', parameters: [idParameter('id')], responses: { '200': json('the read marker'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/notes': {
        get: { operationId: 'listNotes', parameters: [idParameter('id')], responses: { '200': json('the notes'), '404': problem('not_found'), ...COMMON_ERRORS } },
        post: { operationId: 'addNote', parameters: [idParameter('id')], requestBody: jsonBody(NoteInputSchema), responses: { '201': json('the note'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/notes/{id}': {
        delete: { operationId: 'deleteNote', parameters: [idParameter('id')], responses: { '204': { description: 'deleted' }, '403': problem('not_note_author'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/presence': {
        post: { operationId: 'presence', parameters: [idParameter('id')], requestBody: jsonBody(PresenceInputSchema), responses: { '200': json('everyone on the inquiry now'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/staff': { get: { operationId: 'listStaff', responses: { '200': json('the shop\'s staff seen so far'), ...COMMON_ERRORS } } },
      '/staff/me': { get: { operationId: 'getSelf', responses: { '200': json('the member and their preferences'), ...COMMON_ERRORS } } },
      '/staff/me/preferences': {
        put: { operationId: 'savePreferences', requestBody: jsonBody(StaffPreferencesSchema), responses: { '200': json('the member and their preferences'), '400': problem('malformed_json or invalid_request'), ...COMMON_ERRORS } },
      },
      '/settings/business-hours': {
        get: { operationId: 'getBusinessHours', responses: { '200': json('the business hours (defaults until set)'), ...COMMON_ERRORS } },
        put: { operationId: 'saveBusinessHours', requestBody: jsonBody(BusinessHoursSchema), responses: { '200': json('the business hours'), '400': problem('malformed_json or invalid_request'), '403': problem('forbidden_role'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}': {
        get: { operationId: 'getInquiry', parameters: [idParameter('id')], responses: { '200': json('the thread'), '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/replies': {
        post: {
          operationId: 'reply',
          parameters: [idParameter('id')],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: multipart } } },
          responses: {
            '202': json('the reply, queued for the mall'),
            '400': problem('invalid_request'),
            '404': problem('not_found'),
            '409': problem('thread_changed: messages arrived after basedOn (the problem carries version and messages)'),
            '413': problem('body_too_large (the body, or more parts than the form has)'),
            '415': problem('unsupported_media_type'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/inquiries/{id}/replies/{messageId}/retry': {
        post: { operationId: 'retryReply', parameters: [idParameter('id'), idParameter('messageId')], responses: { '202': json('the reply, queued again'), '404': problem('not_found'), '409': problem('retry_not_allowed'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/complete': {
        post: { operationId: 'completeInquiry', parameters: [idParameter('id')], responses: { '200': json('the thread'), '404': problem('not_found'), '409': problem('already_completed'), ...COMMON_ERRORS } },
      },
      '/inquiries/{id}/reopen': {
        post: { operationId: 'reopenInquiry', parameters: [idParameter('id')], responses: { '200': json('the thread'), '404': problem('not_found'), '409': problem('not_completed or reopen_not_allowed'), ...COMMON_ERRORS } },
      },
      '/orders/{orderId}/inquiries': {
        get: { operationId: 'orderInquiries', parameters: [idParameter('orderId')], responses: { '200': { description: "the order's threads", content: { 'application/json': { schema: { type: 'array' } } } }, ...COMMON_ERRORS } },
      },
      '/attachments/{id}': {
        get: { operationId: 'downloadAttachment', parameters: [idParameter('id')], responses: { '200': { description: 'the file, as a download', content: { 'application/octet-stream': {} } }, '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/templates': {
        get: { operationId: 'listTemplates', parameters: queryParameters(TemplateListQuerySchema), responses: { '200': json('the templates'), '400': problem('invalid_query'), ...COMMON_ERRORS } },
        post: { operationId: 'createTemplate', requestBody: jsonBody(TemplateInputSchema), responses: { '201': json('the template'), '400': problem('malformed_json or invalid_request'), '409': problem('template_duplicate'), ...COMMON_ERRORS } },
      },
      '/templates/{id}': {
        get: { operationId: 'getTemplate', parameters: [idParameter('id')], responses: { '200': json('the template'), '404': problem('not_found'), ...COMMON_ERRORS } },
        put: { operationId: 'updateTemplate', parameters: [idParameter('id')], requestBody: jsonBody(TemplateInputSchema), responses: { '200': json('the template'), '404': problem('not_found'), '409': problem('template_duplicate'), ...COMMON_ERRORS } },
        delete: { operationId: 'deleteTemplate', parameters: [idParameter('id')], responses: { '204': { description: 'deleted' }, '404': problem('not_found'), ...COMMON_ERRORS } },
      },
      '/settings': {
        get: { operationId: 'getSettings', responses: { '200': json('the shop settings'), ...COMMON_ERRORS } },
        put: { operationId: 'saveSettings', requestBody: jsonBody(ShopSettingsSchema), responses: { '200': json('the shop settings'), '400': problem('malformed_json or invalid_request'), ...COMMON_ERRORS } },
      },
      '/events': {
        get: { operationId: 'events', responses: { '200': { description: 'server-sent events', content: { 'text/event-stream': {} } }, ...COMMON_ERRORS } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256, exp required)' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string', enum: [...PROBLEM_CODES] },
            errors: {
              type: 'array',
              items: { type: 'object', required: ['field', 'code'], properties: { field: { type: 'string' }, code: { type: 'string' }, detail: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

let cached: string | null = null;

/** The document as JSON text, built once. */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
