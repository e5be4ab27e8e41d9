/**
 * The composer's template picker, the way the manual describes it: a category filter (カテゴリ名),
 * then the template's name (テンプレート名); [挿入] hands the template to the composer, which fills
 * the placeholders and inserts the body at the cursor. A render function, so the composer keeps its state.
 */
import { html, type TemplateResult } from 'lit';
import type { Template } from '../../shared/api.ts';
import { compareTemplates } from '../../shared/template-order.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

export interface TemplatePickerView {
  templates: Template[];
  /** '' shows every category */
  category: string;
  templateId: string;
  disabled: boolean;
  t: Translate;
  onCategory: (category: string) => void;
  onChoose: (templateId: string) => void;
  onInsert: (template: Template) => void;
}

export function renderTemplatePicker(v: TemplatePickerView): TemplateResult {
  const none = v.templates.length === 0;
  // the template admin's order (shared/template-order.ts); categories as they first appear in it
  const sorted = [...v.templates].sort(compareTemplates);
  const categories = [...new Set(sorted.map((t) => t.category))];
  const visible = sorted.filter((t) => !v.category || t.category === v.category);
  const chosen = visible.find((t) => t.id === v.templateId);
  return html`<div class="picker" part="template-picker" role="group" aria-label=${v.t('template.label')}>
    <label
      >${v.t('template.category')}
      <select class="category" ?disabled=${v.disabled || none} @change=${(e: Event) => v.onCategory((e.target as HTMLSelectElement).value)}>
        <option value="">${v.t('template.category.all')}</option>
        ${categories.map((c) => html`<option value=${c} ?selected=${c === v.category}>${c}</option>`)}
      </select>
    </label>
    <label
      >${v.t('template.name')}
      <select class="name" ?disabled=${v.disabled || none} @change=${(e: Event) => v.onChoose((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!chosen}>${none ? v.t('template.none') : v.t('template.name.choose')}</option>
        ${visible.map(
          (t) => html`<option value=${t.id} ?selected=${t === chosen}>${v.category ? t.name : `${t.category} / ${t.name}`}</option>`,
        )}
      </select>
    </label>
    <button type="button" class="insert" ?disabled=${v.disabled || !chosen} @click=${() => chosen && v.onInsert(chosen)}>
      ${v.t('template.insert')}
    </button>
  </div>`;
}
