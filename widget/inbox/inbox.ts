import { html, nothing } from 'lit';
import { property, query, state } from '../core/decorators.ts';
import { Task } from '../core/task.ts';
import {
  ASSIGNEE_FILTERS,
  INBOX_SORTS,
  INQUIRY_STATUSES,
  MALLS,
  type AssigneeFilter,
  type BusinessHours,
  type InboxSort,
  type InquiryCounts,
  type PresenceUpdatedEvent,
  type InquiryStatus,
  type Mall,
  type MallAccountList,
  type MallAccountView,
  type ServerEventName,
  type ShopSettings,
  type Template,
} from '../../shared/api.ts';
import { inboxMessages } from './inbox.messages.ts';
import { joinCatalogues } from '../core/i18n/catalogue.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { loadProblemCatalogue } from '../core/i18n/problem-catalogue.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { InquiryDetailController } from '../inquiry-detail/inquiry-detail-controller.ts';
import { renderInquiryDetail, type DetailView } from '../inquiry-detail/inquiry-detail-view.ts';
import { ordererNameFor } from '../../shared/placeholders.ts';
import { draftKey } from '../reply-composer/draft-store.ts';
import type { GoqReplyComposer } from '../reply-composer/reply-composer.ts';
import { inboxStyles } from './inbox.styles.ts';
import { panelId, renderTabs, tabId } from './inbox-tabs.ts';
import { renderToolbar } from './inbox-toolbar.ts';
import { InquiryListController } from './inquiry-list-controller.ts';
import { ListPager, renderInquiryList } from './inquiry-list.ts';
import { renderMallHealth } from './mall-health-banner.ts';
import { UrlState, type InboxPlace } from './url-state.ts';
import type { BulkController } from '../team/bulk.ts';
import { TeamController, type TeamDetail, type TeamSummary } from '../team/team-controller.ts';
import { teamMessages } from '../team/team.messages.ts';
import { renderNotes, renderRowTeam, renderTeamHeader, renderTeamToolbar, teamStyles } from '../team/team-views.ts';
import { setTitleCount } from '../team/title-count.ts';
import { businessDayMinutes } from '../team/waiting.ts';

const REFRESH_DEBOUNCE_MS = 250;

function isStatus(value: string): value is InquiryStatus {
  return (INQUIRY_STATUSES as readonly string[]).includes(value);
}

