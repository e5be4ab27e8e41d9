/**
 * The inbox's 一括操作, fetched on the first ticked row (it is not in the first bundle): until it is
 * in, the ticks wait here and are handed over when it arrives.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../core/api-client.ts';
import type { BulkController } from '../team/bulk.ts';
import type { TeamSummary } from '../team/team-controller.ts';

type Messages = { ja: Record<string, string>; en: Record<string, string> };
type RenderBulkBar = typeof import('../team/bulk.ts').renderBulkBar;

export interface LazyBulkOptions {
  api: () => ApiClient;
  fail: (error: unknown) => string;
  /** after an action: the list, counts and thread are read again */
  done: () => void;
  /** the element's messages, which the bulk bar's join when it arrives */
  messages: Messages;
}

export class LazyBulk {
  #bulk: BulkController | null = null;
  #view: RenderBulkBar | null = null;
  readonly #picks = new Map<string, [TeamSummary, boolean]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LazyBulkOptions,
  ) {}

  pick(item: TeamSummary, on: boolean): void {
    if (this.#bulk) return this.#bulk.toggle(item, on);
    this.#picks.set(item.id, [item, on]);
    if (this.#picks.size > 1) return;
    void import('../team/bulk.ts').then(({ BulkController, bulkMessages, renderBulkBar }) => {
      Object.assign(this.options.messages.ja, bulkMessages.ja);
      Object.assign(this.options.messages.en, bulkMessages.en);
      this.#bulk = new BulkController(this.host, this.options.api, this.options.fail, this.options.done);
      this.#view = renderBulkBar;
      for (const [picked, checked] of this.#picks.values()) this.#bulk.toggle(picked, checked);
      this.#picks.clear();
    });
  }

  checked(id: string): boolean {
    return this.#bulk?.selected.has(id) ?? this.#picks.get(id)?.[1] ?? false;
  }

  /** The bar, once 一括操作 is in. */
  render(...rest: Parameters<RenderBulkBar> extends [unknown, ...infer R] ? R : never): ReturnType<RenderBulkBar> {
    return this.#bulk ? this.#view!(this.#bulk, ...rest) : nothing;
  }
}
