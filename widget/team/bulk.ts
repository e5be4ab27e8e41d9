/**
 * 一括操作: the rows ticked in the list, 一括完了 (the Yahoo! inquiries listed first under the manual's
 * warning, then confirmed) and 担当者を変更, and each id's outcome from `POST /inquiries/bulk`.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BulkOutcome, BulkRequest, BulkResult, StaffMember } from '../../shared/api.ts';
import type { ApiClient } from '../core/api-client.ts';
import type { Translate } from '../core/i18n/catalogue.ts';
import type { TeamSummary } from './team-controller.ts';

/** The strings of 一括操作, which arrive with it (the inbox adds them to its catalogue). */
export const bulkMessages = {
  ja: {
    'bulk.selected': '{count}件選択中',
    'bulk.complete': '一括完了',
    'bulk.assign': '担当者を変更',
    'bulk.apply': '変更',
    'bulk.clear': '選択を解除',
    'bulk.confirmTitle': '選択したお問い合わせを対応完了にします',
    'bulk.yahooWarning': 'Yahoo!の仕様上、対応完了にすると返信が必要に戻すことはできません',
    'bulk.confirm': '完了する',
    'bulk.cancel': 'キャンセル',
    'bulk.results': '結果: {ok}件成功、{failed}件失敗',
    'bulk.ok': '完了',
    'bulk.failed': '失敗: {reason}',
    'bulk.close': '閉じる',
  },
  en: {
    'bulk.selected': '{count} selected',
    'bulk.complete': 'Complete',
    'bulk.assign': 'Change assignee',
    'bulk.apply': 'Apply',
    'bulk.clear': 'Clear selection',
    'bulk.confirmTitle': 'Complete the selected inquiries',
    'bulk.yahooWarning': 'Yahoo! inquiries cannot be reopened once completed (the mall\'s rule).',
    'bulk.confirm': 'Complete',
    'bulk.cancel': 'Cancel',
    'bulk.results': 'Done: {ok} succeeded, {failed} failed',
    'bulk.ok': 'Completed',
    'bulk.failed': 'Failed: {reason}',
    'bulk.close': 'Close',
  },
};

export class BulkController {
  readonly selected = new Set<string>();
  /** subjects and malls of the ticked rows, kept when they scroll out of the list */
  readonly #rows = new Map<string, TeamSummary>();
  confirming = false;
  results: (BulkOutcome & { subject: string })[] | null = null;
  error = '';
  busy = false;

  readonly #host: ReactiveControllerHost;
  readonly #api: () => ApiClient;
  readonly #fail: (error: unknown) => string;
  readonly #done: () => void;

  constructor(host: ReactiveControllerHost, api: () => ApiClient, fail: (error: unknown) => string, done: () => void) {
    this.#host = host;
    this.#api = api;
    this.#fail = fail;
    this.#done = done;
  }

  toggle(item: TeamSummary, on: boolean): void {
    if (on) {
      this.selected.add(item.id);
      this.#rows.set(item.id, item);
    } else {
      this.selected.delete(item.id);
      this.#rows.delete(item.id);
    }
    this.results = null;
    this.#host.requestUpdate();
  }

  /** The member 担当者を変更 gives the ticked rows ('' unassigns). */
  assignTo = '';

  /** Shows the step the host asks for: confirming 一括完了, or none (also hides the results). */
  show(step: { confirming: boolean }): void {
    this.confirming = step.confirming;
    this.results = null;
    this.#host.requestUpdate();
  }

  clear(): void {
    this.selected.clear();
    this.#rows.clear();
    this.confirming = false;
    this.#host.requestUpdate();
  }

