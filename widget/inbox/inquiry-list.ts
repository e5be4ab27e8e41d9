/**
 * One tab's inquiry list, newest activity first, rendered inside the inbox's own shadow root. Each row
 * shows the mall, subject, customer (Rakuten's name; Yahoo! never has one), a preview, the time in JST
 * and the order number. More rows load as the end scrolls into view (ListPager: an IntersectionObserver
 * on a sentinel), with a [もっと見る] button for when that cannot fire.
 *
 * @csspart list - the list; row - one inquiry (also row-selected); more-button - [もっと見る]
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { InquirySummary, TeamFields } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import type { Lang } from '../core/i18n/catalogue.ts';
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

export interface ListView {
  items: ListItem[];
  /** the inquiry shown in the detail view */
  selectedId: string | null;
  /** more rows exist after the last one */
  hasMore: boolean;
  loading: boolean;
  /** a sentence when the last load failed */
  error: string;
  lang: Lang;
  t: Translate;
  onSelect: (id: string) => void;
  onMore: () => void;
  /** the row's team facts (担当者, 待ち時間, 返信遅れ, 未読) */
  rowExtras?: (item: ListItem) => unknown;
  /** a checkbox per row (一括操作) */
  pick?: { label: (item: ListItem) => string; checked: (id: string) => boolean; toggle: (item: ListItem, on: boolean) => void };
}

/** A row: the summary, with the team's fields when the server gives them. */
export type ListItem = InquirySummary & Partial<TeamFields>;

export const listStyles = css`
  .list-pane {
    overflow-y: auto;
    max-height: var(--goq-inbox-list-height, 70vh);
  }
  .list-pane ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .list-pane li + li {
    border-top: 1px solid var(--_border);
  }
  .row {
    all: unset;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px 8px;
    width: 100%;
    box-sizing: border-box;
    padding: var(--_space);
    cursor: pointer;
  }
  .row:hover,
  .row[aria-current='true'] {
    background: var(--_surface);
  }
  .row[aria-current='true'] {
    box-shadow: inset 3px 0 var(--_accent);
  }
  .row:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .top {
    font-weight: 600;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .meta {
    overflow-wrap: anywhere;
  }
  @container (max-width: 480px) {
    .row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .row > :not(.top) {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .meta,
  .preview {
    grid-column: 1 / -1;
  }
  .order {
    margin-left: 1em;
  }
  .footer {
    padding: var(--_space);
    text-align: center;
  }
  .sentinel {
    height: 1px;
  }
`;

function customerLine(item: InquirySummary, t: Translate): string {
  const name = showsCustomerName(item.mall) && item.customerName;
  return name ? t('detail.customer', { name }) : t('detail.customerHidden');
}

function renderRow(v: ListView, item: ListItem): TemplateResult {
  const selected = item.id === v.selectedId;
  const pick = v.pick;
  return html`<li class=${pick ? 'pickable' : ''}>
    ${pick
      ? html`<input
          type="checkbox"
          class="pick"
          aria-label=${pick.label(item)}
          .checked=${pick.checked(item.id)}
          @change=${(e: Event) => pick.toggle(item, (e.target as HTMLInputElement).checked)}
        />`
      : nothing}
    <button
      type="button"
      class="row ${item.unread ? 'unread' : ''}"
      part=${selected ? 'row row-selected' : 'row'}
      data-id=${item.id}
      aria-current=${selected ? 'true' : 'false'}
      @click=${() => v.onSelect(item.id)}
    >
      <span class="top"><span class="mall ${item.mall}">${v.t(`mall.${item.mall}`)}</span> <span class="subject">${item.subject}</span></span>
      <time datetime=${item.lastActivityAt}>${formatDateTime(item.lastActivityAt, v.lang)}</time>
      <span class="meta"
        ><span class="customer"
          >${customerLine(item, v.t)}</span
        >
        <span class="order">${item.orderId ? v.t('list.order', { orderId: item.orderId }) : v.t('list.noOrder')}</span></span
      >
      <span class="preview">${item.preview}</span>
      ${v.rowExtras?.(item) ?? nothing}
    </button>
  </li>`;
}

export function renderInquiryList(v: ListView): TemplateResult {
  return html`${v.items.length > 0
      ? html`<ul part="list" aria-label=${v.t('list.label')}>
          ${v.items.map((i) => renderRow(v, i))}
        </ul>`
      : !v.loading && !v.error
        ? html`<p class="muted footer empty">${v.t('list.empty')}</p>`
        : nothing}
    <div class="footer">
      ${v.error
        ? html`<p class="error">${v.error}</p>
            <button type="button" class="more" part="more-button" @click=${v.onMore}>${v.t('action.retry')}</button>`
        : v.loading
          ? html`<span class="muted loading">${v.t('loading')}</span>`
          : v.hasMore
            ? html`<button type="button" class="more" part="more-button" @click=${v.onMore}>${v.t('list.more')}</button>`
            : nothing}
    </div>
    ${v.hasMore ? html`<div class="sentinel" aria-hidden="true"></div>` : nothing}`;
}

type ListHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Keeps the list going as it scrolls: asks for the next page when the sentinel at its end comes into
 * view of the scrolling pane. Rows are rendered by position (no keyed directive to ship), so it also
 * keeps keyboard focus on the same inquiry when a refresh moves the rows.
 */
export class ListPager implements ReactiveController {
  #observer: IntersectionObserver | null = null;
  #observed: Element | null = null;
  #focusedBefore: string | null = null;

  readonly #host: ListHost;
  readonly #canLoad: () => boolean;
  readonly #loadMore: () => void;

  constructor(
    host: ListHost,
    /** true when a page may be asked for now (more exist, none loading, no error) */
    canLoad: () => boolean,
    loadMore: () => void,
  ) {
    this.#host = host;
    this.#canLoad = canLoad;
    this.#loadMore = loadMore;
    host.addController(this);
  }

  get #root(): ShadowRoot | null {
    return this.#host.renderRoot instanceof ShadowRoot ? this.#host.renderRoot : null;
  }

  /** The row that has keyboard focus, if any. */
  focusedRowId(): string | null {
    const active = this.#root?.activeElement;
    return active instanceof HTMLElement && active.classList.contains('row') ? (active.dataset.id ?? null) : null;
  }

  focusRow(id: string): void {
    this.#root?.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  hostUpdate(): void {
    this.#focusedBefore = this.focusedRowId();
  }

  hostUpdated(): void {
    if (this.#focusedBefore && this.focusedRowId() !== this.#focusedBefore) this.focusRow(this.#focusedBefore);
    const pane = this.#root?.querySelector('.list-pane');
    const target = this.#root?.querySelector('.sentinel') ?? null;
    if (!pane || typeof IntersectionObserver === 'undefined') return;
    if (this.#observer && (this.#observer.root as Element | null) !== pane) this.hostDisconnected();
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && this.#canLoad()) this.#loadMore();
      },
      { root: pane, rootMargin: '0px 0px 200px 0px' },
    );
    // Observing again makes a sentinel that stayed in view report again, so a short list keeps filling.
    if (this.#observed) this.#observer.unobserve(this.#observed);
    if (target) this.#observer.observe(target);
    this.#observed = target;
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }
}
