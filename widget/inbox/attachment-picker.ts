/**
 * <goq-attachment-picker>: files for a reply, by the file picker or dropped on the composer, checked against
 * the inquiry's mall rules (count, size, type, name length) before anything is uploaded. A file the
 * mall would refuse is kept out, with the reason beside the picker; chosen files can be removed.
 *
 * Internal part of <goq-inquiry-inbox>: it fires `attachments-change` (not composed) with the files.
 *
 * @csspart dropzone - the drop target around the picker
 * @csspart file-list - the chosen files
 */
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FieldProblem, Mall } from '../../shared/api.ts';
import { checkAttachments, REPLY_RULES } from '../../shared/mall-rules.ts';
import { formatBytes } from '../core/format.ts';
import { GoqElement } from '../core/goq-element.ts';
import { themeStyles } from '../core/styles.ts';
import { inboxMessages } from './inbox.messages.ts';
import { describeProblem, sizeLabel, typesLabel } from './reply-problems.ts';

export class GoqAttachmentPicker extends GoqElement {
  static override messages = inboxMessages;

  static override styles = [
    themeStyles,
    css`
      :host {
        background: transparent;
      }
      .dropzone {
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: center;
      }
      ul {
        list-style: none;
        margin: 4px 0 0;
        padding: 0;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .rules {
        font-size: 0.85em;
      }
      input[type='file'] {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
        pointer-events: none;
      }
    `,
  ];

  /** The inquiry's mall: its rules decide what may be attached. */
  @property() mall: Mall = 'rakuten';
  /** The files chosen so far (the composer owns them; this element shows and edits them). */
  @property({ attribute: false }) files: File[] = [];
  @property({ type: Boolean }) disabled = false;

  /** Why the last added files were refused. */
  @state() private problems: FieldProblem[] = [];

  /** Clears the refusals (the composer calls it after a send). */
  reset(): void {
    this.problems = [];
  }

  /** Adds files, keeping out each one the mall would refuse; exposed for the composer's own drop target. */
  addFiles(incoming: readonly File[]): void {
    if (this.disabled || incoming.length === 0) return;
    const rules = REPLY_RULES[this.mall];
    const accepted = [...this.files];
    const problems: FieldProblem[] = [];
    for (const file of incoming) {
      const own = checkAttachments([file], rules);
      if (own.length === 0 && accepted.length >= rules.attachments.maxFiles) {
        own.push({ field: 'files', code: 'too_many_attachments' });
      }
      if (own.length === 0) accepted.push(file);
      problems.push(...own);
    }
    this.problems = problems;
    this.change(accepted);
  }

  private removeFile(index: number): void {
    this.problems = [];
    this.change(this.files.filter((_, i) => i !== index));
  }

  private change(files: File[]): void {
    this.files = files;
    this.dispatchEvent(new CustomEvent('attachments-change', { detail: { files }, bubbles: true }));
  }

  private onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
  }

  private openPicker(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  override render() {
    const rules = REPLY_RULES[this.mall].attachments;
    const lang = this.currentLang;
    const accept = rules.extensions.map((e) => `.${e}`).join(',');
    return html`<div class="dropzone" part="dropzone">
        <input
          type="file"
          tabindex="-1"
          aria-hidden="true"
          accept=${accept}
          ?multiple=${rules.maxFiles > 1}
          @change=${this.onInput}
        />
        <button type="button" class="choose" ?disabled=${this.disabled} @click=${this.openPicker}>
          ${this.t('attach.choose')}
        </button>
        <span class="muted">${this.t('attach.drop')}</span>
        <span class="muted rules"
          >${this.t('attach.rules', { count: rules.maxFiles, size: sizeLabel(rules.maxBytes), types: typesLabel(this.mall) })}</span
        >
      </div>
      ${this.files.length > 0
        ? html`<ul part="file-list" aria-label=${this.t('attach.label')}>
            ${this.files.map(
              (file, i) => html`<li>
                <span class="name">${file.name}</span>
                <span class="muted">(${formatBytes(file.size, lang)})</span>
                <button
                  type="button"
                  class="remove"
                  aria-label=${this.t('attach.remove', { name: file.name })}
                  ?disabled=${this.disabled}
                  @click=${() => this.removeFile(i)}
                >
                  ×
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.problems.length > 0
        ? html`<ul class="error problems" role="alert">
            ${[...new Set(this.problems.map((p) => describeProblem(p, this.t.bind(this))))].map((p) => html`<li>${p}</li>`)}
          </ul>`
        : nothing}`;
  }
}
