import { html, nothing } from 'lit';
import { state } from 'lit/decorators/state.js';
import { Task } from '@lit/task';
import {
  DEFAULT_BUSINESS_HOURS,
  MALLS,
  type BusinessHours,
  type Mall,
  type MallAccountList,
  type ShopSettings,
} from '../../shared/api.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { GoqElement } from '../core/goq-element.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { MallAccountsController } from './mall-accounts-controller.ts';
import { renderMallAccount } from './mall-account-view.ts';
import { renderNote, type Note } from './settings-note.ts';
import { shopSettingsMessages } from './shop-settings.messages.ts';
import { shopSettingsStyles } from './shop-settings.styles.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LIMITS = { storeName: 100, phone: 30, email: 254 };

/**
 * @tagname goq-shop-settings
 * @summary The shop's settings: profile, business hours and holidays, and each mall account.
 *
 * <goq-shop-settings>: 設定. The shop's profile, which fills the templates' [出店モール店舗名]
 * [店舗電話番号] [店舗メールアドレス]; business hours and holidays (used by 待ち時間), validated before
 * [保存]. Each mall account: credentials entered write-only (never shown back), [接続テスト], health,
 * last sync and [今すぐ同期], the Rakuten licence key's expiry (warned from 14 days before: keys last
 * 90 days) and the Yahoo! refresh token's lifetime, the Rakuten API setup steps when the API is not
 * enabled, and the 30-day rule: whether 問い合わせユーザアクション通知 is approved and arriving, with the
 * manual's explanation when it is not. A store without the API option sees the manual's notice, not an
 * error. The token's `role` decides: `admin` edits, every other member sees it read-only (and a 403
 * `forbidden_role` from the server makes it read-only too).
 *
 * @event goq-settings-saved - {settings}: the profile was saved
 * @event goq-mall-account-saved - {account}: a mall account's credentials or API option were saved
 * @event goq-error - {problem}: loading or saving failed
 * @csspart profile - the profile and business hours form
 * @csspart save-button - [保存] of the profile
 * @csspart account - one mall account's section
 * @csspart test-button - [接続テスト]
 * @csspart sync-button - [今すぐ同期]
 * @csspart notice - a notice (read-only, no API option, expiry warning)
 */
export class GoqShopSettings extends GoqElement {
  static override messages = shopSettingsMessages;

  static override styles = shopSettingsStyles;

