import { html, nothing, type PropertyDeclarations } from 'lit';
import type { AssigneeView, InquiryDetail, InquiryUpdatedEvent } from '../../shared/api.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { showsCustomerName } from '../../shared/mall-display.ts';
import '../thread/index.ts';
import { panelMessages } from './panel.messages.ts';
import { panelStyles } from './panel.styles.ts';

/**
 * @tagname goq-inquiry-panel
 * @summary An order's inquiry history (お問い合わせ履歴) for a back office's order-detail page.
 *
 * <goq-inquiry-panel order-id inquiry-url>: the order's inquiry history (お問い合わせ履歴) on a back
 * office's order-detail page. Loads GET /orders/{orderId}/inquiries; never a blank box (loading,
 * error with a retry, or the notice 「注文者からのメッセージはありません」 without a button).
 * Reloads itself when the server announces a change to one of this order's inquiries.
 *
 * @event goq-open-inquiry - {id, url}, cancelable: before navigating to inquiry-url
 * @event goq-error - {problem}: loading or resending failed
 * @csspart panel - the wrapper
 * @csspart heading - お問い合わせ履歴
 * @csspart inquiry - one inquiry's block
 * @csspart open-button - [お問い合わせ詳細へ]
 * @csspart notice - the no-messages notice
 * @csspart retry-button - [再試行] after a failed load; also the thread's [再送信]
 * @csspart thread - exported from the thread: the list of messages
 * @csspart message - exported from the thread: one message (also `message-customer` / `message-shop`)
 * @csspart message-customer - exported from the thread: a customer's message
 * @csspart message-shop - exported from the thread: a shop reply
 * @csspart sender - exported from the thread: who wrote and when
 * @csspart body - exported from the thread: the text
 * @csspart attachments - exported from the thread: the attachment links
 * @csspart delivery - exported from the thread: a reply's delivery state
 */
export class GoqInquiryPanel extends GoqElement {
  static override messages = panelMessages;

  static override styles = panelStyles;

  static override properties: PropertyDeclarations = {
    orderId: { attribute: 'order-id' },
    inquiryUrl: { attribute: 'inquiry-url' },
    inquiries: { state: true, attribute: false },
    offline: { state: true, attribute: false },
    loading: { state: true, attribute: false },
    loadError: { state: true, attribute: false },
    actionError: { state: true, attribute: false },
  };

  /** The host's order id (required). */
  orderId = '';
  /** Where [お問い合わせ詳細へ] leads; `{id}` is replaced by the inquiry's id. */
  inquiryUrl = '';

  /** The last answer, kept while reloading so a refresh does not flash the loading state. */
  private inquiries: InquiryDetail[] | null = null;
  private actionError = '';
  /** The event stream is down (being retried): changes may not show until it is back. */
  private offline = false;

  #unsubscribe: (() => void) | null = null;
  #subscribedTo = '';

  // Loading by hand rather than through @lit/task: the order-detail page then loads no task code.
  private loading = false;
  private loadError: unknown = null;
  /** order id, API base and token the history was loaded for: a change of any loads again */
  #loadedFor = '';
  #runs = 0;
  #abort: AbortController | null = null;

