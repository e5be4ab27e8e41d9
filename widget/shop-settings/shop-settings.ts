import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators/state.js';
import { Task } from '@lit/task';
import {
  DEFAULT_BUSINESS_HOURS,
  MALLS,
  type BusinessHours,
  type Mall,
  type MallAccountList,
  type MallAccountView,
  type MallConnectionTest,
  type ShopSettings,
} from '../../shared/api.ts';
import { ApiError } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { formatDateTime } from '../core/format.ts';
import { GoqElement } from '../core/goq-element.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { shopSettingsMessages } from './shop-settings.messages.ts';
import { shopSettingsStyles } from './shop-settings.styles.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rakuten licence keys last 90 days: the screen warns from 14 days before. */
const LICENCE_WARN_DAYS = 14;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LIMITS = { storeName: 100, phone: 30, email: 254 };


interface CredentialField {
  name: string;
  secret: boolean;
  required: boolean;
  multiline?: boolean;
}

const CREDENTIAL_FIELDS: Record<Mall, CredentialField[]> = {
  rakuten: [
    { name: 'serviceSecret', secret: true, required: true },
    { name: 'licenseKey', secret: true, required: true },
    { name: 'shopId', secret: false, required: true },
    { name: 'authKey', secret: true, required: false },
  ],
  yahoo: [
    { name: 'sellerId', secret: false, required: true },
    { name: 'clientId', secret: true, required: true },
    { name: 'clientSecret', secret: true, required: true },
    { name: 'refreshToken', secret: true, required: true },
    { name: 'publicKeyPem', secret: false, required: true, multiline: true },
    { name: 'publicKeyVersion', secret: false, required: true },
  ],
};

