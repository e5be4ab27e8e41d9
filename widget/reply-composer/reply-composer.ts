import { html, nothing } from 'lit';
import { property, query, state } from '../core/decorators.ts';
import type { FieldProblem, Mall, MessageView, Template, ThreadChangedProblem } from '../../shared/api.ts';
import { charCount, checkReply, normalizeLineBreaks, REPLY_RULES } from '../../shared/mall-rules.ts';
import {
  findPlaceholders,
  findUnknownPlaceholders,
  renderPlaceholders,
  type PlaceholderValues,
} from '../../shared/placeholders.ts';
import { formatDateTime } from '../core/format.ts';
import { GoqElement } from '../core/goq-element.ts';
import { loadProblemCatalogue } from '../core/i18n/problem-catalogue.ts';
import { addAttachments, renderAttachmentPicker } from './attachment-picker.ts';
import { clearDraft, loadDraft, saveDraft } from './draft-store.ts';
import { composerMessages } from './reply-composer.messages.ts';
import { composerStyles } from './reply-composer.styles.ts';
import { describeProblem } from './reply-problems.ts';
import { renderTemplatePicker } from './template-picker.ts';

/** `basedOn`: the thread version the draft was written against; `complete`: 送信して完了. */
export type SubmitReply = (body: string, files: File[], options?: { basedOn?: number; complete?: boolean }) => Promise<void>;

/**
 * @tagname goq-reply-composer
 * @summary The reply to one inquiry, checked against its mall's rules as the staff member types.
 *
 * <goq-reply-composer>: the reply to one inquiry. Shows the mall's limits as the staff member types
 * (2,000 characters; Rakuten: 300 per line and its link rule), refuses what the mall would refuse with
 * the reason, inserts templates at the cursor with the placeholders filled, takes attachments, keeps
 * a draft per inquiry in localStorage, and sends with [送信] or Ctrl+Enter, or with [送信して完了].
 * When the thread moved since the draft was begun (409 `thread_changed`), it shows what arrived above
 * the kept draft with [内容を確認して送信] and [編集に戻る].
 *
 * Internal part of <goq-inquiry-inbox>, which owns the data: the composer calls `submit(body, files)`
 * and keeps the text unless that resolves (the server accepted the reply).
 *
 * @csspart composer - the form
 * @csspart textarea - the reply text
 * @csspart limits - the character counter
 * @csspart send-button - [送信]
 * @csspart send-complete-button - [送信して完了]
 * @csspart thread-changed - the messages that arrived since the draft was begun, with [内容を確認して送信] [編集に戻る]
 * @csspart template-picker - the category and template selects with [挿入]
 * @csspart dropzone - the file picker and the mall's attachment rules
 * @csspart file-list - the chosen files
 */
export class GoqReplyComposer extends GoqElement {
  static override messages = composerMessages;

  static override styles = composerStyles;

  /** The inquiry replied to. */
  @property({ attribute: 'inquiry-id' }) inquiryId = '';
  /** Its mall: whose rules apply. */
  @property() mall: Mall = 'rakuten';
  /** localStorage key of this inquiry's draft ('' keeps no draft). */
  @property({ attribute: false }) draftKey = '';
  /** The shop's templates, for the picker. */
  @property({ attribute: false }) templates: Template[] = [];
  /** Values for the template placeholders (settings of the inquiry's mall store, the staff name). */
  @property({ attribute: false }) placeholderValues: PlaceholderValues = { storeName: '', staffName: '', phone: '', email: '' };
  /** Sends the reply; resolves once the server accepted it, rejects (ApiError) when it refused. */
  @property({ attribute: false }) submit: SubmitReply | null = null;
  /** The thread's version as shown; the draft is sent as based on the version it was begun on. */
  @property({ attribute: false }) version: number | undefined = undefined;

  @state() private text = '';
  @state() private files: File[] = [];
  /** Why the last added files were refused. */
  @state() private fileProblems: FieldProblem[] = [];
  @state() private sending = false;
  /** The problems shown after a send attempt (body_empty is only said then). */
  @state() private attempted = false;
  @state() private refusal = '';
  /** The text for which the staff member was warned about placeholders: a second [送信] sends it as is. */
  @state() private placeholderWarningFor: string | null = null;
  /** The template picker's category filter ('' = all) and chosen template. */
  @state() private templateCategory = '';
  @state() private templateId = '';
  /** The server refused the send because the thread moved: what arrived, and the send to repeat. */
  @state() private conflict: { messages: MessageView[]; version: number; complete: boolean } | null = null;
  /** The version the draft was begun on: it follows the thread while the draft is empty. */
  #basedOn: number | undefined;

  @query('textarea') private textarea!: HTMLTextAreaElement;

  override connectedCallback(): void {
    super.connectedCallback();
    // The rules' sentences come from the problem catalogue, fetched on demand (the inbox starts it early).
    void loadProblemCatalogue().then(() => this.requestUpdate(), () => undefined);
  }