  async #load(): Promise<void> {
    const run = ++this.#runs;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    try {
      const orderId = this.orderId;
      const items = orderId ? await this.api.get<InquiryDetail[]>(`/orders/${encodeURIComponent(orderId)}/inquiries`, abort.signal) : [];
      if (run !== this.#runs) return;
      this.inquiries = items;
      this.loadError = null;
    } catch (error) {
      if (run !== this.#runs) return;
      if (error instanceof ApiError) emit(this, 'goq-error', { problem: error.problem });
      this.loadError = error;
    } finally {
      if (run === this.#runs) this.loading = false;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: updated() subscribes to the server's events again
    if (!this.#subscribedTo) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#subscribedTo = '';
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('orderId')) this.inquiries = null;
    const { apiBase, token } = this.config;
    const key = `${this.orderId}\n${apiBase}\n${token}`;
    if (key !== this.#loadedFor) {
      this.#loadedFor = key;
      void this.#load();
    }
  }

  protected override updated(): void {
    // (Re)subscribe when the server or the token changes; one shared stream per page.
    const { apiBase, token } = this.config;
    const key = `${apiBase}\n${token}`;
    if (!token || key === this.#subscribedTo) return;
    this.#unsubscribe?.();
    this.#subscribedTo = key;
    this.#unsubscribe = this.api.subscribe(
      (name, data) => {
        if (name === 'inquiry.updated' && (data as InquiryUpdatedEvent | null)?.orderId === this.orderId) {
          void this.#load();
        }
      },
      // changes announced while the stream was down were missed
      { onReconnect: () => void this.#load(), onStatus: (up) => (this.offline = !up) },
    );
  }

  /** Loads the history again (also what the retry button does). */
  reload(): Promise<void> {
    return this.#load();
  }

  #openInquiry(inquiry: InquiryDetail): void {
    const url = this.inquiryUrl ? this.inquiryUrl.replaceAll('{id}', encodeURIComponent(inquiry.id)) : '';
    if (!emit(this, 'goq-open-inquiry', { id: inquiry.id, url }, { cancelable: true })) return;
    if (url) window.location.assign(url);
  }

  async #onRetry(event: CustomEvent<{ messageId: string }>, inquiry: InquiryDetail): Promise<void> {
    this.actionError = '';
    try {
      await this.api.send(
        'POST',
        `/inquiries/${encodeURIComponent(inquiry.id)}/replies/${encodeURIComponent(event.detail.messageId)}/retry`,
      );
      await this.#load();
    } catch (error) {
      this.actionError = this.t('panel.retryFailed', { reason: this.problemMessage(error) });
      if (error instanceof ApiError) emit(this, 'goq-error', { problem: error.problem });
    }
  }

  #renderInquiry(inquiry: InquiryDetail) {
    const { apiBase, token, lang } = this.config;
    const customerName = showsCustomerName(inquiry.mall) ? inquiry.customerName : null;
    const assignee = (inquiry as { assignee?: AssigneeView | null }).assignee;
    return html`<article part="inquiry" aria-labelledby="subject-${inquiry.id}">
      <header>
        <span class="mall ${inquiry.mall}">${this.t(`mall.${inquiry.mall}`)}</span>
        <span class="status ${inquiry.status}">${this.t(`status.${inquiry.status}`)}</span>
        <h3 id="subject-${inquiry.id}">${inquiry.subject}</h3>
      </header>
      <p class="facts">
        ${customerName ? html`<span>${this.t('panel.customer', { name: customerName })}</span>` : nothing}
        <span>${this.t('panel.inquiryNumber', { number: inquiry.mallInquiryId })}</span>
        ${inquiry.itemName ? html`<span>${this.t('panel.item', { name: inquiry.itemName })}</span>` : nothing}
        ${assignee ? html`<span class="assignee">${this.t('panel.assignee', { name: assignee.name })}</span>` : nothing}
      </p>
      <goq-thread
        .apiBase=${apiBase}
        .token=${token}
        .lang=${lang}
        .messages=${inquiry.messages}
        .mall=${inquiry.mall}
        .customerName=${customerName}
        exportparts="thread,message,message-customer,message-shop,sender,body,attachments,delivery,retry-button"
        @goq-retry=${(e: CustomEvent<{ messageId: string }>) => this.#onRetry(e, inquiry)}
      ></goq-thread>
      <div class="actions">
        <button type="button" class="primary" part="open-button" @click=${() => this.#openInquiry(inquiry)}>
          ${this.t('panel.openInquiry')}
        </button>
      </div>
    </article>`;
  }

  #renderHistory(inquiries: InquiryDetail[]) {
    // The orderer wrote nothing: the notice and no button (the manual).
    const written = inquiries.filter((i) => i.messages.some((m) => m.sender === 'customer'));
    if (written.length === 0) return html`<p class="notice" part="notice">${this.t('panel.noMessages')}</p>`;
    return html`${written.map((i) => this.#renderInquiry(i))}
    ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}`;
  }

  #renderLoading() {
    return html`<p class="state muted" role="status">${this.t('loading')}</p>`;
  }

  override render() {
    return html`<section part="panel" aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('panel.heading')}</h2>
      ${this.offline ? html`<p class="offline" role="status">${this.t('connection.lost')}</p>` : nothing}
      ${this.loading
        ? this.inquiries
          ? this.#renderHistory(this.inquiries)
          : this.#renderLoading()
        : this.loadError
          ? html`<div class="state error" role="alert">
              <span>${this.t('panel.loadFailed')} ${this.problemMessage(this.loadError)}</span>
              <button type="button" part="retry-button" @click=${() => this.#load()}>${this.t('action.retry')}</button>
            </div>`
          : this.inquiries
            ? this.#renderHistory(this.inquiries)
            : this.#renderLoading()}
    </section>`;
  }
}
