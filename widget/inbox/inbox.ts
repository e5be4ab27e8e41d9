import { html, nothing } from 'lit';
import { property, query } from '../core/decorators.ts';
import { INQUIRY_STATUSES, type BusinessHours, type InquiryCounts, type InquiryStatus, type ShopSettings } from '../../shared/api.ts';
import { inboxMessages } from './inbox.messages.ts';
import { joinCatalogues } from '../core/i18n/catalogue.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { loadProblemCatalogue } from '../core/i18n/problem-catalogue.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { InquiryDetailController } from '../inquiry-detail/inquiry-detail-controller.ts';
import { renderInquiryDetail, type DetailView } from '../inquiry-detail/inquiry-detail-view.ts';
import { draftKey } from '../reply-composer/draft-store.ts';
import type { GoqReplyComposer } from '../reply-composer/reply-composer.ts';
import { inboxStyles } from './inbox.styles.ts';
import { panelId, renderTabs, tabId } from './inbox-tabs.ts';
import { renderToolbar } from './inbox-toolbar.ts';
import { InquiryListController } from './inquiry-list-controller.ts';
import { ListPager, renderInquiryList } from './inquiry-list.ts';
import { renderMallHealth } from './mall-health-banner.ts';
import { onInboxKey } from './inbox-keyboard.ts';
import { InboxLive } from './inbox-live.ts';
import { InboxPlaceController, isStatus } from './inbox-place.ts';
import { InboxShopData } from './inbox-shop-data.ts';
import { TwoViewController } from './two-view.ts';
import type { TeamDetail } from '../team/team-controller.ts';
import { InboxTeam } from './inbox-team.ts';
import { teamMessages } from '../team/team.messages.ts';
import { renderNotes, renderRowTeam, renderTeamHeader, renderTeamToolbar, teamStyles } from '../team/team-views.ts';
import { setTitleCount } from '../team/title-count.ts';
import { businessDayMinutes } from '../team/waiting.ts';

/**
 * @tagname goq-inquiry-inbox
 * @summary お問い合わせ管理: the shop's mall inquiries by status, with the thread, the reply and the actions.
 *
 * <goq-inquiry-inbox>: お問い合わせ管理. Three status tabs (返信が必要 with its count, 返信済み, 対応完了),
 * a list per tab (newest activity first, paged by cursor as the user scrolls, filtered by mall and
 * searchable), and the selected inquiry's thread with [注文詳細を開く], [完了する] and the reply composer.
 * Keeps itself current from the server's events; shows the mall accounts' health when one needs care.
 *
 * Team work (DESIGN.md §2b): each row shows 未読, 担当者, 待ち時間 and 返信遅れ and has a checkbox for
 * 一括操作; the thread shows the 担当者 with [自分が担当する] and a member picker, who else is on it, and
 * the 社内メモ. `title-count` and `url-state` are opt-in.
 *
 * Keyboard: j/k or ArrowDown/ArrowUp move through the list (outside text fields), r focuses the reply,
 * Ctrl+Enter sends.
 *
 * @event goq-open-order - {orderId, url}, cancelable: before leaving for the order page
 * @event goq-reply-sent - {inquiryId, message}: the server accepted a reply (delivery `pending`)
 * @event goq-completed - {inquiryId}
 * @event goq-reopened - {inquiryId}
 * @event goq-error - {problem}: a load or an action failed
 * @csspart base - the whole inbox
 * @csspart banner - a mall account needing care
 * @csspart tabs - the status tabs
 * @csspart tab - one tab (also tab-selected)
 * @csspart tab-selected - the tab shown
 * @csspart tab-count - the 返信が必要 count
 * @csspart tabpanel - the tab's content
 * @csspart toolbar - mall filter and search
 * @csspart list-pane - the list column
 * @csspart list - the inquiry list
 * @csspart row - one inquiry (also row-selected)
 * @csspart row-selected - the inquiry shown
 * @csspart more-button - [もっと見る] / [再試行]
 * @csspart detail - the detail column
 * @csspart back-button - [一覧に戻る], shown when the inbox is one column wide (the list and the inquiry are two views)
 * @csspart detail-header - the inquiry's subject, facts and buttons
 * @csspart open-order-button - [注文詳細を開く]
 * @csspart complete-button - [完了する]
 * @csspart reopen-button - [返信が必要に戻す]
 * @csspart confirm-complete - the question before a Yahoo! inquiry is completed (it cannot be reopened)
 * @csspart no-reopen - on a completed Yahoo! inquiry, why it cannot be reopened
 * @csspart thread - from <goq-thread>
 * @csspart message - from <goq-thread>
 * @csspart message-customer - from <goq-thread>
 * @csspart message-shop - from <goq-thread>
 * @csspart sender - from <goq-thread>
 * @csspart body - from <goq-thread>
 * @csspart attachments - from <goq-thread>
 * @csspart delivery - from <goq-thread>
 * @csspart retry-button - from <goq-thread>
 * @csspart composer - from <goq-reply-composer>
 * @csspart template-picker - from <goq-reply-composer>
 * @csspart textarea - from <goq-reply-composer>
 * @csspart limits - from <goq-reply-composer>
 * @csspart send-button - from <goq-reply-composer>
 * @csspart dropzone - from <goq-reply-composer>
 * @csspart file-list - from <goq-reply-composer>
 * @csspart send-complete-button - from <goq-reply-composer>: [送信して完了]
 * @csspart thread-changed - from <goq-reply-composer>: what arrived since the draft was begun (409), with [内容を確認して送信] [編集に戻る]
 * @csspart team-toolbar - the 担当 filter (自分の担当 / 未割り当て / すべて) and the sort (新着順 / 待ち時間順)
 * @csspart bulk-bar - 一括操作 on the ticked rows: [一括完了], 担当者を変更, the confirmation and each outcome
 * @csspart assignee - the thread's 担当者 picker and [自分が担当する]
 * @csspart assign-me-button - [自分が担当する]
 * @csspart presence - who else has the inquiry open: 「佐藤さんが閲覧中」「佐藤さんが返信を作成中」
 * @csspart notes - the 社内メモ section with its form
 * @csspart note - one 社内メモ card
 * @cssproperty --goq-inbox-list-width - width of the list column (default 38%)
 * @cssproperty --goq-inbox-list-height - height of the scrolling list (default 70vh)
 */
