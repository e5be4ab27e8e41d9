/**
 * Where the inbox is: its filters (mall, search, 担当), its sort, kept in the page's URL under
 * `url-state` (url-state.ts), and the member's saved sort read with the team once the list is in.
 * The tab and the open inquiry are the element's own properties; this controller reads and sets them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ASSIGNEE_FILTERS, INBOX_SORTS, INQUIRY_STATUSES, MALLS, type AssigneeFilter, type InboxSort, type InquiryStatus, type Mall } from '../../shared/api.ts';
import type { TeamController } from '../team/team-controller.ts';
import { UrlState, type InboxPlace } from './url-state.ts';

const SEARCH_DEBOUNCE_MS = 300;

export function isStatus(value: string): value is InquiryStatus {
  return (INQUIRY_STATUSES as readonly string[]).includes(value);
}

/** The element the place belongs to: its public tab, open inquiry and `url-state`. */
export interface PlaceHost extends ReactiveControllerHost, HTMLElement {
  status: InquiryStatus;
  inquiryId: string;
  urlState: boolean;
}

export interface InboxPlaceOptions {
  team: TeamController;
  reloadList: () => void;
  loadCounts: () => void;
}

export class InboxPlaceController implements ReactiveController {
  /** '' shows both malls */
  mall: Mall | '' = '';
  search = '';
  /** 自分の担当 / 未割り当て / すべて */
  assignee: AssigneeFilter = 'all';
  /** 新着順 / 待ち時間順, kept in the member's preferences */
  sort: InboxSort = 'newest';

  /** The members and preferences are still to be read. */
  #teamPending = false;
  /** The URL or the member chose the sort here: the saved preference, read later, does not override it. */
  #sortChosen = false;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #url: UrlState;

  constructor(
    private readonly host: PlaceHost,
    private readonly options: InboxPlaceOptions,
  ) {
    host.addController(this);
    this.#url = new UrlState(
      host,
      () => host.urlState,
      () => ({
        status: host.status === 'needs-reply' ? '' : host.status,
        inquiry: host.inquiryId,
        mall: this.mall,
        q: this.search,
        assignee: this.assignee === 'all' ? '' : this.assignee,
        sort: this.sort === 'newest' ? '' : this.sort,
      }),
      (place) => this.#apply(place, true),
    );
  }

  hostDisconnected(): void {
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
  }

  /** The first load: what the URL names (the attributes keep the rest); the team is read once the list is in. */
  start(): void {
    this.#apply(this.#url.initial(), false);
  }

  /** The list's first page is being read: the team follows it. */
  awaitTeam(): void {
    this.#teamPending = true;
  }

  /** After a render: once the list is in, the members, and this member's sort (unless the URL chose one). */
  loadTeamOnceListed(listLoading: boolean): void {
    if (!this.#teamPending || listLoading) return;
    this.#teamPending = false;
    void this.options.team.load().then((me) => {
      const sort = me?.preferences?.inboxSort;
      if (sort && sort !== this.sort && !this.#sortChosen && (INBOX_SORTS as readonly string[]).includes(sort)) {
        this.sort = sort;
        this.host.requestUpdate();
        this.options.reloadList();
      }
    });
  }

  /**
   * Puts the inbox where a URL says: on the first load only what the URL names (the attributes keep
   * the rest); on Back/Forward all of it, and the list loads again.
   */
  #apply(place: Partial<InboxPlace>, reload: boolean): void {
    const host = this.host;
    const has = (key: keyof InboxPlace) => reload || key in place;
    if (has('status')) {
      const status = place.status || 'needs-reply';
      if (isStatus(status)) host.status = status;
    }
    if (has('inquiry')) host.inquiryId = place.inquiry ?? '';
    if (has('mall')) this.mall = (MALLS as readonly string[]).includes(place.mall ?? '') ? (place.mall as Mall) : '';
    if (has('q')) this.search = place.q ?? '';
    if (has('assignee')) {
      const assignee = place.assignee ?? '';
      this.assignee = (ASSIGNEE_FILTERS as readonly string[]).includes(assignee) ? (assignee as AssigneeFilter) : 'all';
    }
    const sort = place.sort ?? '';
    if ((INBOX_SORTS as readonly string[]).includes(sort)) {
      this.sort = sort as InboxSort;
      this.#sortChosen = true;
    } else if (reload) this.sort = this.options.team.me?.preferences?.inboxSort ?? 'newest';
    host.requestUpdate();
    if (reload) {
      this.options.reloadList();
      this.options.loadCounts();
    }
  }

  setMall(mall: Mall | ''): void {
    this.mall = mall;
    this.host.requestUpdate();
    this.options.reloadList();
  }

  setAssignee(filter: AssigneeFilter): void {
    this.assignee = filter;
    this.host.requestUpdate();
    this.options.reloadList();
    this.options.loadCounts();
  }

  setSort(sort: InboxSort): void {
    this.sort = sort;
    this.#sortChosen = true;
    this.host.requestUpdate();
    this.options.reloadList();
    this.options.team.savePreferences({ inboxSort: sort });
  }

  /** Typing searches after a pause; Enter (`now`) at once. */
  setSearch(value: string, now: boolean): void {
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    const apply = () => {
      if (!now && value === this.search) return;
      this.search = value;
      this.host.requestUpdate();
      this.options.reloadList();
    };
    if (now) apply();
    else this.#searchTimer = setTimeout(() => ((this.#searchTimer = null), apply()), SEARCH_DEBOUNCE_MS);
  }
}