/** Where j/k/r are letters being typed, not commands. */
function isTextField(node: EventTarget | undefined): boolean {
  return node instanceof HTMLElement && (node.isContentEditable || node.matches('textarea, select, input:not([type=button], [type=checkbox], [type=radio], [type=submit])'));
}

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

  // ── list filters and counts ────────────────────────────────────────
  /** '' shows both malls */
  @state() private mallFilter: Mall | '' = '';
  @state() private searchText = '';
  /** 自分の担当 / 未割り当て / すべて */
  @state() private assigneeFilter: AssigneeFilter = 'all';
  /** 新着順 / 待ち時間順, kept in the member's preferences */
  @state() private sort: InboxSort = 'newest';
  @state() private counts: InquiryCounts | null = null;
  /** The event stream is down (being retried): the page may be stale until it is back. */
  @state() private offline = false;
  /** The live region's text: the 返信が必要 count when it changes. */
  @state() private announcement = '';

  // ── shop data ──────────────────────────────────────────────────────
  @state() private settings: ShopSettings | null = null;
  @state() private templates: Template[] = [];
  @state() private accounts: MallAccountView[] = [];

  @query('goq-reply-composer') private composer!: GoqReplyComposer | null;

  /** apiBase + token the data was loaded with: a change reloads everything. */
  #loadedFor = '';
  #unsubscribe: (() => void) | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** The inquiry-id change comes from a click in the list (else from the host: then show the inquiry's tab). */
  #selectingFromList = false;
  /** A row to bring into view in the list once it is rendered. */
  #scrollTo = '';
  readonly #list = new InquiryListController(this, {
    api: () => this.api,
    query: () => ({ status: this.status, mall: this.mallFilter, search: this.searchText, assignee: this.assigneeFilter, sort: this.sort }),
    failed: (error) => `${this.t('list.error')} ${this.#fail(error)}`,
  });
  readonly #pager = new ListPager(
    this,
    () => this.#list.nextCursor !== null && !this.#list.loading && !this.#list.error,
    () => this.#list.loadPage(),
  );

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
  });

  /** This member's id: the token's `sub`, else its `staff`. */
  get #selfId(): string {
    const claims = decodeTokenClaims(this.config.token);
    return String(claims.sub ?? claims.staff ?? '');
  }

  readonly #team = new TeamController(this, {
    api: () => this.api,
    selfId: () => this.#selfId,
    fail: (error) => this.#fail(error),
    onChanged: () => {
      this.#list.refresh();
      this.#loadCounts();
      this.#detailView.refresh();
    },
  });
  /** The detail the team state was last given. */
  #teamDetail: unknown = null;

  /** 一括操作, fetched on the first ticked row: until then the ticks wait here. */
  #bulk: BulkController | null = null;
  #bulkView: typeof import('../team/bulk.ts').renderBulkBar | null = null;
  readonly #picks = new Map<string, [TeamSummary, boolean]>();

  #pick(item: TeamSummary, on: boolean): void {
    if (this.#bulk) return this.#bulk.toggle(item, on);
    this.#picks.set(item.id, [item, on]);
    if (this.#picks.size > 1) return;
    void import('../team/bulk.ts').then(({ BulkController, bulkMessages, renderBulkBar }) => {
      const own = GoqInquiryInbox.messages;
      Object.assign(own.ja, bulkMessages.ja);
      Object.assign(own.en, bulkMessages.en);
      this.#bulk = new BulkController(
        this,
        () => this.api,
        (error) => this.#fail(error),
        () => {
          this.#list.refresh();
          this.#loadCounts();
          this.#detailView.refresh();
        },
      );
      this.#bulkView = renderBulkBar;
      for (const [picked, checked] of this.#picks.values()) this.#bulk.toggle(picked, checked);
      this.#picks.clear();
    });
  }

  readonly #url = new UrlState(
    this,
    () => this.urlState,
    () => ({
      status: this.status === 'needs-reply' ? '' : this.status,
      inquiry: this.inquiryId,
      mall: this.mallFilter,
      q: this.searchText,
      assignee: this.assigneeFilter === 'all' ? '' : this.assigneeFilter,
      sort: this.sort === 'newest' ? '' : this.sort,
    }),
    (place) => this.#applyPlace(place, true),
  );
  /** The members and preferences are still to be read. */
  #teamPending = false;
  /** The URL or the member chose the sort here: the saved preference, read later, does not override it. */
  #sortChosen = false;

  readonly #countsTask = new Task<[], InquiryCounts>(this, {
    autoRun: false,
    task: (_args, { signal }) =>
      // with the assignee filter named (all included) the answer carries this member's 未読
      this.api.get<InquiryCounts>(`/inquiries/counts?assignee=${this.assigneeFilter}`, signal),
    // a failure: the tab simply shows no new count until the next update
    onComplete: (counts) => {
      const before = this.counts?.needsReply;
      this.counts = counts;
      if (before !== undefined && before !== counts.needsReply) {
        this.announcement = this.t('tabs.announce', { count: counts.needsReply });
      }
    },
  });

  /** Settings and templates for the composer, and the mall accounts' health for the banner. */
  readonly #shopData = new Task<[], PromiseSettledResult<unknown>[]>(this, {
    autoRun: false,
    task: () =>
      Promise.allSettled([
        this.api.get<ShopSettings>('/settings'),
        this.api.get<{ items: Template[] }>('/templates'),
        this.api.get<MallAccountList>('/malls'),
      ]),
    onComplete: ([settings, templates, malls]) => {
      if (settings.status === 'fulfilled') this.settings = settings.value as ShopSettings;
      if (templates.status === 'fulfilled') this.templates = (templates.value as { items: Template[] }).items;
      // A server without the mall-account route (404) or any other refusal: no banner.
      this.accounts = malls.status === 'fulfilled' ? (malls.value as MallAccountList).items : [];
    },
  });

  // ── lifecycle ──────────────────────────────────────────────────────
  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
    // The composer's rule sentences come from the problem catalogue: fetch it while the list loads.
    void loadProblemCatalogue().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#loadedFor = '';
    for (const timer of [this.#refreshTimer, this.#searchTimer]) if (timer) clearTimeout(timer);
    this.#refreshTimer = this.#searchTimer = null;
    // the team controller said `left`: a return to the page starts the inquiry's presence again
    this.#teamDetail = null;
    if (this.titleCount) setTitleCount(null);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!isStatus(this.status)) this.status = 'needs-reply';
    const { apiBase, token } = this.config;
    const key = `${apiBase}\n${token}`;
    if (key !== this.#loadedFor && this.isConnected) {
      if (!this.#loadedFor) this.#applyPlace(this.#url.initial(), false);
      this.#loadedFor = key;
      this.#unsubscribe?.();
      this.#unsubscribe = this.api.subscribe((name, data) => this.#onServerEvent(name, data), {
        onStatus: (up) => (this.offline = !up),
        onReconnect: () => this.#catchUp(),
      });
      this.#loadCounts();
      this.#loadShopData();
      this.#list.reload();
      // once the list's first page is in: the list comes first
      this.#teamPending = true;
      if (this.inquiryId) {
        this.#detailView.show(this.inquiryId, { follow: true });
        this.#scrollTo = this.inquiryId;
      }
      return;
    }
    if (changed.has('status') && changed.get('status') !== undefined) this.#list.reload();
    if (changed.has('inquiryId') && this.inquiryId && this.inquiryId !== this.#detailView.detail?.id) {
      this.#detailView.show(this.inquiryId, { follow: !this.#selectingFromList });
      if (!this.#selectingFromList) this.#scrollTo = this.inquiryId;
    }
    this.#selectingFromList = false;
    if (changed.has('inquiryId') && !this.inquiryId) this.#detailView.close();
    this.#syncTeam();
  }

  /** The team state follows the inquiry shown (presence, notes, read). */
  #syncTeam(): void {
    const detail = this.#detailView.detail;
    // off the page (a late answer still renders it): nobody is here
    if (detail === this.#teamDetail || !this.isConnected) return;
    this.#teamDetail = detail;
    this.#team.open(detail as TeamDetail | null);
  }

  /**
   * Puts the inbox where a URL says: on the first load only what the URL names (the attributes keep
   * the rest); on Back/Forward all of it, and the list loads again.
   */
  #applyPlace(place: Partial<InboxPlace>, reload: boolean): void {
    const has = (key: keyof InboxPlace) => reload || key in place;
    if (has('status')) {
      const status = place.status || 'needs-reply';
      if (isStatus(status)) this.status = status;
    }
    if (has('inquiry')) this.inquiryId = place.inquiry ?? '';
    if (has('mall')) this.mallFilter = (MALLS as readonly string[]).includes(place.mall ?? '') ? (place.mall as Mall) : '';
    if (has('q')) this.searchText = place.q ?? '';
    if (has('assignee')) {
      const assignee = place.assignee ?? '';
      this.assigneeFilter = (ASSIGNEE_FILTERS as readonly string[]).includes(assignee) ? (assignee as AssigneeFilter) : 'all';
    }
    const sort = place.sort ?? '';
    if ((INBOX_SORTS as readonly string[]).includes(sort)) {
      this.sort = sort as InboxSort;
      this.#sortChosen = true;
    } else if (reload) this.sort = this.#team.me?.preferences?.inboxSort ?? 'newest';
    if (reload) {
      this.#list.reload();
      this.#loadCounts();
    }
  }

  /** The members, and this member's sort (unless the URL chose one). */
  #loadTeam(): void {
    this.#teamPending = false;
    void this.#team.load().then((me) => {
      const sort = me?.preferences?.inboxSort;
      if (sort && sort !== this.sort && !this.#sortChosen && (INBOX_SORTS as readonly string[]).includes(sort)) {
        this.sort = sort;
        this.#list.reload();
      }
    });
  }

  #setAssigneeFilter(filter: AssigneeFilter): void {
    this.assigneeFilter = filter;
    this.#list.reload();
    this.#loadCounts();
  }

  #setSort(sort: InboxSort): void {
    this.sort = sort;
    this.#sortChosen = true;
    this.#list.reload();
    this.#team.savePreferences({ inboxSort: sort });
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
    if (!this.settings) this.#loadShopData();
  }

  #loadCounts(): void {
    void this.#countsTask.run([]);
  }

  #loadShopData(): void {
    void this.#shopData.run([]);
  }

  #onServerEvent(name: ServerEventName, data: unknown): void {
    if (name === 'presence.updated') {
      this.#team.onPresence(data as PresenceUpdatedEvent);
      return;
    }
    if (name === 'counts.updated') {
      this.#loadCounts();
      return;
    }
    if (name === 'inquiry.updated') {
      const id = (data as { id?: string } | null)?.id;
      if (id) this.#detailView.onInquiryUpdated(id);
      // Bursts of events (a sync) collapse into one re-read of the list and the counts.
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
      this.#refreshTimer = setTimeout(() => {
        this.#refreshTimer = null;
        this.#list.refresh();
        this.#loadCounts();
      }, REFRESH_DEBOUNCE_MS);
    }
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
  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (isTextField(target)) return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown' || key === 'k' || key === 'ArrowUp') {
      if (this.#list.items.length === 0) return;
      event.preventDefault();
      // From the row that has focus, else from the inquiry shown.
      const from = this.#pager.focusedRowId() ?? this.#detailView.detail?.id ?? this.inquiryId;
      const current = this.#list.items.findIndex((i) => i.id === from);
      const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
      const next = current < 0 ? 0 : Math.min(Math.max(current + step, 0), this.#list.items.length - 1);
      this.#selectInquiry(this.#list.items[next].id, true);
      if (step > 0 && next === this.#list.items.length - 1 && this.#list.nextCursor) this.#list.loadPage();
    } else if (key === 'r' && this.composer) {
      event.preventDefault();
      this.composer.focusReply();
    }
  };

  #onSearch(value: string, now: boolean): void {
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    const apply = () => {
      if (!now && value === this.searchText) return;
      this.searchText = value;
      this.#list.reload();
    };
    if (now) apply();
    else this.#searchTimer = setTimeout(() => ((this.#searchTimer = null), apply()), 300);
  }

  #onLoadMore(): void {
    if (this.#list.error && this.#list.items.length === 0) {
      // [再試行] after a failed first load: whatever else failed with it is read again too.
      this.#list.reload();
      if (!this.counts) this.#loadCounts();
      if (!this.settings) this.#loadShopData();
    } else if (this.#list.nextCursor || this.#list.error) this.#list.loadPage();
  }

  /** One column: [一覧に戻る] leaves the inquiry for the list, on the row it came from. */
  #backToList(): void {
    const id = this.inquiryId;
    this.inquiryId = '';
    this.#scrollTo = id;
    void this.updateComplete.then(() => this.#pager.focusRow(id));
  }

  /**
   * After a render: the row asked for (opened by `inquiry-id`, or back from the inquiry) in view in its
   * list; in one column, the inquiry just opened in view on the page.
   */
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.#teamPending && !this.#list.loading) this.#loadTeam();
    if (this.titleCount) setTitleCount((this.counts as (InquiryCounts & { unread?: number }) | null)?.unread ?? null);
    const root = this.renderRoot;
    if (this.#scrollTo) {
      const row = root.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(this.#scrollTo)}"]`);
      const pane = root.querySelector<HTMLElement>('.list-pane');
      if (row && pane && pane.offsetParent !== null) {
        this.#scrollTo = '';
        // within the list only: the page itself stays where the user is
        const top = row.offsetTop - pane.offsetTop;
        if (top < pane.scrollTop || top + row.offsetHeight > pane.scrollTop + pane.clientHeight) pane.scrollTop = top - (pane.clientHeight - row.offsetHeight) / 2;
        if (pane.getBoundingClientRect().top > innerHeight || pane.getBoundingClientRect().bottom < 0) row.scrollIntoView({ block: 'nearest' });
      }
    }
    if (changed.has('inquiryId') && this.inquiryId && changed.get('inquiryId') !== undefined) {
      const detail = root.querySelector<HTMLElement>('.detail');
      const list = root.querySelector<HTMLElement>('.list-pane');
      // one column (the list is hidden): the open inquiry starts at the top of the screen
      if (detail && list && list.offsetParent === null && detail.getBoundingClientRect().top < 0) detail.scrollIntoView({ block: 'start' });
    }
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
      templates: this.templates,
      placeholderValues: {
        storeName: (detail && this.settings?.storeNames[detail.mall]) || '',
        staffName: claims.staff ?? '',
        phone: this.settings?.phone ?? '',
        email: this.settings?.email ?? '',
        ordererName: detail ? ordererNameFor(detail.mall, detail.customerName) : '',
        orderNumber: detail?.orderId ?? '',
      },
      draftKey: (id) => draftKey(apiBase, claims.shop ?? '', id),
      onOpenOrder: (orderId) => this.#openOrder(orderId),
      teamHeader: (d) => renderTeamHeader(this.#team, d, this.#selfId, this.t.bind(this)),
      notes: () => renderNotes(this.#team, this.#selfId, this.t.bind(this), this.currentLang),
    };
  }

  /** The reply draft changed (not the note's): 返信を作成中 for the others. */
  readonly #onDetailInput = (event: Event): void => {
    if ((event.target as Element | null)?.localName === 'goq-reply-composer') this.#team.typed();
  };

  override render() {
    const t = this.t.bind(this);
    const dayMinutes = businessDayMinutes((this.settings as (ShopSettings & { businessHours?: BusinessHours }) | null)?.businessHours);
    const needsReply = this.counts?.needsReply ?? null;
    return html`<div part="base" class="base">
      ${this.offline ? html`<p class="offline" role="status">${this.t('connection.lost')}</p>` : nothing}
      <div class="health">${renderMallHealth(this.accounts, this.t.bind(this), this.currentLang, (mall, raw) => this.mallError(mall, raw))}</div>
      ${renderTabs({
        selected: this.status,
        needsReplyCount: needsReply,
        label: this.t('tabs.label'),
        tabLabel: (s) => this.t(`status.${s}`),
        countLabel: (n) => this.t('tabs.count', { count: n }),
        onSelect: (s, focus) => this.#selectStatus(s, focus),
      })}
      <div class="visually-hidden live" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${INQUIRY_STATUSES.map((s) =>
        s === this.status
          ? html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} part="tabpanel" tabindex="-1">
              ${renderToolbar({
                mall: this.mallFilter,
                search: this.searchText,
                t: this.t.bind(this),
                onMall: (mall) => ((this.mallFilter = mall), this.#list.reload()),
                onSearch: (text, now) => this.#onSearch(text, now),
              })}
              ${renderTeamToolbar({
                assignee: this.assigneeFilter,
                sort: this.sort,
                t,
                onAssignee: (f) => this.#setAssigneeFilter(f),
                onSort: (s) => this.#setSort(s),
              })}
              <div class="layout ${this.inquiryId ? 'has-detail' : ''}">
                <div class="list-pane" part="list-pane">
                  ${this.#bulk ? this.#bulkView!(this.#bulk, this.#team.staff, t) : nothing}
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
                      checked: (id) => this.#bulk?.selected.has(id) ?? this.#picks.get(id)?.[1] ?? false,
                      toggle: (item, on) => this.#pick(item, on),
                    },
                  })}
                </div>
                <div class="detail" part="detail" @input=${this.#onDetailInput}>
                  <button type="button" class="back" part="back-button" @click=${() => this.#backToList()}>${this.t('detail.back')}</button>
                  ${renderInquiryDetail(this.#detailView, this.#detailViewModel())}
                </div>
              </div>
            </div>`
          : html`<div role="tabpanel" id=${panelId(s)} aria-labelledby=${tabId(s)} hidden></div>`,
      )}
    </div>`;
  }
}
