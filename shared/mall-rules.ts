/**
 * What each mall accepts in a shop reply (malls/rakuten.md §4.4–4.5, §6; malls/yahoo.md §5).
 * The server refuses a reply that breaks these before it reaches the outbox, and the composer
 * shows the same limits as the user types, so the two never disagree.
 */
import type { FieldProblem, Mall } from './api.ts';
import { extensionOf } from './file-types.ts';

export interface AttachmentRules {
  maxFiles: number;
  maxBytes: number;
  /** lower-case extensions without the dot */
  extensions: readonly string[];
  /** file name length, extension included */
  maxNameLength: number;
}

export interface ReplyRules {
  maxChars: number;
  /** null where the mall sets no per-line limit */
  maxCharsPerLine: number | null;
  /** null where links are free; otherwise only https links on these domains (and their subdomains) */
  allowedLinkDomains: readonly string[] | null;
  attachments: AttachmentRules;
}

const MB = 1024 * 1024;

/** Rakuten: all high-confidence facts from the official reply and attachment pages. */
export const RAKUTEN_REPLY_RULES: ReplyRules = {
  maxChars: 2000,
  maxCharsPerLine: 300,
  allowedLinkDomains: [
    'rakuten.co.jp',
    'rakuten.ne.jp',
    'rakuten.com',
    'rakuten-bank.co.jp',
    'trafficgate.net',
    'rakuten-card.co.jp',
    'payment.sej.co.jp',
    'faq.rakuten.net',
    'support.rakuten-card.jp',
  ],
  attachments: { maxFiles: 1, maxBytes: 5 * MB, extensions: ['png', 'jpg', 'jpeg', 'gif', 'pdf'], maxNameLength: 100 },
};

/**
 * Yahoo!: the 2,000-character body is documented. The attachment limits are NOT documented
 * (malls/yahoo.md §9.1); these values are an assumption, kept here as the one setting to change.
 */
export const YAHOO_ATTACHMENT_RULES_ASSUMED: AttachmentRules = {
  maxFiles: 3,
  maxBytes: 5 * MB,
  extensions: ['png', 'jpg', 'jpeg', 'gif', 'pdf'],
  maxNameLength: 100,
};

export const YAHOO_REPLY_RULES: ReplyRules = {
  maxChars: 2000,
  maxCharsPerLine: null,
  allowedLinkDomains: null,
  attachments: YAHOO_ATTACHMENT_RULES_ASSUMED,
};

export const REPLY_RULES: Record<Mall, ReplyRules> = { rakuten: RAKUTEN_REPLY_RULES, yahoo: YAHOO_REPLY_RULES };

// The extension table lives in file-types.ts; re-exported for the modules that read it from here.
export { MIME_BY_EXTENSION } from './file-types.ts';

/** Characters as the malls count them: code points, line breaks as one. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** Links in a text that the mall would refuse (wrong scheme or a domain outside the allow-list). */
export function disallowedLinks(text: string, rules: ReplyRules): string[] {
  if (!rules.allowedLinkDomains) return [];
  const bad: string[] = [];
  for (const link of text.match(URL_PATTERN) ?? []) {
    let ok = false;
    try {
      const url = new URL(link);
      const host = url.hostname.toLowerCase();
      ok = url.protocol === 'https:' && rules.allowedLinkDomains.some((d) => host === d || host.endsWith(`.${d}`));
    } catch {
      ok = false;
    }
    if (!ok) bad.push(link);
  }
  return bad;
}

export interface FileFacts {
  name: string;
  size: number;
}

/** Problems with a reply's text, each with a stable code. Empty when the mall would accept it. */
export function checkReplyBody(body: string, rules: ReplyRules): FieldProblem[] {
  const text = normalizeLineBreaks(body);
  const problems: FieldProblem[] = [];
  const length = charCount(text);
  if (text.trim().length === 0) problems.push({ field: 'body', code: 'body_empty' });
  if (length > rules.maxChars) {
    problems.push({ field: 'body', code: 'body_too_long', detail: `${length} > ${rules.maxChars}` });
  }
  if (rules.maxCharsPerLine !== null) {
    const lines = text.split('\n');
    const longLine = lines.findIndex((line) => charCount(line) > rules.maxCharsPerLine!);
    if (longLine >= 0) {
      problems.push({ field: 'body', code: 'line_too_long', detail: `line ${longLine + 1} > ${rules.maxCharsPerLine}` });
    }
  }
  const links = disallowedLinks(text, rules);
  if (links.length > 0) problems.push({ field: 'body', code: 'link_not_allowed', detail: links.join(' ') });
  return problems;
}

/** Problems with a reply's attachments, each with a stable code and the file it concerns. */
export function checkAttachments(files: readonly FileFacts[], rules: ReplyRules): FieldProblem[] {
  const a = rules.attachments;
  const problems: FieldProblem[] = [];
  if (files.length > a.maxFiles) {
    problems.push({ field: 'files', code: 'too_many_attachments', detail: `${files.length} > ${a.maxFiles}` });
  }
  for (const file of files) {
    const field = `files:${file.name}`;
    if (!a.extensions.includes(extensionOf(file.name))) {
      problems.push({ field, code: 'attachment_type_not_allowed', detail: file.name });
    }
    if (file.size > a.maxBytes) problems.push({ field, code: 'attachment_too_large', detail: file.name });
    if (file.size === 0) problems.push({ field, code: 'attachment_empty', detail: file.name });
    if (charCount(file.name) > a.maxNameLength) problems.push({ field, code: 'attachment_name_too_long', detail: file.name });
  }
  return problems;
}

export function checkReply(mall: Mall, body: string, files: readonly FileFacts[]): FieldProblem[] {
  const rules = REPLY_RULES[mall];
  return [...checkReplyBody(body, rules), ...checkAttachments(files, rules)];
}
