/**
 * <goq-inquiry-inbox>: お問い合わせ管理. Three status tabs (返信が必要 with its count, 返信済み, 対応完了),
 * a list per tab (newest activity first, paged by cursor as the user scrolls, filtered by mall and
 * searchable), and the selected inquiry's thread with [注文詳細を開く], [完了する] and the reply composer.
 * Keeps itself current from the server's events; shows the mall accounts' health when one needs care.
 *
 * Keyboard: j/k or ArrowDown/ArrowUp move through the list (outside text fields), r focuses the reply,
 * Ctrl+Enter sends.
 *
 * @attr status - the tab: needs-reply (default) / replied / completed (reflected)
 * @attr inquiry-id - the inquiry to open (reflected as the user selects)
 * @attr order-url - the host's order-detail URL, `{orderId}` replaced (e.g. `/orders/{orderId}`)
 * @event goq-open-order - {orderId, url}, cancelable: before leaving for the order page
 * @event goq-reply-sent - {inquiryId, message}: the server accepted a reply (delivery `pending`)
 * @event goq-completed - {inquiryId}
 * @event goq-reopened - {inquiryId}
 * @event goq-error - {problem}: a load or an action failed
 * @csspart base, banner, tabs, tab, tab-selected, tab-count, tabpanel, toolbar, list-pane, list, row, row-selected,
 *   more-button, detail, detail-header, open-order-button, complete-button, reopen-button; exported from the
 *   thread: thread, message, message-customer, message-shop, sender, body, attachments, delivery, retry-button;
 *   from the composer: composer, template-picker, textarea, limits, send-button, dropzone, file-list
 * @cssproperty --goq-inbox-list-width - width of the list column (default 38%)
 * @cssproperty --goq-inbox-list-height - height of the scrolling list (default 70vh)
 */
import { css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  INQUIRY_STATUSES,
  MALLS,
  type InquiryCounts,
  type InquiryDetail,
  type InquiryPage,
  type InquiryStatus,
  type InquirySummary,
  type Mall,
  type MallAccountList,
  type MallAccountView,
  type MessageView,
  type ReplyAccepted,
  type ServerEventName,
  type ShopSettings,
  type Template,
} from '../../shared/api.ts';
import type { PlaceholderValues } from '../../shared/placeholders.ts';
import { ApiError } from '../core/api-client.ts';
import { GoqElement } from '../core/goq-element.ts';
import { loadProblemCatalogue } from '../core/i18n/problem-catalogue.ts';
import { themeStyles } from '../core/styles.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { draftKey } from './draft-store.ts';
import { inboxMessages } from './inbox.messages.ts';
import { panelId, renderTabs, tabId } from './inbox-tabs.ts';
import { ListPager, listStyles, renderInquiryList } from './inquiry-list.ts';
import { healthStyles, renderMallHealth } from './mall-health-banner.ts';
import type { GoqReplyComposer } from './reply-composer.ts';

const PAGE_SIZE = 30;
/** The server's largest page: a refresh re-reads at most this many rows at once. */
const PAGE_MAX = 100;
const POLL_FIRST_MS = 2000;
const POLL_MAX_MS = 15_000;
const REFRESH_DEBOUNCE_MS = 250;

function isStatus(value: string): value is InquiryStatus {
  return (INQUIRY_STATUSES as readonly string[]).includes(value);
}

/** Where j/k/r are letters being typed, not commands. */
function isTextField(node: EventTarget | undefined): boolean {
  return node instanceof HTMLElement && (node.isContentEditable || node.matches('textarea, select, input:not([type=button], [type=checkbox], [type=radio], [type=submit])'));
}

export class GoqInquiryInbox extends GoqElement {
  static override messages = inboxMessages;