  @state() private draft: ShopSettings | null = null;
  @state() private hours: BusinessHours = DEFAULT_BUSINESS_HOURS;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private profileNote: Note = null;
  @state() private saving = false;
  @state() private forbidden = false;
  @state() private holidayDraft = '';
  /** The mall accounts' section. */
  readonly #malls = new MallAccountsController(this, {
    api: () => this.api,
    t: (key, params) => this.t(key, params),
    lang: () => this.currentLang,
    canEdit: () => this.#canEdit,
    refused: (error) => this.#refused(error),
  });

  readonly #load = new Task(this, {
    task: async (_where, { signal }) => {
      const [settings, hours, malls] = await Promise.all([
        this.api.get<ShopSettings>('/settings', signal),
        this.api.get<BusinessHours>('/settings/business-hours', signal),
        this.api.get<MallAccountList>('/malls', signal),
      ]);
      this.draft = { ...settings, storeNames: { ...settings.storeNames } };
      this.hours = { ...DEFAULT_BUSINESS_HOURS, ...hours };
      this.#malls.set(malls.items);
      return true;
    },
    args: () => [this.config.apiBase, this.config.token] as const,
  });

  /** Admins edit; other members (and anyone the server refused as such) only read. */
  get #canEdit(): boolean {
    return !this.forbidden && decodeTokenClaims(this.config.token).role === 'admin';
  }

  #refused(error: unknown): string {
    if (error instanceof ApiError) {
      emit(this, 'goq-error', { problem: error.problem });
      if (error.status === 403 && error.code === 'forbidden_role') {
        this.forbidden = true;
        return this.t('ss.forbidden');
      }
    }
    return this.problemMessage(error);
  }

  // --- the profile ---------------------------------------------------------------------------

  #setStoreName(mall: Mall, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, storeNames: { ...this.draft.storeNames, [mall]: value } };
  }

  #setField(field: 'phone' | 'email', value: string): void {
    if (this.draft) this.draft = { ...this.draft, [field]: value };
  }

  #setHours(change: Partial<BusinessHours>): void {
    this.hours = { ...this.hours, ...change };
  }

  #toggleDay(day: number, on: boolean): void {
    const days = new Set(this.hours.days);
    if (on) days.add(day);
    else days.delete(day);
    this.#setHours({ days: [...days].sort((a, b) => a - b) });
  }

  #addHoliday(): void {
    const date = this.holidayDraft;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      this.fieldErrors = { ...this.fieldErrors, holiday: this.t('ss.err.holiday') };
      return;
    }
    const { holiday: _cleared, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    if (!this.hours.holidays.includes(date)) this.#setHours({ holidays: [...this.hours.holidays, date].sort() });
    this.holidayDraft = '';
  }

  #validate(): Record<string, string> {
    const d = this.draft!;
    const errors: Record<string, string> = {};
    for (const mall of MALLS) {
      if (d.storeNames[mall].trim().length > LIMITS.storeName) errors[`store-${mall}`] = this.t('ss.err.tooLong', { max: LIMITS.storeName });
    }
    const phone = d.phone.trim();
    if (phone.length > LIMITS.phone) errors.phone = this.t('ss.err.tooLong', { max: LIMITS.phone });
    else if (phone && !/^[0-9０-９+()\-－ ]+$/.test(phone)) errors.phone = this.t('ss.err.phone');
    const email = d.email.trim();
    if (email.length > LIMITS.email) errors.email = this.t('ss.err.tooLong', { max: LIMITS.email });
    else if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = this.t('ss.err.email');
    const h = this.hours;
    if (h.days.length === 0) errors.days = this.t('ss.err.days');
    if (!TIME.test(h.start)) errors.start = this.t('ss.err.time');
    if (!TIME.test(h.end)) errors.end = this.t('ss.err.time');
    else if (TIME.test(h.start) && h.end <= h.start) errors.end = this.t('ss.err.order');
    if (!Number.isInteger(h.overdueAfterDays) || h.overdueAfterDays < 1 || h.overdueAfterDays > 30) errors.overdue = this.t('ss.err.overdue');
    return errors;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.draft || this.saving || !this.#canEdit) return;
    this.profileNote = null;
    const errors = this.#validate();
    this.fieldErrors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      this.profileNote = { kind: 'error', text: this.t('ss.fixErrors') };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first === 'days' ? 'day-1' : first}`)?.focus());
      return;
    }
    const d = this.draft;
    const body: ShopSettings = {
      storeNames: { rakuten: d.storeNames.rakuten.trim(), yahoo: d.storeNames.yahoo.trim() },
      phone: d.phone.trim(),
      email: d.email.trim(),
    };
    this.saving = true;
    try {
      const [saved, hours] = await Promise.all([
        this.api.send<ShopSettings>('PUT', '/settings', body),
        this.api.send<BusinessHours>('PUT', '/settings/business-hours', this.hours),
      ]);
      this.draft = { ...saved, storeNames: { ...saved.storeNames } };
      this.hours = { ...DEFAULT_BUSINESS_HOURS, ...hours };
      this.profileNote = { kind: 'ok', text: this.t('ss.saved') };
      emit(this, 'goq-settings-saved', { settings: saved });
    } catch (error) {
      const message = this.#refused(error);
      if (error instanceof ApiError) {
        const named: Record<string, string> = {};
        for (const p of error.problem.errors ?? []) {
          const field = p.field.replace(/^storeNames\./, 'store-').replace(/^(businessHours\.)?(days|start|end|holidays|publicHolidays|overdueAfterDays)\b.*/, 'days');
          named[field] = p.detail ?? message;
        }
        this.fieldErrors = named;
      }
      this.profileNote = { kind: 'error', text: `${this.t('ss.saveFailed')} ${message}` };
    } finally {
      this.saving = false;
    }
  }

  // --- rendering -----------------------------------------------------------------------------

  #error(id: string) {
    const text = this.fieldErrors[id];
    return text ? html`<p class="field-error" id="${id}-error">${text}</p>` : nothing;
  }

  #aria(id: string) {
    return { invalid: this.fieldErrors[id] ? 'true' : 'false', describedby: this.fieldErrors[id] ? `${id}-error` : nothing };
  }

  #textField(id: string, label: string, value: string, onInput: (v: string) => void, type = 'text') {
    const a = this.#aria(id);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        .value=${value}
        ?disabled=${!this.#canEdit}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedby}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      />
      ${this.#error(id)}
    </div>`;
  }

  #renderProfile(d: ShopSettings) {
    const h = this.hours;
    const readOnly = !this.#canEdit;
    return html`<form part="profile" novalidate @submit=${this.#save} aria-labelledby="profile-heading">
      <h2 id="profile-heading">${this.t('ss.profile')}</h2>
      <p class="muted">${this.t('ss.profileIntro')}</p>
      <div class="grid">
        ${MALLS.map((mall) =>
          this.#textField(`store-${mall}`, this.t('ss.storeName', { mall: this.t(`mall.${mall}`) }), d.storeNames[mall], (v) => this.#setStoreName(mall, v)),
        )}
        ${this.#textField('phone', this.t('ss.phone'), d.phone, (v) => this.#setField('phone', v), 'tel')}
        ${this.#textField('email', this.t('ss.email'), d.email, (v) => this.#setField('email', v), 'email')}
      </div>

      <h3>${this.t('ss.hours')}</h3>
      <p class="muted">${this.t('ss.hoursIntro')}</p>
      <fieldset class="days" aria-describedby=${this.fieldErrors.days ? 'days-error' : nothing}>
        <legend>${this.t('ss.days')}</legend>
        ${[1, 2, 3, 4, 5, 6, 0].map(
          (day) => html`<label class="day"
            ><input
              type="checkbox"
              id="day-${day}"
              .checked=${h.days.includes(day)}
              ?disabled=${readOnly}
              @change=${(e: Event) => this.#toggleDay(day, (e.target as HTMLInputElement).checked)}
            />${this.t(`ss.day${day}`)}</label
          >`,
        )}
        ${this.#error('days')}
      </fieldset>
      <div class="row">
        ${this.#textField('start', this.t('ss.start'), h.start, (v) => this.#setHours({ start: v.trim() }))}
        ${this.#textField('end', this.t('ss.end'), h.end, (v) => this.#setHours({ end: v.trim() }))}
        ${this.#textField('overdue', this.t('ss.overdue'), String(h.overdueAfterDays), (v) => this.#setHours({ overdueAfterDays: Number(v) }), 'number')}
      </div>
      <label class="check"
        ><input
          type="checkbox"
          id="public-holidays"
          .checked=${h.publicHolidays}
          ?disabled=${readOnly}
          @change=${(e: Event) => this.#setHours({ publicHolidays: (e.target as HTMLInputElement).checked })}
        />${this.t('ss.publicHolidays')}</label
      >
      <div class="field">
        <label for="holiday">${this.t('ss.holidays')}</label>
        <div class="row">
          <input
            id="holiday"
            type="date"
            .value=${this.holidayDraft}
            ?disabled=${readOnly}
            aria-invalid=${this.fieldErrors.holiday ? 'true' : 'false'}
            @input=${(e: Event) => (this.holidayDraft = (e.target as HTMLInputElement).value)}
          />
          <button type="button" ?disabled=${readOnly} @click=${() => this.#addHoliday()}>${this.t('ss.addHoliday')}</button>
        </div>
        ${this.#error('holiday')}
        ${h.holidays.length === 0
          ? html`<p class="muted">${this.t('ss.noHolidays')}</p>`
          : html`<ul class="holidays">
              ${h.holidays.map(
                (date) => html`<li>
                  <span>${date}</span>
                  ${readOnly
                    ? nothing
                    : html`<button
                        type="button"
                        class="link"
                        aria-label=${this.t('ss.removeHoliday', { date })}
                        @click=${() => this.#setHours({ holidays: h.holidays.filter((x) => x !== date) })}
                      >
                        ×
                      </button>`}
                </li>`,
              )}
            </ul>`}
      </div>
      ${readOnly
        ? nothing
        : html`<div class="actions">
            <button type="submit" class="primary" part="save-button" ?disabled=${this.saving}>${this.t(this.saving ? 'ss.saving' : 'ss.save')}</button>
          </div>`}
      ${renderNote(this.profileNote, 'profile-note', this.t.bind(this), this.mallError.bind(this))}
    </form>`;
  }

  override render() {
    return html`<h2 class="title">${this.t('ss.heading')}</h2>
      ${this.#canEdit ? nothing : html`<p class="notice" part="notice" role="note">${this.t(this.forbidden ? 'ss.forbidden' : 'ss.readOnly')}</p>`}
      ${this.#load.render({
        initial: () => html`<p role="status" class="muted">${this.t('loading')}</p>`,
        pending: () => (this.draft ? this.#renderAll() : html`<p role="status" class="muted">${this.t('loading')}</p>`),
        complete: () => this.#renderAll(),
        error: (error) => html`<div role="alert" class="error">
          ${this.t('ss.loadFailed')} ${this.problemMessage(error)}
          <button type="button" @click=${() => this.#load.run()}>${this.t('action.retry')}</button>
        </div>`,
      })}`;
  }

  #renderAll() {
    const view = { accounts: this.#malls, t: this.t.bind(this), lang: this.currentLang, canEdit: this.#canEdit, mallError: this.mallError.bind(this) };
    return html`${this.#renderProfile(this.draft!)}
      <section class="malls" aria-labelledby="malls-heading">
        <h2 id="malls-heading">${this.t('ss.malls')}</h2>
        ${MALLS.map((mall) => renderMallAccount(view, mall))}
      </section>`;
  }
}
