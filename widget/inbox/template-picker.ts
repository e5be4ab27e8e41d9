/**
 * <goq-template-picker>: a reply template chosen the way the manual describes: a category filter
 * (カテゴリ名), then the template's name (テンプレート名). [挿入] hands the template to the composer,
 * which fills the placeholders and inserts the body at the cursor.
 *
 * Internal part of <goq-inquiry-inbox>: it fires `template-choose` (not composed) with {template}.
 *
 * @csspart template-picker - the wrapper
 */
import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Template } from '../../shared/api.ts';
import { GoqElement } from '../core/goq-element.ts';
import { themeStyles } from '../core/styles.ts';
import { inboxMessages } from './inbox.messages.ts';

export class GoqTemplatePicker extends GoqElement {
  static override messages = inboxMessages;

  static override styles = [
    themeStyles,
    css`
      :host {
        background: transparent;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: end;
      }
      label {
        display: flex;
        flex-direction: column;
        font-size: 0.85em;
        color: var(--_muted);
      }
      select {
        min-width: 10em;
        max-width: 100%;
      }
    `,
  ];

  /** The shop's templates. */
  @property({ attribute: false }) templates: Template[] = [];
  @property({ type: Boolean }) disabled = false;

  /** '' shows every category */
  @state() private category = '';
  @state() private templateId = '';

  private get categories(): string[] {
    return [...new Set(this.templates.map((t) => t.category))].sort((a, b) => a.localeCompare(b, 'ja'));
  }

  private get visible(): Template[] {
    return this.templates
      .filter((t) => !this.category || t.category === this.category)
      .sort((a, b) => a.category.localeCompare(b.category, 'ja') || a.name.localeCompare(b.name, 'ja'));
  }

  private onCategory(event: Event): void {
    this.category = (event.target as HTMLSelectElement).value;
    if (!this.visible.some((t) => t.id === this.templateId)) this.templateId = '';
  }

  private insert(): void {
    const template = this.templates.find((t) => t.id === this.templateId);
    if (!template) return;
    this.dispatchEvent(new CustomEvent('template-choose', { detail: { template }, bubbles: true }));
  }

  override render() {
    const none = this.templates.length === 0;
    return html`<div class="picker" part="template-picker" role="group" aria-label=${this.t('template.label')}>
      <label
        >${this.t('template.category')}
        <select class="category" ?disabled=${this.disabled || none} .value=${this.category} @change=${this.onCategory}>
          <option value="">${this.t('template.category.all')}</option>
          ${this.categories.map((c) => html`<option value=${c} ?selected=${c === this.category}>${c}</option>`)}
        </select>
      </label>
      <label
        >${this.t('template.name')}
        <select
          class="name"
          ?disabled=${this.disabled || none}
          @change=${(e: Event) => (this.templateId = (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!this.templateId}>${none ? this.t('template.none') : this.t('template.name.choose')}</option>
          ${this.visible.map(
            (t) => html`<option value=${t.id} ?selected=${t.id === this.templateId}>
              ${this.category ? t.name : `${t.category} / ${t.name}`}
            </option>`,
          )}
        </select>
      </label>
      <button type="button" class="insert" ?disabled=${this.disabled || !this.templateId} @click=${this.insert}>
        ${this.t('template.insert')}
      </button>
    </div>`;
  }
}