/** A result line; `raw` is a mall's own error, put in the shop's words when rendered (its sentences load on demand). */
type Note = { kind: 'ok' | 'error' | 'info'; text: string; raw?: string; mall?: Mall } | null;

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
  @state() private accounts: MallAccountView[] = [];
  @state() private credentials: Record<Mall, Record<string, string>> = { rakuten: {}, yahoo: {} };
  @state() private credentialErrors: Record<Mall, Record<string, string>> = { rakuten: {}, yahoo: {} };
  @state() private accountNotes: Record<Mall, Note> = { rakuten: null, yahoo: null };
  @state() private busy: Record<Mall, '' | 'test' | 'save' | 'sync'> = { rakuten: '', yahoo: '' };

  readonly #load = new Task(this, {
    task: async (_where, { signal }) => {
      const [settings, hours, malls] = await Promise.all([
        this.api.get<ShopSettings>('/settings', signal),
        this.api.get<BusinessHours>('/settings/business-hours', signal),
        this.api.get<MallAccountList>('/malls', signal),
      ]);
      this.draft = { ...settings, storeNames: { ...settings.storeNames } };
      this.hours = { ...DEFAULT_BUSINESS_HOURS, ...hours };
      this.accounts = malls.items;
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

  // --- the mall accounts ---------------------------------------------------------------------

  #account(mall: Mall): MallAccountView | undefined {
    return this.accounts.find((a) => a.mall === mall);
  }

  #replaceAccount(account: MallAccountView): void {
    this.accounts = this.accounts.some((a) => a.mall === account.mall)
      ? this.accounts.map((a) => (a.mall === account.mall ? account : a))
      : [...this.accounts, account];
  }

  #note(mall: Mall, note: Note): void {
    this.accountNotes = { ...this.accountNotes, [mall]: note };
  }

  #typed(mall: Mall): boolean {
    return Object.values(this.credentials[mall]).some((v) => v.trim() !== '');
  }

  /** The typed credentials when every required one is there; otherwise marks what is missing. */
  #credentialInput(mall: Mall): Record<string, string> | null {
    const values = this.credentials[mall];
    const errors: Record<string, string> = {};
    const out: Record<string, string> = {};
    for (const field of CREDENTIAL_FIELDS[mall]) {
      const value = (values[field.name] ?? '').trim();
      if (value) out[field.name] = value;
      else if (field.required) errors[field.name] = this.t('ss.err.required', { field: this.t(`ss.cred.${field.name}`) });
    }
    this.credentialErrors = { ...this.credentialErrors, [mall]: errors };
    return Object.keys(errors).length === 0 ? out : null;
  }

  async #test(mall: Mall): Promise<void> {
    if (this.busy[mall]) return;
    let body: { credentials?: Record<string, string> } = {};
    if (this.#typed(mall) || !this.#account(mall)?.configured) {
      const credentials = this.#credentialInput(mall);
      if (!credentials) return;
      body = { credentials };
    }
    this.busy = { ...this.busy, [mall]: 'test' };
    this.#note(mall, null);
    try {
      const result = await this.api.send<MallConnectionTest>('POST', `/malls/${mall}/test`, body);
      if (result.ok) {
        const text = result.credentialExpiresAt
          ? this.t('ss.testOkExpiry', { date: formatDateTime(result.credentialExpiresAt, this.currentLang) })
          : this.t('ss.testOk');
        this.#note(mall, { kind: 'ok', text });
      } else {
        const raw = result.error ? `${result.error.code}: ${result.error.message}` : result.health;
        this.#note(mall, { kind: 'error', text: this.t('ss.testFailed'), raw, mall });
      }
    } catch (error) {
      this.#note(mall, { kind: 'error', text: `${this.t('ss.testFailed')} ${this.#refused(error)}` });
    } finally {
      this.busy = { ...this.busy, [mall]: '' };
    }
  }

  async #saveAccount(mall: Mall, change: { apiOption?: boolean } = {}): Promise<void> {
    if (this.busy[mall] || !this.#canEdit) return;
    const body: { credentials?: Record<string, string>; apiOption?: boolean } = { ...change };
    if (change.apiOption === undefined || this.#typed(mall)) {
      const credentials = this.#credentialInput(mall);
      if (!credentials) return;
      body.credentials = credentials;
    }
    this.busy = { ...this.busy, [mall]: 'save' };
    this.#note(mall, null);
    try {
      const account = await this.api.send<MallAccountView>('PUT', `/malls/${mall}`, body);
      this.#replaceAccount(account);
      if (body.credentials) {
        // write-only: what was typed is forgotten once the server has it
        this.credentials = { ...this.credentials, [mall]: {} };
        this.#note(mall, { kind: 'ok', text: this.t('ss.credentialsSaved') });
      }
      emit(this, 'goq-mall-account-saved', { account });
    } catch (error) {
      this.#note(mall, { kind: 'error', text: `${this.t('ss.saveFailed')} ${this.#refused(error)}` });
    } finally {
      this.busy = { ...this.busy, [mall]: '' };
    }
  }

  async #sync(mall: Mall): Promise<void> {
    if (this.busy[mall]) return;
    this.busy = { ...this.busy, [mall]: 'sync' };
    this.#note(mall, null);
    try {
      const answer = await this.api.send<{ account: MallAccountView; run: { seen: number; created: number; newMessages: number } | null }>(
        'POST',
        `/malls/${mall}/sync`,
      );
      this.#replaceAccount(answer.account);
      this.#note(mall, { kind: 'ok', text: answer.run ? this.t('ss.synced', { ...answer.run }) : this.t('ss.syncQueued') });
    } catch (error) {
      // a 502 carries the mall's own error
      if (error instanceof ApiError && error.status === 502) {
        emit(this, 'goq-error', { problem: error.problem });
        this.#note(mall, { kind: 'error', text: this.t('ss.syncFailed'), raw: `${error.code}: ${error.problem.detail}`, mall });
      } else {
        this.#note(mall, { kind: 'error', text: `${this.t('ss.syncFailed')} ${this.#refused(error)}` });
      }
      void this.api.get<MallAccountList>('/malls').then((m) => (this.accounts = m.items), () => undefined);
    } finally {
      this.busy = { ...this.busy, [mall]: '' };
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
      ${this.#renderNote(this.profileNote, 'profile-note')}
    </form>`;
  }

  #renderNote(note: Note, id: string) {
    if (!note) return nothing;
    return html`<div class="note ${note.kind}" id=${id} role=${note.kind === 'error' ? 'alert' : 'status'}>
      <p>${note.text}${note.raw && note.mall ? ` ${this.mallError(note.mall, note.raw)}` : ''}</p>
      ${note.raw ? html`<details class="raw"><summary>${this.t('ss.details')}</summary><code>${note.raw}</code></details>` : nothing}
    </div>`;
  }

  #steps(prefix: string, count: number) {
    return html`<ol class="steps">
      ${Array.from({ length: count }, (_, i) => html`<li>${this.t(`${prefix}${i + 1}`)}</li>`)}
    </ol>`;
  }

  #renderExpiry(a: MallAccountView) {
    const lang = this.currentLang;
    if (a.mall === 'rakuten') {
      let value = this.t('ss.licenceUnknown');
      let warning: TemplateResult | typeof nothing = nothing;
      if (a.credentialExpiresAt) {
        const date = formatDateTime(a.credentialExpiresAt, lang);
        const left = Date.parse(a.credentialExpiresAt) - Date.now();
        const days = Math.floor(left / DAY_MS);
        value = left > 0 ? this.t('ss.licenceLeft', { date, days }) : this.t('ss.licenceExpired', { date });
        if (left <= 0) warning = html`<p class="notice warn" part="notice" role="alert">${this.t('ss.licenceExpiredWarn')}</p>`;
        else if (days <= LICENCE_WARN_DAYS) warning = html`<p class="notice warn" part="notice" role="alert">${this.t('ss.licenceWarn', { days })}</p>`;
      }
      return html`<div class="fact"><dt>${this.t('ss.licence')}</dt><dd class="licence">${value}<br /><span class="muted">${this.t('ss.licenceNote')}</span></dd></div>
        ${warning}`;
    }
    const left = a.credentialExpiresAt ? Date.parse(a.credentialExpiresAt) - Date.now() : null;
    const days = left === null ? null : Math.floor(left / DAY_MS);
    const value = a.credentialExpiresAt
      ? left! > 0
        ? this.t('ss.licenceLeft', { date: formatDateTime(a.credentialExpiresAt, lang), days: days! })
        : this.t('ss.licenceExpired', { date: formatDateTime(a.credentialExpiresAt, lang) })
      : this.t('ss.licenceUnknown');
    return html`<div class="fact"><dt>${this.t('ss.token')}</dt><dd class="token">${value}<br /><span class="muted">${this.t('ss.tokenNote')}</span></dd></div>
      ${a.health === 'token_expiring' && days !== null ? html`<p class="notice warn" part="notice" role="alert">${this.t('ss.tokenWarn', { days })}</p>` : nothing}`;
  }

  #renderNotification(a: MallAccountView) {
    const lang = this.currentLang;
    const arriving = a.lastNotificationAt !== null;
    return html`<div class="fact notification">
      <dt>${this.t('ss.notification')}</dt>
      <dd>
        <span class=${arriving ? 'ok' : 'warn-text'}
          >${arriving ? this.t('ss.notificationOk', { date: formatDateTime(a.lastNotificationAt!, lang) }) : this.t('ss.notificationNone')}</span
        >
        ${arriving
          ? nothing
          : html`<p class="why">${this.t('ss.notificationWhy')}</p>
              <details>
                <summary>${this.t('ss.notificationSteps')}</summary>
                ${this.#steps('ss.notify', 5)}
                <p class="muted">${this.t('ss.notifyMissing')}</p>
              </details>`}
      </dd>
    </div>`;
  }

  #renderCredentials(mall: Mall, a: MallAccountView) {
    const readOnly = !this.#canEdit;
    const errors = this.credentialErrors[mall];
    return html`<fieldset class="credentials">
      <legend>${this.t('ss.credentials')}</legend>
      <p class="muted">${this.t(a.configured ? 'ss.credentialsIntro' : 'ss.credentialsNew')}</p>
      <div class="grid">
        ${CREDENTIAL_FIELDS[mall].map((field) => {
          const id = `${mall}-${field.name}`;
          const error = errors[field.name];
          const label = html`${this.t(`ss.cred.${field.name}`)}${field.required ? nothing : html` <span class="muted">（${this.t('ss.optional')}）</span>`}`;
          const common = {
            placeholder: a.configured ? this.t('ss.stored') : '',
            value: this.credentials[mall][field.name] ?? '',
          };
          const onInput = (e: Event) => {
            const value = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
            this.credentials = { ...this.credentials, [mall]: { ...this.credentials[mall], [field.name]: value } };
          };
          return html`<div class="field ${field.multiline ? 'wide' : ''}">
            <label for=${id}>${label}</label>
            ${field.multiline
              ? html`<textarea
                  id=${id}
                  rows="3"
                  spellcheck="false"
                  placeholder=${common.placeholder}
                  .value=${common.value}
                  ?disabled=${readOnly}
                  aria-invalid=${error ? 'true' : 'false'}
                  @input=${onInput}
                ></textarea>`
              : html`<input
                  id=${id}
                  type=${field.secret ? 'password' : 'text'}
                  autocomplete=${field.secret ? 'new-password' : 'off'}
                  spellcheck="false"
                  placeholder=${common.placeholder}
                  .value=${common.value}
                  ?disabled=${readOnly}
                  aria-invalid=${error ? 'true' : 'false'}
                  @input=${onInput}
                />`}
            ${error ? html`<p class="field-error">${error}</p>` : nothing}
          </div>`;
        })}
      </div>
    </fieldset>`;
  }

  #renderAccount(mall: Mall) {
    const a = this.#account(mall);
    if (!a) return nothing;
    const lang = this.currentLang;
    const busy = this.busy[mall];
    const readOnly = !this.#canEdit;
    const mallName = this.t(`mall.${mall}`);
    const setup = mall === 'rakuten' && a.apiOption && (a.health === 'api_not_enabled' || a.health === 'auth_failed');
    const lastError = a.lastError ? `${a.lastError.code}: ${a.lastError.message}` : null;
    return html`<section class="account" part="account" data-mall=${mall} aria-labelledby="${mall}-heading">
      <h3 id="${mall}-heading"><span class="mall ${mall}">${mallName}</span> <span class="health ${a.health}">${this.t(`ss.health.${a.health}`)}</span></h3>
      ${a.apiOption
        ? nothing
        : html`<p class="notice" part="notice" role="note">${this.t('ss.noApiOption', { mall: mallName })}</p>`}
      ${lastError && a.apiOption
        ? html`<div class="note error last-error">
            <p><strong>${this.t('ss.lastError')}:</strong> ${this.mallError(mall, lastError)}</p>
            <details class="raw"><summary>${this.t('ss.details')}</summary><code>${lastError}</code></details>
          </div>`
        : nothing}
      ${setup
        ? html`<div class="setup">
            <h4>${this.t('ss.setupHeading')}</h4>
            ${this.#steps('ss.setup', 5)}
            <p class="muted">${this.t('ss.setupOther')}</p>
          </div>`
        : nothing}
      <dl class="facts">
        <div class="fact">
          <dt>${this.t('ss.lastSync')}</dt>
          <dd class="last-sync">${a.lastSyncAt ? formatDateTime(a.lastSyncAt, lang) : this.t('ss.never')}</dd>
        </div>
        ${a.configured ? this.#renderExpiry(a) : nothing} ${mall === 'rakuten' && a.configured && a.apiOption ? this.#renderNotification(a) : nothing}
      </dl>
      <label class="check"
        ><input
          type="checkbox"
          id="${mall}-api-option"
          .checked=${a.apiOption}
          ?disabled=${readOnly || busy !== ''}
          @change=${(e: Event) => this.#saveAccount(mall, { apiOption: (e.target as HTMLInputElement).checked })}
        />${this.t('ss.apiOption')}</label
      >
      ${this.#renderCredentials(mall, a)}
      <div class="actions">
        ${readOnly
          ? nothing
          : html`<button type="button" part="test-button" ?disabled=${busy !== ''} @click=${() => this.#test(mall)}>
                ${this.t(busy === 'test' ? 'ss.testing' : 'ss.test')}
              </button>
              <button type="button" class="primary" ?disabled=${busy !== '' || !this.#typed(mall)} @click=${() => this.#saveAccount(mall)}>
                ${this.t('ss.saveCredentials')}
              </button>`}
        ${a.configured && a.apiOption
          ? html`<button type="button" part="sync-button" ?disabled=${busy !== ''} @click=${() => this.#sync(mall)}>
              ${this.t(busy === 'sync' ? 'ss.syncing' : 'ss.syncNow')}
            </button>`
          : nothing}
      </div>
      ${this.#renderNote(this.accountNotes[mall], `${mall}-note`)}
    </section>`;
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
    return html`${this.#renderProfile(this.draft!)}
      <section class="malls" aria-labelledby="malls-heading">
        <h2 id="malls-heading">${this.t('ss.malls')}</h2>
        ${MALLS.map((mall) => this.#renderAccount(mall))}
      </section>`;
  }
}