  /** The ticked inquiries, Yahoo! ones first (they can never be reopened). */
  get ordered(): TeamSummary[] {
    const rows = [...this.#rows.values()];
    return [...rows.filter((r) => r.mall === 'yahoo'), ...rows.filter((r) => r.mall !== 'yahoo')];
  }

  async run(request: Omit<BulkRequest, 'ids'>): Promise<void> {
    const rows = this.ordered;
    this.busy = true;
    this.error = '';
    this.#host.requestUpdate();
    try {
      const { results } = await this.#api().send<BulkResult>('POST', '/inquiries/bulk', { ...request, ids: rows.map((r) => r.id) });
      const subject = new Map(rows.map((r) => [r.id, r.subject]));
      this.results = results.map((r) => ({ ...r, subject: subject.get(r.id) ?? r.id }));
      for (const r of results) if (r.ok) this.selected.delete(r.id), this.#rows.delete(r.id);
      this.confirming = false;
      this.#done();
    } catch (error) {
      this.error = this.#fail(error);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}

function reason(r: BulkOutcome, t: Translate): string {
  const text = r.code ? t(`problem.${r.code}`) : '';
  return text && text !== `problem.${r.code}` ? text : (r.detail ?? r.code ?? '');
}

export function renderBulkBar(b: BulkController, staff: StaffMember[], t: Translate): TemplateResult | typeof nothing {
  if (b.selected.size === 0 && !b.results) return nothing;
  const rows = b.ordered;
  const yahoo = rows.some((r) => r.mall === 'yahoo');
  return html`<div class="bulk" part="bulk-bar" role="region" aria-label=${t('bulk.assign')}>
    ${b.selected.size > 0
      ? html`<span class="bulk-count" role="status">${t('bulk.selected', { count: b.selected.size })}</span>
          <button type="button" class="bulk-complete" ?disabled=${b.busy} @click=${() => b.show({ confirming: true })}>${t('bulk.complete')}</button>
          <label
            >${t('bulk.assign')}
            <select class="bulk-assignee" @change=${(e: Event) => (b.assignTo = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!b.assignTo}>${t('team.unassigned')}</option>
              ${staff.map((m) => html`<option value=${m.id} ?selected=${b.assignTo === m.id}>${m.name}</option>`)}
            </select>
          </label>
          <button type="button" class="bulk-assign" ?disabled=${b.busy} @click=${() => b.run({ action: 'assign', staffId: b.assignTo || null })}>
            ${t('bulk.apply')}
          </button>
          <button type="button" class="bulk-clear" @click=${() => b.clear()}>${t('bulk.clear')}</button>`
      : nothing}
    ${b.confirming && b.selected.size > 0
      ? html`<div class="bulk-confirm" role="alertdialog" aria-labelledby="bulk-title" aria-describedby=${yahoo ? 'bulk-warning' : nothing}>
          <p id="bulk-title"><strong>${t('bulk.confirmTitle')}</strong></p>
          ${yahoo ? html`<p id="bulk-warning" class="warning yahoo-warning">${t('bulk.yahooWarning')}</p>` : nothing}
          <ol class="bulk-list">
            ${rows.map((r) => html`<li class=${r.mall}>${t(`mall.${r.mall}`)}: ${r.subject}</li>`)}
          </ol>
          <button type="button" class="primary bulk-confirm-button" ?disabled=${b.busy} @click=${() => b.run({ action: 'complete' })}>
            ${t('bulk.confirm')}
          </button>
          <button type="button" class="bulk-cancel" @click=${() => b.show({ confirming: false })}>${t('bulk.cancel')}</button>
        </div>`
      : nothing}
    ${b.error ? html`<p class="error" role="alert">${b.error}</p>` : nothing}
    ${b.results
      ? html`<div class="bulk-results" role="status">
          <p>${t('bulk.results', { ok: b.results.filter((r) => r.ok).length, failed: b.results.filter((r) => !r.ok).length })}</p>
          <ul>
            ${b.results.map(
              (r) => html`<li class=${r.ok ? 'ok' : 'failed'} data-id=${r.id}>
                ${r.subject}: ${r.ok ? t('bulk.ok') : t('bulk.failed', { reason: reason(r, t) })}
              </li>`,
            )}
          </ul>
          <button type="button" class="bulk-close" @click=${() => b.show({ confirming: false })}>${t('bulk.close')}</button>
        </div>`
      : nothing}
  </div>`;
}