  static override styles = [
    themeStyles,
    listStyles,
    healthStyles,
    css`
      :host {
        container-type: inline-size;
      }
      .tabs,
      .toolbar,
      .actions,
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .tabs {
        border-bottom: 1px solid var(--_border);
      }
      .tab {
        border-radius: var(--_radius) var(--_radius) 0 0;
        background: transparent;
        border-color: transparent;
      }
      .tab[aria-selected='true'] {
        border-color: var(--_border);
        font-weight: 700;
        box-shadow: inset 0 3px var(--_accent);
      }
      .count {
        background: var(--_danger);
        color: var(--_bg);
        border-radius: 9px;
        padding: 0 6px;
        margin-left: 6px;
      }
      .toolbar {
        padding: var(--_space) 0;
      }
      .layout {
        display: grid;
        gap: 16px;
      }
      @container (min-width: 760px) {
        .layout {
          grid-template-columns: var(--goq-inbox-list-width, 38%) 1fr;
        }
      }
      .list-pane {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .layout > * {
        min-width: 0;
      }
      h2 {
        font-size: 1.15em;
        margin: 4px 0;
      }
      h3 {
        font-size: 1em;
      }
      .facts {
        margin: 0 0 8px;
        padding: 0;
        list-style: none;
        color: var(--_muted);
      }
      .complete[aria-disabled='true'] {
        color: var(--_success);
        border-color: var(--_success);
        font-weight: 700;
      }
      goq-reply-composer {
        margin-top: 16px;
      }
    `,
  ];

  // ── public properties ──────────────────────────────────────────────
  /** The tab shown: `needs-reply` (default), `replied` or `completed`. */
  @property({ reflect: true }) status: InquiryStatus = 'needs-reply';
  /** The inquiry shown in the detail view. */
  @property({ attribute: 'inquiry-id', reflect: true }) inquiryId = '';
  /** The host's order-detail URL; `{orderId}` is replaced. */
  @property({ attribute: 'order-url' }) orderUrl = '';

  // ── list state ─────────────────────────────────────────────────────
  @state() private items: InquirySummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private listLoading = false;
  @state() private listError = '';
  /** '' shows both malls */
  @state() private mallFilter: Mall | '' = '';
  @state() private searchText = '';
  @state() private counts: InquiryCounts | null = null;
  /** The live region's text: the 返信が必要 count when it changes. */
  @state() private announcement = '';

  // ── detail state ───────────────────────────────────────────────────
  @state() private detail: InquiryDetail | null = null;
  @state() private detailLoading = false;
  @state() private detailError = '';
  @state() private actionError = '';
  @state() private busy = false;

  // ── shop data ──────────────────────────────────────────────────────
  @state() private settings: ShopSettings | null = null;
  @state() private templates: Template[] = [];
  @state() private accounts: MallAccountView[] = [];

  @query('goq-reply-composer') private composer!: GoqReplyComposer | null;

  /** apiBase + token the data was loaded with: a change reloads everything. */
  private loadedFor = '';
  /** Bumped on every new list query, so a late page of an old query is dropped. */
  private listGeneration = 0;
  private detailGeneration = 0;
  private unsubscribe: (() => void) | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private pollDelay = POLL_FIRST_MS;
  /** The inquiry-id change comes from a click in the list (else from the host: then show the inquiry's tab). */
  private selectingFromList = false;
  private localIds = 0;
  /** A change arrived while a page was loading: read the list again once it is in. */
  private refreshPending = false;
  private readonly pager = new ListPager(
    this,
    () => this.nextCursor !== null && !this.listLoading && !this.listError,
    () => void this.loadPage(),
  );

