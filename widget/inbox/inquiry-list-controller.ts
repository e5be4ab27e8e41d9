/**
 * The inbox's list of one tab: its rows, the cursor of the next page, loading and failure. One list
 * query at a time through a @lit/task: a page (appended) or a refresh of the rows shown (replacing
 * them, failures silent); a newer run makes the answer of an older one void.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task } from '../core/task.ts';
import type { AssigneeFilter, InboxSort, InquiryPage, InquiryStatus, Mall } from '../../shared/api.ts';
import type { ListItem } from './inquiry-list.ts';
import type { ApiClient } from '../core/api-client.ts';

const PAGE_SIZE = 30;
/** The server's largest page: a refresh re-reads at most this many rows at once. */
const PAGE_MAX = 100;

export interface ListQuery {
  status: InquiryStatus;
  /** '' for both malls */
  mall: Mall | '';
  search: string;
  /** 自分の担当 / 未割り当て / すべて (default すべて) */
  assignee?: AssigneeFilter;
  /** default newest */
  sort?: InboxSort;
}

export class InquiryListController {
  items: ListItem[] = [];
  nextCursor: string | null = null;
  /** A page (not a quiet refresh) is loading. */
  loading = false;
  /** The sentence for the last failed page ('' when none failed). */
  error = '';
  /** A change arrived while a page was loading: read the list again once it is in. */
  #refreshPending = false;

  readonly #task: Task<[{ path: string; refresh: boolean }], { page: InquiryPage | null; refresh: boolean }>;

  readonly #host: ReactiveControllerHost;
  readonly #options: { api: () => ApiClient; query: () => ListQuery; failed: (error: unknown) => string };

  constructor(
    host: ReactiveControllerHost,
    options: { api: () => ApiClient; query: () => ListQuery; failed: (error: unknown) => string },
  ) {
    this.#host = host;
    this.#options = options;
    this.#task = new Task<[{ path: string; refresh: boolean }], { page: InquiryPage | null; refresh: boolean }>(host, {
      autoRun: false,
      task: async ([run], { signal }) => {
        try {
          return { page: await options.api().get<InquiryPage>(run.path, signal), refresh: run.refresh };
        } catch (error) {
          if (run.refresh) return { page: null, refresh: true };
          this.error = options.failed(error);
          throw error;
        }
      },
      onComplete: ({ page, refresh }) => {
        if (page && refresh) this.items = page.items;
        else if (page) {
          const known = new Set(this.items.map((i) => i.id));
          this.items = [...this.items, ...page.items.filter((i) => !known.has(i.id))];
        }
        if (page) this.nextCursor = page.nextCursor;
        this.#afterRun();
      },
      onError: () => this.#afterRun(),
    });
  }

  #path(cursor: string | null, limit: number): string {
    const { status, mall, search, assignee, sort } = this.#options.query();
    const params = new URLSearchParams({ status, limit: String(limit) });
    if (mall) params.set('mall', mall);
    // the defaults stay out of the query
    if (assignee && assignee !== 'all') params.set('assignee', assignee);
    if (sort && sort !== 'newest') params.set('sort', sort);
    if (search.trim()) params.set('q', search.trim());
    if (cursor) params.set('cursor', cursor);
    return `/inquiries?${params}`;
  }

  /** Starts the list again from its first page (a new tab, filter or search). */
  reload(): void {
    this.items = [];
    this.nextCursor = null;
    this.error = '';
    this.loading = false;
    this.#refreshPending = false;
    this.loadPage();
  }

  /** Loads the next page (or the first again after a failure). */
  loadPage(): void {
    if (this.loading) return;
    this.loading = true;
    this.error = '';
    void this.#task.run([{ path: this.#path(this.nextCursor, PAGE_SIZE), refresh: false }]);
  }

  /** Re-reads the rows already shown (after a change on the server), keeping the user's place. */
  refresh(): void {
    this.#refreshPending = this.loading;
    if (this.loading) return;
    const limit = Math.min(Math.max(this.items.length, PAGE_SIZE), PAGE_MAX);
    void this.#task.run([{ path: this.#path(null, limit), refresh: true }]);
  }

  #afterRun(): void {
    this.loading = false;
    this.#host.requestUpdate();
    if (!this.#refreshPending) return;
    this.#refreshPending = false;
    // after the task has recorded this run's outcome
    queueMicrotask(() => this.refresh());
  }
}
