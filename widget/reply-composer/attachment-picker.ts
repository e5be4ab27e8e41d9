/**
 * The composer's attachments: by the file picker or dropped on the composer, checked against the
 * inquiry's mall rules (count, size, type, name length) before anything is uploaded. A file the mall
 * would refuse is kept out, with the reason beside the picker; chosen files can be removed.
 * A pure check plus a render function, so the composer keeps the files.
 *
 * @csspart dropzone - the picker and its rules; file-list - the chosen files
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem, Mall } from '../../shared/api.ts';
import { checkAttachments, REPLY_RULES } from '../../shared/mall-rules.ts';
import { formatBytes } from '../core/format.ts';
import type { Lang } from '../core/i18n/catalogue.ts';
import { describeProblem, sizeLabel, typesLabel, type Translate } from './reply-problems.ts';

/** Adds files to those chosen, keeping out each one the mall would refuse, with why. */
export function addAttachments(mall: Mall, chosen: readonly File[], incoming: readonly File[]): { files: File[]; problems: FieldProblem[] } {
  const rules = REPLY_RULES[mall];
  const files = [...chosen];
  const problems: FieldProblem[] = [];
  for (const file of incoming) {
    const own = checkAttachments([file], rules);
    if (own.length === 0 && files.length >= rules.attachments.maxFiles) own.push({ field: 'files', code: 'too_many_attachments' });
    if (own.length === 0) files.push(file);
    problems.push(...own);
  }
  return { files, problems };
}

export interface AttachmentPickerView {
  mall: Mall;
  files: File[];
  /** why the last added files were refused */
  problems: FieldProblem[];
  disabled: boolean;
  lang: Lang;
  t: Translate;
  onAdd: (files: File[]) => void;
  onRemove: (index: number) => void;
}

export function renderAttachmentPicker(v: AttachmentPickerView): TemplateResult {
  const rules = REPLY_RULES[v.mall].attachments;
  const onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    v.onAdd([...(input.files ?? [])]);
    input.value = '';
  };
  const open = (event: Event) => (event.target as HTMLElement).closest('.dropzone')!.querySelector('input')!.click();
  return html`<div class="dropzone" part="dropzone">
      <input type="file" accept=${rules.extensions.map((e) => `.${e}`).join(',')} ?multiple=${rules.maxFiles > 1} @change=${onInput} />
      <button type="button" class="choose" ?disabled=${v.disabled} @click=${open}>${v.t('attach.choose')}</button>
      <span class="muted">${v.t('attach.drop')}</span>
      <span class="muted rules">${v.t('attach.rules', { count: rules.maxFiles, size: sizeLabel(rules.maxBytes), types: typesLabel(v.mall) })}</span>
    </div>
    ${v.files.length > 0
      ? html`<ul class="files" part="file-list" aria-label=${v.t('attach.label')}>
          ${v.files.map(
            (file, i) => html`<li>
              <span class="name">${file.name}</span>
              <span class="muted">(${formatBytes(file.size, v.lang)})</span>
              <button
                type="button"
                class="remove"
                aria-label=${v.t('attach.remove', { name: file.name })}
                ?disabled=${v.disabled}
                @click=${() => v.onRemove(i)}
              >
                ×
              </button>
            </li>`,
          )}
        </ul>`
      : nothing}
    ${v.problems.length > 0
      ? html`<ul class="error file-problems" role="alert">
          ${[...new Set(v.problems.map((p) => describeProblem(p, v.t)))].map((p) => html`<li>${p}</li>`)}
        </ul>`
      : nothing}`;
}
