import { html, nothing, type PropertyDeclarations } from 'lit';
import type { AttachmentView, Mall, MessageView } from '../../shared/api.ts';
import { formatBytes, formatDateTime } from '../core/format.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { showsCustomerName } from '../../shared/mall-display.ts';
import { threadMessages } from './thread.messages.ts';
import { threadStyles } from './thread.styles.ts';

/**
 * @tagname goq-thread
 * @summary One inquiry's messages, oldest first, with attachments and delivery states.
 *
 * <goq-thread>: one inquiry's messages, oldest first. Used by the order panel and the inbox.
 *
 * Bodies are bound as text (never HTML) with their line breaks kept. Attachments download through
 * the API with the Bearer token (a plain link cannot carry the header), so they are fetched as a
 * blob and saved. Shop messages show their delivery: 送信中 / 送信済み / 送信失敗 with [再送信].
 *
 * @event goq-retry - {messageId}: the user asked to resend a failed message
 * @csspart thread - the list of messages
 * @csspart message - one message (also `message-customer` / `message-shop`)
 * @csspart message-customer - a customer's message
 * @csspart message-shop - a shop reply
 * @csspart sender - who wrote and when
 * @csspart body - the text
 * @csspart attachments - the attachment links
 * @csspart delivery - the delivery state label
 * @csspart retry-button - [再送信]
 */
export class GoqThread extends GoqElement {
  static override messages = threadMessages;

  static override styles = threadStyles;

  static override properties: PropertyDeclarations = {
    messages: { attribute: false },
    mall: {},
    customerName: { attribute: 'customer-name' },
    downloadError: { state: true, attribute: false },
  };

  /** The messages, oldest first. */
  messages: MessageView[] = [];
  /** The inquiry's mall: Yahoo! never shows a customer name. */
  mall: Mall = 'rakuten';
  /** The customer's name (Rakuten only). */
  customerName: string | null = null;

  private downloadError = '';

  #senderLabel(message: MessageView): string {
    if (message.sender === 'customer') {
      // The mall gives Yahoo! only a masked id: a name is never shown, even if one were passed.
      const name = showsCustomerName(this.mall) && this.customerName;
      return name ? this.t('thread.customerNamed', { name }) : this.t('sender.customer');
    }
    return message.staffName ? this.t('thread.shopStaff', { name: message.staffName }) : this.t('sender.shop');
  }

  async #download(event: Event, attachment: AttachmentView): Promise<void> {
    event.preventDefault();
    this.downloadError = '';
    try {
      const blob = await this.api.fetchBlob(attachment.url);
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = attachment.name;
      link.style.display = 'none';
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      this.downloadError = this.t('thread.downloadFailed', { reason: this.problemMessage(error) });
    }
  }

  #retry(message: MessageView): void {
    emit(this, 'goq-retry', { messageId: message.id });
  }

  #renderDelivery(message: MessageView) {
    if (message.sender !== 'shop') return nothing;
    return html`<div class="delivery ${message.delivery}" part="delivery">
      <span>${this.t(`delivery.${message.delivery}`)}</span>
      ${message.delivery === 'failed'
        ? html`${message.failureReason
              ? html`<span class="reason">${this.t('thread.failureReason', { reason: this.mallError(this.mall, message.failureReason) })}</span>
                  <details class="raw"><summary>${this.t('thread.details')}</summary><code>${message.failureReason}</code></details>`
              : nothing}
            <button type="button" part="retry-button" @click=${() => this.#retry(message)}>${this.t('action.resend')}</button>`
        : nothing}
    </div>`;
  }

  #renderMessage(message: MessageView) {
    const lang = this.currentLang;
    return html`<li class=${message.sender} part="message message-${message.sender}">
      <div class="meta" part="sender">
        <span class="who">${this.#senderLabel(message)}</span>
        <time datetime=${message.sentAt}>${formatDateTime(message.sentAt, lang)}</time>
      </div>
      <p class="body" part="body">${message.body}</p>
      ${message.attachments.length > 0
        ? html`<ul class="attachments" part="attachments" aria-label=${this.t('thread.attachments')}>
            ${message.attachments.map(
              (a) => html`<li>
                <a
                  href=${this.api.url(a.url)}
                  download=${a.name}
                  @click=${(e: Event) => this.#download(e, a)}
                  >${a.name}</a
                >
                <span class="muted">(${formatBytes(a.size, lang)})</span>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.#renderDelivery(message)}
    </li>`;
  }

  override render() {
    if (this.messages.length === 0) return html`<p class="muted">${this.t('thread.empty')}</p>`;
    return html`
      <ol part="thread" aria-label=${this.t('thread.label')}>
        ${this.messages.map((m) => this.#renderMessage(m))}
      </ol>
      ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
    `;
  }
}
