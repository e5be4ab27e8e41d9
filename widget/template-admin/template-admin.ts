import { html, nothing } from 'lit';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { Task } from '@lit/task';
import type { Template, TemplateInput } from '../../shared/api.ts';
import { PLACEHOLDERS } from '../../shared/placeholders.ts';
import { compareTemplates } from '../../shared/template-order.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { templateAdminMessages } from './template-admin.messages.ts';
import { templateAdminStyles } from './template-admin.styles.ts';

type Field = keyof TemplateInput;
const FIELDS: readonly Field[] = ['category', 'name', 'body'];
const FIELD_LABEL: Record<Field, string> = { category: 'ta.category', name: 'ta.name', body: 'ta.body' };

/**
 * @tagname goq-template-admin
 * @summary The shop's reply templates: list, create, edit and delete.
 *
 * <goq-template-admin>: お問い合わせ管理 テンプレート — the list (カテゴリ名, テンプレート名, [編集] [削除])
 * with [新規作成], and the form (カテゴリ名 ※必須, テンプレート名 ※必須, 本文 ※必須) with the four
 * placeholders (click to insert at the cursor, [コピー] to the clipboard), the example, [キャンセル] [保存].
 * Empty required fields are refused with a message beside each; the server's refusals (a duplicate
 * category + name) are shown in the form. Deleting asks first, in a dialog of the element's own.
 *
 * @event goq-template-saved - {template}
 * @event goq-template-deleted - {id}
 * @event goq-error - {problem}
 * @csspart list - the template table
 * @csspart form - the template form
 * @csspart create-button - [新規作成]
 * @csspart save-button - [保存]
 * @csspart dialog - the delete confirmation
 * @csspart placeholders - the placeholder list with [コピー] and the example
 * @csspart read-only-notice - the note shown instead of [新規作成] to a member who is not an admin
 */
export class GoqTemplateAdmin extends GoqElement {
  static override messages = templateAdminMessages;

  static override styles = templateAdminStyles;

  /** 'list' or the form for a new template ('new') or an existing one (its id). */
  @state() private view: 'list' | 'new' | string = 'list';
  @state() private draft: TemplateInput = { category: '', name: '', body: '' };
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private saving = false;
  @state() private status = '';
  @state() private confirming: Template | null = null;
  @state() private deleteError = '';

  @query('#body') private bodyField?: HTMLTextAreaElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  /** Where the cursor was in 本文 when it lost focus: placeholders go there. */
  #bodySelection: [number, number] | null = null;

