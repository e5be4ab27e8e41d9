/**
 * <goq-inquiry-list>: one tab's inquiries, newest activity first. Each row shows the mall, subject,
 * customer (Rakuten's name; Yahoo! never has one), a preview, the time in JST and the order number.
 * More rows load as the end scrolls into view (an IntersectionObserver on a sentinel), with a
 * [もっと見る] button for when that cannot fire (no layout, or a user who prefers a button).
 *
 * Internal part of <goq-inquiry-inbox>: it fires `inquiry-select` {id} and `load-more` (not composed).
 *
 * @csspart list - the list
 * @csspart row - one inquiry (also `row-selected`)
 * @csspart more-button - [もっと見る]
 */
import { css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { InquirySummary } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import { GoqElement } from '../core/goq-element.ts';
import { themeStyles } from '../core/styles.ts';
import { inboxMessages } from './inbox.messages.ts';

export class GoqInquiryList extends GoqElement {
  static override messages = inboxMessages;

  static override styles = [
    themeStyles,
    css`
      :host {
        background: none;
        overflow-y: auto;
        max-height: var(--goq-inbox-list-height, 70vh);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        border-top: 1px solid var(--_border);
      }
      .row {
        all: unset;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px 8px;
        width: 100%;
        box-sizing: border-box;
        padding: var(--_space);
        cursor: pointer;
      }
      .row:hover,
      [aria-current='true'] {
        background: var(--_surface);
      }
      [aria-current='true'] {
        box-shadow: inset 3px 0 var(--_accent);
      }
      .row:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
      .top,
      .preview {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .top {
        font-weight: 600;
      }
      .row > :not(.top) {
        color: var(--_muted);
        font-size: 0.88em;
      }
      .preview {
        grid-column: 1 / -1;
      }
      .footer {
        padding: var(--_space);
        text-align: center;
      }
      .sentinel {
        height: 1px;
      }
    `,
  ];

  /** The rows loaded so far. */
  @property({ attribute: false }) items: InquirySummary[] = [];
  /** The inquiry shown in the detail view. */
  @property({ attribute: false }) selectedId: string | null = null;
  /** More rows exist after the last one. */
  @property({ type: Boolean }) hasMore = false;
  @property({ type: Boolean }) loading = false;
  /** A sentence when the last load failed. */
  @property({ attribute: false }) error = '';

  @query('.sentinel') private sentinel!: HTMLElement | null;
  private observer: IntersectionObserver | null = null;
  private observed: Element | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
  }

  protected override updated(): void {
    // Watch the sentinel that is there now (it is re-rendered when the list changes).
    if (typeof IntersectionObserver === 'undefined') return;
    if (!this.observer) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting) && this.hasMore && !this.loading && !this.error) this.loadMore();
      }, { root: this, rootMargin: '0px 0px 200px 0px' });
    }
    const target = this.sentinel;
    if (target !== this.observed) {
      if (this.observed) this.observer.unobserve(this.observed);
      if (target) this.observer.observe(target);
      this.observed = target;
    } else if (target && this.hasMore && !this.loading) {
      // The sentinel stayed in view while a page loaded: observe again so a still-short list keeps filling.
      this.observer.unobserve(target);
      this.observer.observe(target);
    }
  }

  /** Moves keyboard focus to a row. */
  focusRow(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`button.row[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  /** The row that has keyboard focus, if any. */
  focusedRowId(): string | null {
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    return active instanceof HTMLElement && active.classList.contains('row') ? (active.dataset.id ?? null) : null;
  }

  private loadMore(): void {
    this.dispatchEvent(new CustomEvent('load-more', { bubbles: true }));
  }

  private select(id: string): void {
    this.dispatchEvent(new CustomEvent('inquiry-select', { detail: { id }, bubbles: true }));
  }

  private renderRow(item: InquirySummary) {
    const selected = item.id === this.selectedId;
    const lang = this.currentLang;
    return html`<li>
      <button
        type="button"
        class="row"
        part=${selected ? 'row row-selected' : 'row'}
        data-id=${item.id}
        aria-current=${selected ? 'true' : 'false'}
        @click=${() => this.select(item.id)}
      >
        <span class="top"><span class="mall ${item.mall}">${this.t(`mall.${item.mall}`)}</span> <span class="subject">${item.subject}</span></span>
        <time class="time" datetime=${item.lastActivityAt}>${formatDateTime(item.lastActivityAt, lang)}</time>
        <span class="customer"
          >${item.mall === 'rakuten' && item.customerName
            ? this.t('detail.customer', { name: item.customerName })
            : this.t('detail.customerHidden')}</span
        >
        <span class="order">${item.orderId ? this.t('list.order', { orderId: item.orderId }) : this.t('list.noOrder')}</span>
        <span class="preview">${item.preview}</span>
      </button>
    </li>`;
  }

  override render() {
    return html`
      ${this.items.length > 0
        ? html`<ul part="list" aria-label=${this.t('list.label')}>
            ${repeat(
              this.items,
              (i) => i.id,
              (i) => this.renderRow(i),
            )}
          </ul>`
        : !this.loading && !this.error
          ? html`<p class="muted footer empty">${this.t('list.empty')}</p>`
          : nothing}
      <div class="footer">
        ${this.error
          ? html`<p class="error">${this.error}</p>
              <button type="button" class="more" part="more-button" @click=${this.loadMore}>${this.t('action.retry')}</button>`
          : this.loading
            ? html`<span class="muted loading">${this.t('loading')}</span>`
            : this.hasMore
              ? html`<button type="button" class="more" part="more-button" @click=${this.loadMore}>${this.t('list.more')}</button>`
              : nothing}
      </div>
      ${this.hasMore ? html`<div class="sentinel" aria-hidden="true"></div>` : nothing}
    `;
  }
}
