/**
 * Turns the mall rules' problems (shared/mall-rules.ts checkReply) into the sentences the composer
 * shows, with the numbers of the inquiry's mall in them, so the staff know exactly what to change.
 */
import type { FieldProblem, Mall } from '../../shared/api.ts';
import { REPLY_RULES } from '../../shared/mall-rules.ts';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function typesLabel(mall: Mall): string {
  return REPLY_RULES[mall].attachments.extensions.filter((e) => e !== 'jpeg').join(' / ');
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))}MB` : `${Math.round(bytes / 1024)}KB`;
}

export function describeProblem(problem: FieldProblem, mall: Mall, t: Translate): string {
  const rules = REPLY_RULES[mall];
  const name = problem.detail ?? '';
  switch (problem.code) {
    case 'body_empty':
      return t('rule.body_empty');
    case 'body_too_long':
      return t('rule.body_too_long', { max: rules.maxChars.toLocaleString('ja-JP'), count: (problem.detail ?? '').split(' ')[0] });
    case 'line_too_long': {
      const line = /line (\d+)/.exec(problem.detail ?? '')?.[1] ?? '';
      return t('rule.line_too_long', { line, max: rules.maxCharsPerLine ?? '' });
    }
    case 'link_not_allowed':
      return t('rule.link_not_allowed', { links: problem.detail ?? '' });
    case 'too_many_attachments':
      return t('rule.too_many_attachments', { max: rules.attachments.maxFiles });
    case 'attachment_too_large':
      return t('rule.attachment_too_large', { name, max: sizeLabel(rules.attachments.maxBytes) });
    case 'attachment_type_not_allowed':
      return t('rule.attachment_type_not_allowed', { name, types: typesLabel(mall) });
    case 'attachment_name_too_long':
      return t('rule.attachment_name_too_long', { name, max: rules.attachments.maxNameLength });
    case 'attachment_empty':
      return t('rule.attachment_empty', { name });
    default:
      return problem.detail ?? problem.code;
  }
}
