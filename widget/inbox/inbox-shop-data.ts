/**
 * What the inbox reads besides the list: the tab counts (with the live region's announcement when the
 * 返信が必要 count changes), and the settings, templates and mall accounts the composer and the health
 * banner need.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task } from '../core/task.ts';
import type { AssigneeFilter, InquiryCounts, InquiryDetail, MallAccountList, MallAccountView, ShopSettings, Template } from '../../shared/api.ts';
import { ordererNameFor, type PlaceholderValues } from '../../shared/placeholders.ts';
import type { ApiClient } from '../core/api-client.ts';

export interface InboxShopDataOptions {
  api: () => ApiClient;
  /** the counts follow the assignee filter */
  assignee: () => AssigneeFilter;
  /** the live region's text for a new 返信が必要 count */
  announce: (count: number) => string;
}

export class InboxShopData {
  counts: InquiryCounts | null = null;
  /** The live region's text: the 返信が必要 count when it changes. */
  announcement = '';
  settings: ShopSettings | null = null;
  templates: Template[] = [];
  accounts: MallAccountView[] = [];

  readonly #countsTask: Task<[], InquiryCounts>;
  readonly #shopTask: Task<[], PromiseSettledResult<unknown>[]>;

  constructor(host: ReactiveControllerHost, options: InboxShopDataOptions) {
    this.#countsTask = new Task<[], InquiryCounts>(host, {
      autoRun: false,
      task: (_args, { signal }) => {
        const assignee = options.assignee();
        // with the assignee filter named (all included) the answer carries this member's 未読
        return options.api().get<InquiryCounts>(`/inquiries/counts?assignee=${assignee}`, signal);
      },
      // a failure: the tab simply shows no new count until the next update
      onComplete: (counts) => {
        const before = this.counts?.needsReply;
        this.counts = counts;
        if (before !== undefined && before !== counts.needsReply) this.announcement = options.announce(counts.needsReply);
      },
    });
    this.#shopTask = new Task<[], PromiseSettledResult<unknown>[]>(host, {
      autoRun: false,
      task: () => {
        const api = options.api();
        return Promise.allSettled([
          api.get<ShopSettings>('/settings'),
          api.get<{ items: Template[] }>('/templates'),
          api.get<MallAccountList>('/malls'),
        ]);
      },
      onComplete: ([settings, templates, malls]) => {
        if (settings.status === 'fulfilled') this.settings = settings.value as ShopSettings;
        if (templates.status === 'fulfilled') this.templates = (templates.value as { items: Template[] }).items;
        // A server without the mall-account route (404) or any other refusal: no banner.
        this.accounts = malls.status === 'fulfilled' ? (malls.value as MallAccountList).items : [];
      },
    });
  }

  loadCounts(): void {
    void this.#countsTask.run([]);
  }

  loadShopData(): void {
    void this.#shopTask.run([]);
  }

  /** What the composer's placeholders are filled with for this inquiry. */
  placeholderValues(detail: InquiryDetail | null, staffName: string): PlaceholderValues {
    return {
      storeName: (detail && this.settings?.storeNames[detail.mall]) || '',
      staffName,
      phone: this.settings?.phone ?? '',
      email: this.settings?.email ?? '',
      ordererName: detail ? ordererNameFor(detail.mall, detail.customerName) : '',
      orderNumber: detail?.orderId ?? '',
    };
  }
}