  /** Focuses the reply text (the inbox's `r` key). */
  focusReply(): void {
    this.textarea?.focus();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('draftKey') || changed.has('inquiryId')) {
      this.text = this.draftKey ? loadDraft(this.draftKey) : '';
      this.files = [];
      this.fileProblems = [];
      this.attempted = false;
      this.refusal = '';
      this.placeholderWarningFor = null;
      this.conflict = null;
      this.#basedOn = this.version;
    }
    if (changed.has('version') && (!this.text.trim() || this.#basedOn === undefined)) this.#basedOn = this.version;
  }

  #setText(text: string): void {
    this.text = text;
    this.refusal = '';
    if (this.draftKey) saveDraft(this.draftKey, text);
  }

  #onInput(event: Event): void {
    this.#setText((event.target as HTMLTextAreaElement).value);
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#send();
    }
  }

  /** Inserts a template's body at the cursor (replacing a selection), placeholders filled. */
  #insertTemplate(template: Template): void {
    const rendered = renderPlaceholders(template.body, this.placeholderValues);
    const area = this.textarea;
    const start = area ? area.selectionStart : this.text.length;
    const end = area ? area.selectionEnd : this.text.length;
    const next = this.text.slice(0, start) + rendered.text + this.text.slice(end);
    this.#setText(next);
    const caret = start + rendered.text.length;
    void this.updateComplete.then(() => {
      area.value = next;
      area.focus();
      area.setSelectionRange(caret, caret);
    });
  }

  get #problems(): FieldProblem[] {
    return checkReply(this.mall, this.text, this.files);
  }

  /** Bracketed tokens that would reach the customer as written. */
  get #placeholderWarnings(): string[] {
    const out: string[] = [];
    const unknown = findUnknownPlaceholders(this.text);
    if (unknown.length) out.push(this.t('composer.unknownPlaceholder', { tokens: unknown.join(' ') }));
    const unfilled = findPlaceholders(this.text);
    if (unfilled.length) out.push(this.t('composer.unfilledPlaceholder', { tokens: unfilled.join(' ') }));
    return out;
  }

  async #send(complete = false): Promise<void> {
    if (this.sending || !this.submit) return;
    this.conflict = null;
    this.attempted = true;
    if (this.#problems.length > 0) {
      this.focusReply();
      return;
    }
    if (this.#placeholderWarnings.length > 0 && this.placeholderWarningFor !== this.text) {
      this.placeholderWarningFor = this.text;
      return;
    }
    this.sending = true;
    this.refusal = '';
    const body = normalizeLineBreaks(this.text);
    const files = this.files;
    const key = this.draftKey;
    try {
      await this.submit(body, files, { basedOn: this.#basedOn, complete });
      if (key) clearDraft(key);
      // The staff member may have moved to another inquiry meanwhile: its text stays.
      if (key !== this.draftKey) return;
      // the next reply starts from the thread as it is now (its own reply included once listed)
      this.#basedOn = this.version;
      this.text = '';
      this.files = [];
      this.attempted = false;
      this.placeholderWarningFor = null;
      this.fileProblems = [];
    } catch (error) {
      const problem = (error as { problem?: ThreadChangedProblem }).problem;
      if (problem?.code === 'thread_changed' && key === this.draftKey) {
        // Everything typed stays; the staff member reads what arrived before sending again.
        this.conflict = { messages: problem.messages ?? [], version: problem.version, complete };
        return;
      }
      // A refusal keeps everything the staff member wrote, with the reason.
      this.refusal = this.t('composer.refused', { reason: this.#problemDetail(error) });
    } finally {
      this.sending = false;
    }
  }

  /** The server's reasons: each field problem in the composer's words, else the problem code's sentence. */
  #problemDetail(error: unknown): string {
    const problem = (error as { problem?: { errors?: FieldProblem[] } })?.problem;
    const fields = problem?.errors ?? [];
    if (fields.length > 0) return fields.map((p) => describeProblem(p, this.t.bind(this))).join(' ');
    return this.problemMessage(error);
  }

  /** [内容を確認して送信] sends the draft again, based on what was just shown; [編集に戻る] returns to it. */
  #resolveConflict(send: boolean): void {
    const conflict = this.conflict;
    if (!conflict) return;
    this.#basedOn = conflict.version;
    this.conflict = null;
    if (send) void this.#send(conflict.complete);
    else void this.updateComplete.then(() => this.focusReply());
  }

  #renderConflict() {
    const c = this.conflict!;
    const t = this.t.bind(this);
    return html`<div class="thread-changed" part="thread-changed" role="alert">
      <p class="warning"><strong>${t('composer.threadChanged')}</strong></p>
      <ul class="new-messages">
        ${c.messages.map(
          (m) => html`<li class=${m.sender}>
            <span class="muted">${m.sender === 'shop' ? (m.staffName ?? t('sender.shop')) : t('sender.customer')} ·
              <time datetime=${m.sentAt}>${formatDateTime(m.sentAt, this.currentLang)}</time></span>
            <p class="new-body">${m.body}</p>
          </li>`,
        )}
      </ul>
      <button type="button" class="primary confirm-send" @click=${() => this.#resolveConflict(true)}>${t('composer.confirmSend')}</button>
      <button type="button" class="back-to-edit" @click=${() => this.#resolveConflict(false)}>${t('composer.backToEdit')}</button>
    </div>`;
  }

  #addFiles(incoming: File[]): void {
    if (this.sending || incoming.length === 0) return;
    const { files, problems } = addAttachments(this.mall, this.files, incoming);
    this.files = files;
    this.fileProblems = problems;
    this.refusal = '';
  }

  #onDragOver(event: DragEvent): void {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }

  #onDrop(event: DragEvent): void {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.#addFiles([...event.dataTransfer.files]);
  }

  #renderLimits() {
    const rules = REPLY_RULES[this.mall];
    const text = normalizeLineBreaks(this.text);
    const count = charCount(text);
    const longest = rules.maxCharsPerLine === null ? 0 : Math.max(0, ...text.split('\n').map(charCount));
    return html`<div class="limits muted" id="limits" part="limits">
      <span class="count ${count > rules.maxChars ? 'over' : ''}"
        >${this.t('composer.chars', { count: count.toLocaleString('ja-JP'), max: rules.maxChars.toLocaleString('ja-JP') })}</span
      >
      ${rules.maxCharsPerLine !== null
        ? html`<span class="line-limit ${longest > rules.maxCharsPerLine ? 'over' : ''}"
            >${this.t('composer.lineLimit', { max: rules.maxCharsPerLine })}</span
          >`
        : nothing}
      <span>${this.t('composer.shortcut')}</span>
    </div>`;
  }

  override render() {
    const t = this.t.bind(this);
    // Live: everything but an empty body, which is only said once the staff member tries to send.
    const problems = this.#problems.filter((p) => this.attempted || p.code !== 'body_empty');
    const bodyProblems = problems.filter((p) => p.field === 'body');
    const warnings = this.#placeholderWarnings;
    const warned = this.placeholderWarningFor !== null && this.placeholderWarningFor === this.text;
    return html`<form
      part="composer"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.#send();
      }}
      @dragover=${this.#onDragOver}
      @drop=${this.#onDrop}
    >
      ${renderTemplatePicker({
        templates: this.templates,
        category: this.templateCategory,
        templateId: this.templateId,
        disabled: this.sending,
        t,
        onCategory: (c) => (this.templateCategory = c),
        onChoose: (id) => (this.templateId = id),
        onInsert: (template) => this.#insertTemplate(template),
      })}
      ${this.conflict ? this.#renderConflict() : nothing}
      <label class="label" for="reply">${t('composer.label')}</label>
      <textarea
        id="reply"
        part="textarea"
        placeholder=${t('composer.placeholder')}
        aria-describedby="limits problems"
        aria-invalid=${bodyProblems.length > 0 ? 'true' : 'false'}
        .value=${this.text}
        ?readonly=${this.sending}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      ${this.#renderLimits()}
      <div id="problems" class="problems-box">
        ${problems.length > 0
          ? html`<ul class="problems error" role=${this.attempted ? 'alert' : nothing}>
              ${problems.map((p) => html`<li data-code=${p.code}>${describeProblem(p, t)}</li>`)}
            </ul>`
          : nothing}
        ${warnings.length > 0
          ? html`<div class="warning placeholders" role=${warned ? 'alert' : nothing}>
              ${warnings.map((w) => html`<p class="warning">${w}</p>`)}
              ${warned ? html`<p class="warning confirm">${t('composer.confirmPlaceholders')}</p>` : nothing}
            </div>`
          : nothing}
      </div>
${renderAttachmentPicker({
        mall: this.mall,
        files: this.files,
        problems: this.fileProblems,
        disabled: this.sending,
        lang: this.currentLang,
        t,
        onAdd: (files) => this.#addFiles(files),
        onRemove: (index) => {
          this.files = this.files.filter((_, i) => i !== index);
          this.fileProblems = [];
        },
      })}
      ${this.refusal ? html`<p class="error refusal" role="alert">${this.refusal}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary send" part="send-button" ?disabled=${this.sending} aria-keyshortcuts="Control+Enter">
          ${this.sending ? t('composer.sending') : t('composer.send')}
        </button>
        <button type="button" class="send-complete" part="send-complete-button" ?disabled=${this.sending} @click=${() => this.#send(true)}>
          ${t('composer.sendComplete')}
        </button>
      </div>
    </form>`;
  }
}
