/**
 * Turns the mall rules' problems (shared/mall-rules.ts checkReply) into the sentences the composer
 * shows: the problem code's sentence from the core catalogue (the same words a server refusal gets),
 * with what it concerns (the line, the links, the file) in front.
 */
import type { FieldProblem, Mall } from '../../shared/api.ts';
import { REPLY_RULES } from '../../shared/mall-rules.ts';

import type { Translate } from '../core/i18n/catalogue.ts';

export type { Translate };

export function typesLabel(mall: Mall): string {
  return REPLY_RULES[mall].attachments.extensions.filter((e) => e !== 'jpeg').join(' / ');
}

export function sizeLabel(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))}MB`;
}

export function describeProblem(problem: FieldProblem, t: Translate): string {
  const text = t(`problem.${problem.code}`);
  const detail = problem.detail ?? '';
  if (problem.code === 'line_too_long') return t('rule.line', { line: /line (\d+)/.exec(detail)?.[1] ?? '', text });
  if (problem.code === 'link_not_allowed') return `${text} ${detail}`;
  if (problem.field.startsWith('files:')) return `${detail}: ${text}`;
  return text;
}