export class GoqInquiryInbox extends GoqElement {
  static override messages = joinCatalogues(inboxMessages, teamMessages);
  static override styles = [inboxStyles, teamStyles];

  /** The tab shown: `needs-reply` (default), `replied` or `completed`. */
  @property({ reflect: true }) status: InquiryStatus = 'needs-reply';
  /** The inquiry shown in the detail view. */
  @property({ attribute: 'inquiry-id', reflect: true }) inquiryId = '';
  /** The host's order-detail URL; `{orderId}` is replaced. */
  @property({ attribute: 'order-url' }) orderUrl = '';
  /** Puts the unread count in front of the host page's title, e.g. `(3) お問い合わせ管理`. */
  @property({ attribute: 'title-count', type: Boolean }) titleCount = false;
  /** Keeps the tab, the filters, the sort and the open inquiry in the page's URL (history), so Back, reload and a shared link return to them. */
  @property({ attribute: 'url-state', type: Boolean }) urlState = false;

  @query('goq-reply-composer') private composer!: GoqReplyComposer | null;

  /** apiBase + token the data was loaded with: a change reloads everything. */
  #loadedFor = '';
  /** The inquiry-id change comes from a click in the list (else from the host: then show the inquiry's tab). */
  #selectingFromList = false;
  readonly #list = new InquiryListController(this, {
    api: () => this.api,
    query: () => ({ status: this.status, mall: this.#place.mall, search: this.#place.search, assignee: this.#place.assignee, sort: this.#place.sort }),
    failed: (error) => `${this.t('list.error')} ${this.#fail(error)}`,
  });
  readonly #pager = new ListPager(
    this,
    () => this.#list.nextCursor !== null && !this.#list.loading && !this.#list.error,
    () => this.#list.loadPage(),
  );
  /** One column: the list and the inquiry as two views. */
  readonly #twoView = new TwoViewController(this, (id) => this.#pager.focusRow(id));

  /** The open inquiry: its loading, live updates and actions. */
  readonly #detailView = new InquiryDetailController(this, {
    api: () => this.api,
    staffName: () => decodeTokenClaims(this.config.token).staff ?? null,
    fail: (error) => this.#fail(error),
    loadFailedText: () => this.t('detail.error'),
    onChanged: () => {
      this.#list.refresh();
      this.#loadCounts();
    },
    onFollow: (status) => {
      if (status !== this.status) this.status = status;
    },
    // The reply composer, and the problem sentences its rules are told in, are fetched with the first inquiry
    // opened: the list alone needs neither (an error fetches the sentences itself).
    ready: () => Promise.all([import('../reply-composer/index.ts'), loadProblemCatalogue().catch(() => undefined)]),
  });

  /** Members, presence, 社内メモ and 一括操作. */
  readonly #team = new InboxTeam(this, {
    api: () => this.api,
    token: () => this.config.token,
    fail: (error) => this.#fail(error),
    changed: () => {
      this.#list.refresh();
      this.#loadCounts();
      this.#detailView.refresh();
    },
    messages: GoqInquiryInbox.messages,
  });

  /** The filters, the sort and the URL. */
  readonly #place = new InboxPlaceController(this, {
    team: this.#team.team,
    reloadList: () => this.#list.reload(),
    loadCounts: () => this.#loadCounts(),
  });

  /** Counts, settings, templates and the mall accounts' health. */
  readonly #data = new InboxShopData(this, {
    api: () => this.api,
    assignee: () => this.#place.assignee,
    announce: (count) => this.t('tabs.announce', { count }),
  });

  /** The server's events. */
  readonly #live = new InboxLive(this, {
    onPresence: (event) => this.#team.team.onPresence(event),
    onInquiryUpdated: (id) => this.#detailView.onInquiryUpdated(id),
    refresh: () => {
      this.#list.refresh();
      this.#loadCounts();
    },
    loadCounts: () => this.#loadCounts(),
    catchUp: () => this.#catchUp(),
    streamUp: () => this.#team.team.streamUp(),
  });

  // ── lifecycle ──────────────────────────────────────────────────────
  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    this.#loadedFor = '';
    if (this.titleCount) setTitleCount(null);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!isStatus(this.status)) this.status = 'needs-reply';
    const { apiBase, token } = this.config;
    const key = `${apiBase}\n${token}`;
    if (key !== this.#loadedFor && this.isConnected) {
      if (!this.#loadedFor) this.#place.start();
      this.#loadedFor = key;
      this.#live.connect(this.api);
      this.#loadCounts();
      this.#data.loadShopData();
      this.#list.reload();
      // once the list's first page is in: the list comes first
      this.#place.awaitTeam();
      if (this.inquiryId) {
        this.#detailView.show(this.inquiryId, { follow: true });
        this.#twoView.scrollTo(this.inquiryId);
      }
      return;
    }
    if (changed.has('status') && changed.get('status') !== undefined) this.#list.reload();
    if (changed.has('inquiryId') && this.inquiryId && this.inquiryId !== this.#detailView.detail?.id) {
      this.#detailView.show(this.inquiryId, { follow: !this.#selectingFromList });
      if (!this.#selectingFromList) this.#twoView.scrollTo(this.inquiryId);
    }
    this.#selectingFromList = false;
    if (changed.has('inquiryId') && !this.inquiryId) this.#detailView.close();
    this.#team.follow(this.#detailView.detail as TeamDetail | null);
  }

  // ── data ───────────────────────────────────────────────────────────
  #fail(error: unknown): string {
    if (error instanceof ApiError) emit(this, 'goq-error', { problem: error.problem });
    return this.problemMessage(error);
  }

  /** Back after the stream was down: what changed meanwhile was not announced, so read it all again. */
  #catchUp(): void {
    if (this.#list.error && this.#list.items.length === 0) this.#list.reload();
    else this.#list.refresh();
    this.#loadCounts();
    this.#detailView.refresh();
    if (!this.#data.settings) this.#data.loadShopData();
  }

  #loadCounts(): void {
    this.#data.loadCounts();
  }

  // ── actions ────────────────────────────────────────────────────────
  #selectStatus(status: InquiryStatus, focus: boolean): void {
    this.status = status;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${tabId(status)}`)?.focus());
  }

  #selectInquiry(id: string, focusRow = false): void {
    if (id !== this.inquiryId) {
      this.#selectingFromList = true;
      this.inquiryId = id;
    } else if (!this.#detailView.detail) this.#detailView.show(id);
    if (focusRow) void this.updateComplete.then(() => this.#pager.focusRow(id));
  }

  /** j/k and the arrow keys step through the list; `r` goes to the reply. */
  readonly #onKeydown = (event: KeyboardEvent): void =>
    onInboxKey(event, {
      ids: () => this.#list.items.map((i) => i.id),
      from: () => this.#pager.focusedRowId() ?? this.#detailView.detail?.id ?? this.inquiryId,
      select: (id) => this.#selectInquiry(id, true),
      loadMore: () => {
        if (this.#list.nextCursor) this.#list.loadPage();
      },
      focusReply: () => {
        if (!this.composer) return false;
        this.composer.focusReply();
        return true;
      },
    });

  #onLoadMore(): void {
    if (this.#list.error && this.#list.items.length === 0) {
      // [再試行] after a failed first load: whatever else failed with it is read again too.
      this.#list.reload();
      if (!this.#data.counts) this.#loadCounts();
      if (!this.#data.settings) this.#data.loadShopData();
    } else if (this.#list.nextCursor || this.#list.error) this.#list.loadPage();
  }

  /** After a render: the team once the list is in; the unread count in the page's title. */
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    this.#place.loadTeamOnceListed(this.#list.loading);
    if (this.titleCount) setTitleCount((this.#data.counts as (InquiryCounts & { unread?: number }) | null)?.unread ?? null);
  }

  #openOrder(orderId: string): void {
    const url = this.orderUrl ? this.orderUrl.replace(/\{orderId\}/g, encodeURIComponent(orderId)) : '';
    if (emit(this, 'goq-open-order', { orderId, url }, { cancelable: true }) && url) window.location.assign(url);
  }

  // ── rendering ──────────────────────────────────────────────────────
  #detailViewModel(): DetailView {
    const { apiBase, token } = this.config;
    const claims = decodeTokenClaims(token);
    const detail = this.#detailView.detail;
    return {
      t: this.t.bind(this),
      lang: this.currentLang,
      apiBase,
      token,
      templates: this.#data.templates,
      placeholderValues: this.#data.placeholderValues(detail, claims.staff ?? ''),
      draftKey: (id) => draftKey(apiBase, claims.shop ?? '', id),
      onOpenOrder: (orderId) => this.#openOrder(orderId),
      teamHeader: (d) => renderTeamHeader(this.#team.team, d, this.#team.selfId, this.t.bind(this)),
      notes: () => renderNotes(this.#team.team, this.#team.selfId, this.t.bind(this), this.currentLang),
    };
  }

  /** The reply draft changed (not the note's): 返信を作成中 for the others. */
  readonly #onDetailInput = (event: Event): void => {
    if ((event.target as Element | null)?.localName === 'goq-reply-composer') this.#team.team.typed();
  };

  override render() {
    const t = this.t.bind(this);
    const dayMinutes = businessDayMinutes((this.#data.settings as (ShopSettings & { businessHours?: BusinessHours }) | null)?.businessHours);
    const needsReply = this.#data.counts?.needsReply ?? null;
    return html`<div part="base" class="base">
      ${this.#live.offline ? html`<p class="offline" role="status">${this.t('connection.lost')}</p>` : nothing}
      <div class="health">${renderMallHealth(this.#data.accounts, this.t.bind(this), this.currentLang, (mall, raw) => this.mallError(mall, raw))}</div>
      ${renderTabs({
        selected: this.status,
        needsReplyCount: needsReply,
        label: this.t('tabs.label'),
        tabLabel: (s) => this.t(`status.${s}`),
        countLabel: (n) => this.t('tabs.count', { count: n }),
        onSelect: (s, focus) => this.#selectStatus(s, focus),
      })}
      <div class="visually-hidden live" role="status" aria-live="polite" aria-atomic="true">${this.#data.announcement}</div>
      ${INQUIRY_STATUSES.map((s) =>
        s === this.status
          ? html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} part="tabpanel" tabindex="-1">
              ${renderToolbar({
                mall: this.#place.mall,
                search: this.#place.search,
                t: this.t.bind(this),
                onMall: (mall) => this.#place.setMall(mall),
                onSearch: (text, now) => this.#place.setSearch(text, now),
              })}
              ${renderTeamToolbar({
                assignee: this.#place.assignee,
                sort: this.#place.sort,
                t,
                onAssignee: (f) => this.#place.setAssignee(f),
                onSort: (s) => this.#place.setSort(s),
              })}
              <div class="layout ${this.inquiryId ? 'has-detail' : ''}">
                <div class="list-pane" part="list-pane">
                  ${this.#team.bulk.render(this.#team.team.staff, t)}
                  ${renderInquiryList({
                    items: this.#list.items,
                    selectedId: this.#detailView.detail?.id ?? (this.inquiryId || null),
                    hasMore: this.#list.nextCursor !== null,
                    loading: this.#list.loading,
                    error: this.#list.error,
                    lang: this.currentLang,
                    t: this.t.bind(this),
                    onSelect: (id) => this.#selectInquiry(id),
                    onMore: () => this.#onLoadMore(),
                    rowExtras: (item) => renderRowTeam(item, t, dayMinutes),
                    pick: {
                      label: (item) => t('bulk.select', { subject: item.subject }),
                      checked: (id) => this.#team.bulk.checked(id),
                      toggle: (item, on) => this.#team.bulk.pick(item, on),
                    },
                  })}
                </div>
                <div class="detail" part="detail" @input=${this.#onDetailInput}>
                  <button type="button" class="back" part="back-button" @click=${() => this.#twoView.backToList()}>${this.t('detail.back')}</button>
                  ${renderInquiryDetail(this.#detailView, this.#detailViewModel())}
                </div>
              </div>
            </div>`
          : html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} hidden></div>`,
      )}
    </div>`;
  }
}