  readonly #list = new Task(this, {
    // no inputs but where the API is: a change of base or token loads again
    task: async (_where, { signal }) => {
      const { items } = await this.api.get<{ items: Template[] }>('/templates', signal);
      // the reply picker's order, whatever order the server answers in
      return items.sort(compareTemplates);
    },
    args: () => [this.config.apiBase, this.config.token] as const,
  });

  // --- actions -------------------------------------------------------------------------------

  #openForm(template?: Template): void {
    this.view = template ? template.id : 'new';
    this.draft = template
      ? { category: template.category, name: template.name, body: template.body }
      : { category: '', name: '', body: '' };
    this.fieldErrors = {};
    this.formError = '';
    this.status = '';
    this.#bodySelection = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#category')?.focus());
  }

  #closeForm(): void {
    this.view = 'list';
    this.fieldErrors = {};
    this.formError = '';
    this.#focusCreateButton();
  }

  /** Back on the list, keyboard focus goes where the work started rather than to the page top. */
  #focusCreateButton(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[part="create-button"]')?.focus());
  }

  #onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.draft = { ...this.draft, [field]: value };
    if (this.fieldErrors[field] && value.trim()) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
  }

  #rememberSelection(): void {
    const area = this.bodyField;
    if (area) this.#bodySelection = [area.selectionStart, area.selectionEnd];
  }

  /** Inserts a placeholder into 本文 where the cursor was (at the end when it was never there). */
  #insertPlaceholder(placeholder: string): void {
    const area = this.bodyField;
    if (!area) return;
    const [start, end] = this.#bodySelection ?? [area.value.length, area.value.length];
    area.setRangeText(placeholder, start, end, 'end');
    this.draft = { ...this.draft, body: area.value };
    if (area.value.trim()) this.fieldErrors = { ...this.fieldErrors, body: undefined };
    area.focus();
    this.#bodySelection = [area.selectionStart, area.selectionEnd];
  }

  async #copyPlaceholder(placeholder: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(placeholder);
      this.status = this.t('ta.copied', { placeholder });
    } catch {
      this.status = this.t('ta.copyFailed');
    }
  }

  #validate(): boolean {
    const errors: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      if (!this.draft[field].trim()) errors[field] = this.t('ta.requiredError', { field: this.t(FIELD_LABEL[field]) });
    }
    this.fieldErrors = errors;
    const first = FIELDS.find((f) => errors[f]);
    if (first) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
    return !first;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    this.formError = '';
    if (!this.#validate() || this.saving) return;
    this.saving = true;
    const input: TemplateInput = {
      category: this.draft.category.trim(),
      name: this.draft.name.trim(),
      body: this.draft.body,
    };
    try {
      const saved =
        this.view === 'new'
          ? await this.api.send<Template>('POST', '/templates', input)
          : await this.api.send<Template>('PUT', `/templates/${encodeURIComponent(this.view)}`, input);
      emit(this, 'goq-template-saved', { template: saved });
      this.#closeForm();
      this.status = this.t('ta.saved');
      await this.#list.run();
    } catch (error) {
      this.#showRefusal(error);
    } finally {
      this.saving = false;
    }
  }

  /** The server's refusal, beside the field it concerns when it names one. */
  #showRefusal(error: unknown): void {
    const message = this.problemMessage(error);
    if (!(error instanceof ApiError)) {
      this.formError = message;
      return;
    }
    emit(this, 'goq-error', { problem: error.problem });
    const errors: Partial<Record<Field, string>> = {};
    for (const problem of error.problem.errors ?? []) {
      const field = problem.field as Field;
      if (FIELDS.includes(field)) {
        const key = `problem.${problem.code}`;
        const text = this.t(key);
        errors[field] = problem.code === 'field_required'
          ? this.t('ta.requiredError', { field: this.t(FIELD_LABEL[field]) })
          : text !== key ? text : (problem.detail ?? message);
      }
    }
    if (error.problem.code === 'template_duplicate' && !errors.name) errors.name = message;
    this.fieldErrors = errors;
    this.formError = message;
  }

  #askDelete(template: Template): void {
    this.confirming = template;
    this.deleteError = '';
    void this.updateComplete.then(() => {
      if (this.dialog && !this.dialog.open) this.dialog.showModal();
    });
  }

  #cancelDelete(): void {
    this.dialog?.close();
    this.confirming = null;
  }

  async #confirmDelete(): Promise<void> {
    const template = this.confirming;
    if (!template) return;
    try {
      await this.api.send('DELETE', `/templates/${encodeURIComponent(template.id)}`);
      this.dialog?.close();
      this.confirming = null;
      emit(this, 'goq-template-deleted', { id: template.id });
      this.status = this.t('ta.deleted');
      this.#focusCreateButton();
      await this.#list.run();
    } catch (error) {
      this.deleteError = this.t('ta.deleteFailed', { reason: this.problemMessage(error) });
      if (error instanceof ApiError) emit(this, 'goq-error', { problem: error.problem });
    }
  }

  /** Only an admin token may change templates (the server answers 403 forbidden_role to others). */
  get #readOnly(): boolean {
    return decodeTokenClaims(this.config.token).role !== 'admin';
  }

  // --- rendering -----------------------------------------------------------------------------

  #renderTable(templates: Template[]) {
    if (templates.length === 0) return html`<p class="muted empty">${this.t('ta.empty')}</p>`;
    return html`<table part="list">
      <thead>
        <tr>
          <th scope="col">${this.t('ta.category')}</th>
          <th scope="col">${this.t('ta.name')}</th>
          ${this.#readOnly ? nothing : html`<th scope="col"><span class="visually-hidden">${this.t('ta.actions')}</span></th>`}
        </tr>
      </thead>
      <tbody>
        ${templates.map(
          (t) => html`<tr>
            <td>${t.category}</td>
            <td>${t.name}</td>
            ${this.#readOnly ? nothing : html`<td class="actions">
              <button type="button" aria-label="${this.t('ta.edit')}: ${t.name}" @click=${() => this.#openForm(t)}>
                ${this.t('ta.edit')}
              </button>
              <button type="button" class="danger" aria-label="${this.t('ta.delete')}: ${t.name}" @click=${() => this.#askDelete(t)}>
                ${this.t('ta.delete')}
              </button>
            </td>`}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderList() {
    return html`
      <h2>${this.t('ta.listHeading')}</h2>
      <div class="toolbar">
        <p class="muted">${this.t('ta.listIntro')}</p>
        ${this.#readOnly
          ? nothing
          : html`<button type="button" class="primary" part="create-button" @click=${() => this.#openForm()}>${this.t('ta.create')}</button>`}
      </div>
      ${this.#readOnly ? html`<p class="notice read-only" part="read-only-notice">${this.t('ta.readOnly')}</p>` : nothing}
      ${this.#list.render({
        initial: () => html`<p role="status" class="muted">${this.t('loading')}</p>`,
        pending: () =>
          this.#list.value ? this.#renderTable(this.#list.value) : html`<p role="status" class="muted">${this.t('loading')}</p>`,
        complete: (templates) => this.#renderTable(templates),
        error: (error) => html`<div role="alert" class="error">
          ${this.t('ta.loadFailed')} ${this.problemMessage(error)}
          <button type="button" @click=${() => this.#list.run()}>${this.t('action.retry')}</button>
        </div>`,
      })}
      ${this.#renderDialog()}
    `;
  }

  #renderField(field: Field) {
    const error = this.fieldErrors[field];
    const common = {
      invalid: error ? 'true' : 'false',
      describedby: error ? `${field}-error` : '',
    };
    const control =
      field === 'body'
        ? html`<textarea
            id="body"
            name="body"
            required
            aria-required="true"
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedby || nothing}
            .value=${this.draft.body}
            @input=${(e: Event) => this.#onInput('body', e)}
            @blur=${() => this.#rememberSelection()}
            @select=${() => this.#rememberSelection()}
            @keyup=${() => this.#rememberSelection()}
            @click=${() => this.#rememberSelection()}
          ></textarea>`
        : html`<input
            id=${field}
            name=${field}
            type="text"
            required
            aria-required="true"
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedby || nothing}
            .value=${this.draft[field]}
            @input=${(e: Event) => this.#onInput(field, e)}
          />`;
    return html`<div class="field">
      <label for=${field}>${this.t(FIELD_LABEL[field])}<span class="req">${this.t('ta.required')}</span></label>
      ${control}
      ${error
        ? error === this.formError
          ? // the server's refusal, said once: here, beside the field it concerns
            html`<p class="field-error error form-error" id="${field}-error" role="alert">${error}</p>`
          : html`<p class="field-error" id="${field}-error">${error}</p>`
        : nothing}
    </div>`;
  }

  /** What a placeholder reads as, for the ones whose value is not a setting. */
  #hint(placeholder: string) {
    const key = `ta.hint.${placeholder}`;
    const text = this.t(key);
    return text === key ? nothing : html`<span class="muted hint">${text}</span>`;
  }

  #renderPlaceholders() {
    return html`<div class="placeholders" part="placeholders">
      <p>${this.t('ta.placeholderIntro')}</p>
      <ul>
        ${PLACEHOLDERS.map(
          (p) => html`<li>
            <button type="button" class="token" title=${this.t('ta.insert', { placeholder: p })} @click=${() => this.#insertPlaceholder(p)}>
              ${p}
            </button>
            <button type="button" class="copy" aria-label=${this.t('ta.copyLabel', { placeholder: p })} @click=${() => this.#copyPlaceholder(p)}>
              ${this.t('ta.copy')}
            </button>
            ${this.#hint(p)}
          </li>`,
        )}
      </ul>
      <p class="example">${this.t('ta.exampleLabel')}\n${this.t('ta.example')}</p>
    </div>`;
  }

  #renderForm() {
    return html`<form part="form" novalidate @submit=${this.#save} aria-labelledby="form-heading">
      <h2 id="form-heading">${this.t(this.view === 'new' ? 'ta.formHeadingNew' : 'ta.formHeadingEdit')}</h2>
      ${this.#renderField('category')} ${this.#renderField('name')} ${this.#renderField('body')} ${this.#renderPlaceholders()}
      ${this.formError && !FIELDS.some((f) => this.fieldErrors[f] === this.formError)
        ? html`<p class="error form-error" role="alert">${this.formError}</p>`
        : nothing}
      <div class="buttons">
        <button type="button" @click=${() => this.#closeForm()}>${this.t('ta.cancel')}</button>
        <button type="submit" class="primary" part="save-button" ?disabled=${this.saving}>
          ${this.saving ? this.t('ta.saving') : this.t('ta.save')}
        </button>
      </div>
    </form>`;
  }

  #renderDialog() {
    const t = this.confirming;
    return html`<dialog part="dialog" aria-labelledby="confirm-title" @close=${() => (this.confirming = null)}>
      ${t
        ? html`<h3 id="confirm-title">${this.t('ta.confirmTitle')}</h3>
            <p>${this.t('ta.confirmText', { category: t.category, name: t.name })}</p>
            ${this.deleteError ? html`<p class="error" role="alert">${this.deleteError}</p>` : nothing}
            <div class="buttons">
              <button type="button" class="cancel" @click=${() => this.#cancelDelete()}>${this.t('ta.cancel')}</button>
              <button type="button" class="primary confirm" @click=${() => this.#confirmDelete()}>${this.t('ta.delete')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  override render() {
    return html`${this.view === 'list' || this.#readOnly ? this.#renderList() : this.#renderForm()}
      <p class="notice" role="status" aria-live="polite">${this.status}</p>`;
  }
}