  // ── lifecycle ──────────────────────────────────────────────────────
  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    // The composer's rule sentences come from the problem catalogue: fetch it while the list loads.
    void loadProblemCatalogue().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.loadedFor = '';
    for (const timer of [this.refreshTimer, this.searchTimer, this.pollTimer]) if (timer) clearTimeout(timer);
    this.refreshTimer = this.searchTimer = this.pollTimer = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!isStatus(this.status)) this.status = 'needs-reply';
    const { apiBase, token } = this.config;
    const key = `${apiBase}\n${token}`;
    if (key !== this.loadedFor && this.isConnected) {
      this.loadedFor = key;
      this.unsubscribe?.();
      this.unsubscribe = this.api.subscribe((name, data) => this.onServerEvent(name, data));
      void this.loadCounts();
      void this.loadShopData();
      this.reloadList();
      if (this.inquiryId) void this.loadDetail(this.inquiryId, { follow: true });
      return;
    }
    if (changed.has('status') && changed.get('status') !== undefined) this.reloadList();
    if (changed.has('inquiryId') && this.inquiryId && this.inquiryId !== this.detail?.id) {
      void this.loadDetail(this.inquiryId, { follow: !this.selectingFromList });
    }
    this.selectingFromList = false;
    if (changed.has('inquiryId') && !this.inquiryId) this.closeDetail();
  }

  // ── data ───────────────────────────────────────────────────────────
  private fail(error: unknown): string {
    if (error instanceof ApiError) this.emit('goq-error', { problem: error.problem });
    return this.problemMessage(error);
  }

  private listPath(cursor: string | null, limit: number): string {
    const params = new URLSearchParams({ status: this.status, limit: String(limit) });
    if (this.mallFilter) params.set('mall', this.mallFilter);
    if (this.searchText.trim()) params.set('q', this.searchText.trim());
    if (cursor) params.set('cursor', cursor);
    return `/inquiries?${params}`;
  }

  /** Starts the current tab's list again from its first page. */
  private reloadList(): void {
    this.listGeneration++;
    this.items = [];
    this.nextCursor = null;
    this.listError = '';
    this.listLoading = false;
    this.refreshPending = false;
    void this.loadPage();
  }

  private async loadPage(): Promise<void> {
    if (this.listLoading) return;
    const generation = this.listGeneration;
    const cursor = this.nextCursor;
    this.listLoading = true;
    this.listError = '';
    try {
      const page = await this.api.get<InquiryPage>(this.listPath(cursor, PAGE_SIZE));
      if (generation !== this.listGeneration) return;
      const known = new Set(this.items.map((i) => i.id));
      this.items = [...this.items, ...page.items.filter((i) => !known.has(i.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation === this.listGeneration) this.listError = `${this.t('list.error')} ${this.fail(error)}`;
    } finally {
      if (generation === this.listGeneration) this.listLoading = false;
    }
    if (this.refreshPending && !this.listLoading) void this.refreshList();
  }

  /** Re-reads the rows already shown (after a change on the server), keeping the user's place. */
  private async refreshList(): Promise<void> {
    this.refreshPending = this.listLoading;
    if (this.listLoading) return;
    const generation = ++this.listGeneration;
    try {
      const page = await this.api.get<InquiryPage>(this.listPath(null, Math.min(Math.max(this.items.length, PAGE_SIZE), PAGE_MAX)));
      if (generation !== this.listGeneration) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    } catch {
      // The rows on screen stay; the next event or a tab change reads them again.
    }
  }

  private async loadCounts(): Promise<void> {
    try {
      const counts = await this.api.get<InquiryCounts>('/inquiries/counts');
      const before = this.counts?.needsReply;
      this.counts = counts;
      if (before !== undefined && before !== counts.needsReply) {
        this.announcement = this.t('tabs.announce', { count: counts.needsReply });
      }
    } catch {
      // The tab simply shows no count until the next update.
    }
  }

  /** Settings and templates for the composer, and the mall accounts' health for the banner. */
  private async loadShopData(): Promise<void> {
    const [settings, templates, malls] = await Promise.allSettled([
      this.api.get<ShopSettings>('/settings'),
      this.api.get<{ items: Template[] }>('/templates'),
      this.api.get<MallAccountList>('/malls'),
    ]);
    if (settings.status === 'fulfilled') this.settings = settings.value;
    if (templates.status === 'fulfilled') this.templates = templates.value.items;
    // A server without the mall-account route (404) or any other refusal: no banner.
    this.accounts = malls.status === 'fulfilled' ? malls.value.items : [];
  }

  /**
   * Loads an inquiry into the detail view. `quiet`: a refresh of the one shown (no loading state);
   * `follow`: switch to the tab of the inquiry's status (when the host opened it by inquiry-id).
   */
  private async loadDetail(id: string, { quiet = false, follow = false } = {}): Promise<void> {
    const generation = ++this.detailGeneration;
    if (!quiet) {
      this.detailLoading = true;
      this.detailError = '';
      this.actionError = '';
      if (this.detail?.id !== id) this.detail = null;
    }
    try {
      const detail = await this.api.get<InquiryDetail>(`/inquiries/${encodeURIComponent(id)}`);
      if (generation !== this.detailGeneration) return;
      this.setDetail(detail);
      if (follow && detail.status !== this.status) this.status = detail.status;
    } catch (error) {
      if (generation === this.detailGeneration && !quiet) this.detailError = `${this.t('detail.error')} ${this.fail(error)}`;
    } finally {
      if (generation === this.detailGeneration) this.detailLoading = false;
    }
  }

  /** Shows an inquiry, keeping messages still being sent that the server has not listed yet. */
  private setDetail(detail: InquiryDetail): void {
    const local = this.detail?.id === detail.id ? this.detail.messages.filter((m) => m.id.startsWith('local-')) : [];
    this.detail = local.length ? { ...detail, messages: [...detail.messages, ...local] } : detail;
    this.schedulePoll();
  }

  private closeDetail(): void {
    this.detailGeneration++;
    this.detail = null;
    this.detailError = '';
    this.detailLoading = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  /** While a reply of the open inquiry is 送信中, read it again now and then until its delivery changes. */
  private schedulePoll(reset = false): void {
    if (reset) this.pollDelay = POLL_FIRST_MS;
    const pending = this.detail?.messages.some((m) => m.sender === 'shop' && m.delivery === 'pending' && !m.id.startsWith('local-'));
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    if (!pending || !this.isConnected) {
      this.pollDelay = POLL_FIRST_MS;
      return;
    }
    const id = this.detail!.id;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.pollDelay = Math.min(this.pollDelay * 1.5, POLL_MAX_MS);
      if (this.detail?.id === id) void this.loadDetail(id, { quiet: true });
    }, this.pollDelay);
  }

  private onServerEvent(name: ServerEventName, data: unknown): void {
    if (name === 'counts.updated') {
      void this.loadCounts();
      return;
    }
    if (name === 'inquiry.updated') {
      const id = (data as { id?: string } | null)?.id;
      if (id && id === this.detail?.id) {
        this.pollDelay = POLL_FIRST_MS;
        void this.loadDetail(id, { quiet: true });
      }
      // Bursts of events (a sync) collapse into one re-read of the list and the counts.
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        void this.refreshList();
        void this.loadCounts();
      }, REFRESH_DEBOUNCE_MS);
    }
  }

  // ── actions ────────────────────────────────────────────────────────
  private selectStatus(status: InquiryStatus, focus: boolean): void {
    this.status = status;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${tabId(status)}`)?.focus());
  }

  private selectInquiry(id: string, focusRow = false): void {
    if (id !== this.inquiryId) {
      this.selectingFromList = true;
      this.inquiryId = id;
    }
    else if (!this.detail) void this.loadDetail(id);
    if (focusRow) void this.updateComplete.then(() => this.pager.focusRow(id));
  }

  /** j/k and the arrow keys step through the list; `r` goes to the reply. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (isTextField(target)) return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown' || key === 'k' || key === 'ArrowUp') {
      if (this.items.length === 0) return;
      event.preventDefault();
      // From the row that has focus, else from the inquiry shown.
      const from = this.pager.focusedRowId() ?? this.detail?.id ?? this.inquiryId;
      const current = this.items.findIndex((i) => i.id === from);
      const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
      const next = current < 0 ? 0 : Math.min(Math.max(current + step, 0), this.items.length - 1);
      this.selectInquiry(this.items[next].id, true);
      if (step > 0 && next === this.items.length - 1 && this.nextCursor) void this.loadPage();
    } else if (key === 'r' && this.composer) {
      event.preventDefault();
      this.composer.focusReply();
    }
  };

  private onMallFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.mallFilter = (MALLS as readonly string[]).includes(value) ? (value as Mall) : '';
    this.reloadList();
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.searchTimer = null;
      if (value !== this.searchText) {
        this.searchText = value;
        this.reloadList();
      }
    }, 300);
  }

  private onSearchSubmit(event: Event): void {
    event.preventDefault();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = null;
    const input = (event.target as HTMLFormElement).querySelector('input');
    this.searchText = input?.value ?? '';
    this.reloadList();
  }

  private onLoadMore(): void {
    if (this.listError && this.items.length === 0) {
      // [再試行] after a failed first load: whatever else failed with it is read again too.
      this.reloadList();
      if (!this.counts) void this.loadCounts();
      if (!this.settings) void this.loadShopData();
    } else if (this.nextCursor || this.listError) void this.loadPage();
  }

  private openOrder(): void {
    const orderId = this.detail?.orderId;
    if (!orderId) return;
    const url = this.orderUrl ? this.orderUrl.replace(/\{orderId\}/g, encodeURIComponent(orderId)) : '';
    if (this.emit('goq-open-order', { orderId, url }, { cancelable: true }) && url) window.location.assign(url);
  }

  /** Sends a reply: shown at once as 送信中, replaced by the server's message once accepted. */
  private readonly submitReply = async (body: string, files: File[]): Promise<void> => {
    const detail = this.detail;
    if (!detail) throw new Error('no inquiry');
    const localId = `local-${++this.localIds}`;
    const pending: MessageView = {
      id: localId,
      sender: 'shop',
      staffName: decodeTokenClaims(this.config.token).staff ?? null,
      body,
      sentAt: new Date().toISOString(),
      delivery: 'pending',
      failureReason: null,
      attachments: [],
    };
    this.detail = { ...detail, messages: [...detail.messages, pending] };
    const form = new FormData();
    form.append('body', body);
    for (const file of files) form.append('files[]', file, file.name);
    try {
      const { message } = await this.api.send<ReplyAccepted>('POST', `/inquiries/${encodeURIComponent(detail.id)}/replies`, form);
      if (this.detail?.id === detail.id) {
        const messages = this.detail.messages.filter((m) => m.id !== localId && m.id !== message.id);
        this.detail = { ...this.detail, messages: [...messages, message] };
        this.schedulePoll(true);
      }
      this.emit('goq-reply-sent', { inquiryId: detail.id, message });
      void this.refreshList();
      void this.loadCounts();
    } catch (error) {
      if (this.detail?.id === detail.id) {
        this.detail = { ...this.detail, messages: this.detail.messages.filter((m) => m.id !== localId) };
      }
      if (error instanceof ApiError) this.emit('goq-error', { problem: error.problem });
      throw error;
    }
  };

  private async retry(event: CustomEvent<{ messageId: string }>): Promise<void> {
    const detail = this.detail;
    if (!detail) return;
    const { messageId } = event.detail;
    this.actionError = '';
    try {
      const { message } = await this.api.send<ReplyAccepted>(
        'POST',
        `/inquiries/${encodeURIComponent(detail.id)}/replies/${encodeURIComponent(messageId)}/retry`,
      );
      if (this.detail?.id === detail.id) {
        this.detail = { ...this.detail, messages: this.detail.messages.map((m) => (m.id === message.id ? message : m)) };
        this.schedulePoll(true);
      }
    } catch (error) {
      this.actionError = this.fail(error);
    }
  }

  private async complete(): Promise<void> {
    const detail = this.detail;
    if (!detail || detail.completed || this.busy) return;
    await this.changeCompletion(detail, 'complete');
  }

  private async reopen(): Promise<void> {
    const detail = this.detail;
    if (!detail || !detail.canReopen || this.busy) return;
    await this.changeCompletion(detail, 'reopen');
  }

  private async changeCompletion(detail: InquiryDetail, action: 'complete' | 'reopen'): Promise<void> {
    this.busy = true;
    this.actionError = '';
    try {
      const updated = await this.api.send<InquiryDetail>('POST', `/inquiries/${encodeURIComponent(detail.id)}/${action}`);
      if (this.detail?.id === detail.id) this.setDetail(updated);
      this.emit(action === 'complete' ? 'goq-completed' : 'goq-reopened', { inquiryId: detail.id });
      // The inquiry moves tabs: the list and the counts follow.
      void this.refreshList();
      void this.loadCounts();
    } catch (error) {
      this.actionError = this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  // ── rendering ──────────────────────────────────────────────────────
  private get placeholderValues(): PlaceholderValues {
    const claims = decodeTokenClaims(this.config.token);
    return {
      storeName: (this.detail && this.settings?.storeNames[this.detail.mall]) || '',
      staffName: claims.staff ?? '',
      phone: this.settings?.phone ?? '',
      email: this.settings?.email ?? '',
    };
  }

  private renderToolbar() {
    return html`<div class="toolbar" part="toolbar">
      <label
        >${this.t('filter.mall')}
        <select class="mall-filter" @change=${this.onMallFilter}>
          <option value="" ?selected=${this.mallFilter === ''}>${this.t('filter.mall.all')}</option>
          ${MALLS.map((m) => html`<option value=${m} ?selected=${this.mallFilter === m}>${this.t(`mall.${m}`)}</option>`)}
        </select>
      </label>
      <form role="search" @submit=${this.onSearchSubmit}>
        <label
          >${this.t('filter.search')}
          <input
            type="search"
            class="search"
            .value=${this.searchText}
            placeholder=${this.t('filter.search.placeholder')}
            @input=${this.onSearchInput}
          />
        </label>
      </form>
    </div>`;
  }

  private renderDetail() {
    if (this.detailLoading && !this.detail) return html`<p class="muted" role="status">${this.t('loading')}</p>`;
    if (this.detailError && !this.detail) {
      return html`<p class="error" role="alert">${this.detailError}</p>
        <button type="button" @click=${() => this.loadDetail(this.inquiryId)}>${this.t('action.retry')}</button>`;
    }
    const d = this.detail;
    if (!d) return html`<p class="muted none">${this.t('detail.none')}</p>`;
    // Yahoo! gives a masked id only: no name is ever shown for it.
    const customerName = d.mall === 'rakuten' ? d.customerName : null;
    const key = draftKey(this.config.apiBase, decodeTokenClaims(this.config.token).shop ?? '', d.id);
    return html`<section class="detail-body" aria-labelledby="detail-subject" data-id=${d.id}>
      <header class="detail-header" part="detail-header">
        <span class="mall ${d.mall}">${this.t(`mall.${d.mall}`)}</span>
        <span class="muted status">${this.t(`status.${d.status}`)}</span>
        <h2 id="detail-subject">${d.subject}</h2>
        <ul class="facts">
          <li class="customer">${customerName ? this.t('detail.customer', { name: customerName }) : this.t('detail.customerHidden')}</li>
          ${d.orderId ? html`<li>${this.t('detail.orderId', { orderId: d.orderId })}</li>` : nothing}
          ${d.itemName ? html`<li>${this.t('detail.item', { name: d.itemName })}</li>` : nothing}
          <li>${this.t('detail.mallInquiryId', { id: d.mallInquiryId })}</li>
        </ul>
        <div class="actions">
          ${d.orderId
            ? html`<button type="button" class="open-order" part="open-order-button" @click=${this.openOrder}>
                ${this.t('detail.openOrder')}
              </button>`
            : nothing}
          <button
            type="button"
            class="complete ${d.completed ? '' : 'primary'}"
            part="complete-button"
            aria-disabled=${d.completed || this.busy ? 'true' : 'false'}
            @click=${this.complete}
          >
            ${d.completed ? this.t('detail.completed') : this.t('detail.complete')}
          </button>
          ${d.canReopen
            ? html`<button type="button" class="reopen" part="reopen-button" ?disabled=${this.busy} @click=${this.reopen}>
                ${this.t('detail.reopen')}
              </button>`
            : nothing}
        </div>
        ${this.actionError ? html`<p class="error action-error" role="alert">${this.actionError}</p>` : nothing}
      </header>
      <h3>${this.t('detail.thread')}</h3>
      <goq-thread
        exportparts="thread, message, message-customer, message-shop, sender, body, attachments, delivery, retry-button"
        .messages=${d.messages}
        .mall=${d.mall}
        .customerName=${customerName}
        .apiBase=${this.config.apiBase}
        .token=${this.config.token}
        .lang=${this.currentLang}
        @goq-retry=${this.retry}
      ></goq-thread>
      <goq-reply-composer
        exportparts="composer, textarea, limits, send-button, dropzone, file-list, template-picker"
        .inquiryId=${d.id}
        .mall=${d.mall}
        .draftKey=${key}
        .templates=${this.templates}
        .placeholderValues=${this.placeholderValues}
        .submit=${this.submitReply}
        .lang=${this.currentLang}
      ></goq-reply-composer>
    </section>`;
  }

  override render() {
    const needsReply = this.counts?.needsReply ?? null;
    return html`<div part="base" class="base">
      <div class="health">${renderMallHealth(this.accounts, this.t.bind(this), this.currentLang)}</div>
      ${renderTabs({
        selected: this.status,
        needsReplyCount: needsReply,
        label: this.t('tabs.label'),
        tabLabel: (s) => this.t(`status.${s}`),
        countLabel: (n) => this.t('tabs.count', { count: n }),
        onSelect: (s, focus) => this.selectStatus(s, focus),
      })}
      <div class="visually-hidden live" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${INQUIRY_STATUSES.map((s) =>
        s === this.status
          ? html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} part="tabpanel" tabindex="-1">
              ${this.renderToolbar()}
              <div class="layout">
                <div class="list-pane" part="list-pane">
                  ${renderInquiryList({
                    items: this.items,
                    selectedId: this.detail?.id ?? (this.inquiryId || null),
                    hasMore: this.nextCursor !== null,
                    loading: this.listLoading,
                    error: this.listError,
                    lang: this.currentLang,
                    t: this.t.bind(this),
                    onSelect: (id) => this.selectInquiry(id),
                    onMore: () => this.onLoadMore(),
                  })}
                </div>
                <div class="detail" part="detail">${this.renderDetail()}</div>
              </div>
            </div>`
          : html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} hidden></div>`,
      )}
    </div>`;
  }
}
