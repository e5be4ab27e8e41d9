/**
 * The open inquiry as the inbox shows it: header (mall, status, subject, facts, [注文詳細を開く]
 * [完了する] [返信が必要に戻す]), the thread and the reply composer.
 *
 * A Yahoo! inquiry asks before [完了する] completes it, in the manual's words, and once completed shows
 * that sentence where a Rakuten one offers [返信が必要に戻す].
 *
 * @csspart detail-header, open-order-button, complete-button, reopen-button, confirm-complete, no-reopen
 */
import { html, nothing, type TemplateResult } from 'lit';
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { PlaceholderValues } from '../../shared/placeholders.ts';
import type { Lang, Translate } from '../core/i18n/catalogue.ts';
import type { Template } from '../../shared/api.ts';
import type { TeamDetail } from '../team/team-controller.ts';
import type { InquiryDetailController } from './inquiry-detail-controller.ts';

export interface DetailView {
  t: Translate;
  lang: Lang;
  apiBase: string;
  token: string;
  templates: Template[];
  placeholderValues: PlaceholderValues;
  /** localStorage key of the reply draft for this inquiry */
  draftKey: (inquiryId: string) => string;
  onOpenOrder: (orderId: string) => void;
  /** the team's part of the header: 担当者 and who else is here */
  teamHeader?: (detail: TeamDetail) => unknown;
  /** 社内メモ, between the thread and the reply */
  notes?: () => unknown;
}

export function renderInquiryDetail(c: InquiryDetailController, v: DetailView): TemplateResult {
  const t = v.t;
  if (c.loading) return html`<p class="muted" role="status">${t('loading')}</p>`;
  const d = c.detail as TeamDetail | null;
  if (c.loadError && !d) {
    return html`<p class="error" role="alert">${c.loadError}</p>
      <button type="button" @click=${() => c.show(c.id)}>${t('action.retry')}</button>`;
  }
  if (!d) return html`<p class="muted none">${t('detail.none')}</p>`;
  const customerName = showsCustomerName(d.mall) ? d.customerName : null;
  return html`<section class="detail-body" aria-labelledby="detail-subject" data-id=${d.id}>
    <header class="detail-header" part="detail-header">
      <span class="mall ${d.mall}">${t(`mall.${d.mall}`)}</span>
      <span class="status ${d.status}">${t(`status.${d.status}`)}</span>
      <h2 id="detail-subject">${d.subject}</h2>
      <ul class="facts">
        <li class="customer">${customerName ? t('detail.customer', { name: customerName }) : t('detail.customerHidden')}</li>
        ${d.orderId ? html`<li>${t('detail.orderId', { orderId: d.orderId })}</li>` : nothing}
        ${d.itemName
          ? // Yahoo! gives the item's code, never its name: say so rather than pass a code off as a name
            html`<li>${t(d.mall === 'yahoo' ? 'detail.itemCode' : 'detail.item', { name: d.itemName })}</li>`
          : nothing}
        <li>${t('detail.mallInquiryId', { id: d.mallInquiryId })}</li>
      </ul>
      <div class="actions">
        ${d.orderId
          ? html`<button type="button" class="open-order" part="open-order-button" @click=${() => v.onOpenOrder(d.orderId!)}>
              ${t('detail.openOrder')}
            </button>`
          : nothing}
        <button
          type="button"
          class="complete ${d.completed ? '' : 'primary'}"
          part="complete-button"
          aria-disabled=${d.completed || c.busy ? 'true' : 'false'}
          @click=${() => c.complete()}
        >
          ${d.completed ? t('detail.completed') : t('detail.complete')}
        </button>
        ${d.canReopen
          ? html`<button type="button" class="reopen" part="reopen-button" ?disabled=${c.busy} @click=${() => c.reopen()}>
              ${t('detail.reopen')}
            </button>`
          : nothing}
      </div>
      ${d.completed && d.mall === 'yahoo' ? html`<p class="no-reopen muted" part="no-reopen">${t('detail.yahooNoReopen')}</p>` : nothing}
      ${c.confirmingComplete && !d.completed
        ? html`<div class="confirm-complete" part="confirm-complete" role="alertdialog" aria-labelledby="confirm-complete-text">
            <p id="confirm-complete-text">${t('detail.yahooNoReopen')}</p>
            <p>${t('detail.confirmComplete')}</p>
            <div class="actions">
              <button type="button" class="primary confirm" @click=${() => c.complete()}>${t('detail.complete')}</button>
              <button type="button" class="cancel" @click=${() => c.cancelComplete()}>${t('detail.cancel')}</button>
            </div>
          </div>`
        : nothing}
      ${c.actionError ? html`<p class="error action-error" role="alert">${c.actionError}</p>` : nothing}
      ${v.teamHeader?.(d) ?? nothing}
    </header>
    <h3>${t('detail.thread')}</h3>
    <goq-thread
      exportparts="thread, message, message-customer, message-shop, sender, body, attachments, delivery, retry-button"
      .messages=${d.messages}
      .mall=${d.mall}
      .customerName=${customerName}
      .apiBase=${v.apiBase}
      .token=${v.token}
      .lang=${v.lang}
      @goq-retry=${(e: CustomEvent<{ messageId: string }>) => c.retry(e.detail.messageId)}
    ></goq-thread>
    ${v.notes?.() ?? nothing}
    <goq-reply-composer
      exportparts="composer, textarea, limits, send-button, send-complete-button, thread-changed, dropzone, file-list, template-picker"
      .inquiryId=${d.id}
      .mall=${d.mall}
      .draftKey=${v.draftKey(d.id)}
      .templates=${v.templates}
      .placeholderValues=${v.placeholderValues}
      .version=${d.version}
      .submit=${c.submitReply}
      .lang=${v.lang}
    ></goq-reply-composer>
  </section>`;
}
