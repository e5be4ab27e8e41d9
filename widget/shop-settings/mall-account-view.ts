/**
 * One mall account's section of the settings screen: health and last error, the Rakuten API setup
 * steps, last sync, the licence key's or refresh token's expiry, the 30-day notification rule, the API
 * option, the write-only credentials and [接続テスト] [認証情報を保存] [今すぐ同期].
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Mall, MallAccountView } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import type { Lang, Translate } from '../core/i18n/catalogue.ts';
import { CREDENTIAL_FIELDS, type MallAccountsController } from './mall-accounts-controller.ts';
import { renderNote } from './settings-note.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rakuten licence keys last 90 days: the screen warns from 14 days before. */
const LICENCE_WARN_DAYS = 14;

/** What the section is rendered with. */
export interface AccountView {
  accounts: MallAccountsController;
  t: Translate;
  lang: Lang;
  canEdit: boolean;
  mallError: (mall: string, raw: string) => string;
}

function steps(v: AccountView, prefix: string, count: number) {
  return html`<ol class="steps">
    ${Array.from({ length: count }, (_, i) => html`<li>${v.t(`${prefix}${i + 1}`)}</li>`)}
  </ol>`;
}

function renderExpiry(v: AccountView, a: MallAccountView) {
  const lang = v.lang;
  if (a.mall === 'rakuten') {
    let value = v.t('ss.licenceUnknown');
    let warning: TemplateResult | typeof nothing = nothing;
    if (a.credentialExpiresAt) {
      const date = formatDateTime(a.credentialExpiresAt, lang);
      const left = Date.parse(a.credentialExpiresAt) - Date.now();
      const days = Math.floor(left / DAY_MS);
      value = left > 0 ? v.t('ss.licenceLeft', { date, days }) : v.t('ss.licenceExpired', { date });
      if (left <= 0) warning = html`<p class="notice warn" part="notice" role="alert">${v.t('ss.licenceExpiredWarn')}</p>`;
      else if (days <= LICENCE_WARN_DAYS) warning = html`<p class="notice warn" part="notice" role="alert">${v.t('ss.licenceWarn', { days })}</p>`;
    }
    return html`<div class="fact"><dt>${v.t('ss.licence')}</dt><dd class="licence">${value}<br /><span class="muted">${v.t('ss.licenceNote')}</span></dd></div>
      ${warning}`;
  }
  const left = a.credentialExpiresAt ? Date.parse(a.credentialExpiresAt) - Date.now() : null;
  const days = left === null ? null : Math.floor(left / DAY_MS);
  const value = a.credentialExpiresAt
    ? left! > 0
      ? v.t('ss.licenceLeft', { date: formatDateTime(a.credentialExpiresAt, lang), days: days! })
      : v.t('ss.licenceExpired', { date: formatDateTime(a.credentialExpiresAt, lang) })
    : v.t('ss.licenceUnknown');
  return html`<div class="fact"><dt>${v.t('ss.token')}</dt><dd class="token">${value}<br /><span class="muted">${v.t('ss.tokenNote')}</span></dd></div>
    ${a.health === 'token_expiring' && days !== null ? html`<p class="notice warn" part="notice" role="alert">${v.t('ss.tokenWarn', { days })}</p>` : nothing}`;
}

function renderNotification(v: AccountView, a: MallAccountView) {
  const lang = v.lang;
  const arriving = a.lastNotificationAt !== null;
  return html`<div class="fact notification">
    <dt>${v.t('ss.notification')}</dt>
    <dd>
      <span class=${arriving ? 'ok' : 'warn-text'}
        >${arriving ? v.t('ss.notificationOk', { date: formatDateTime(a.lastNotificationAt!, lang) }) : v.t('ss.notificationNone')}</span
      >
      ${arriving
        ? nothing
        : html`<p class="why">${v.t('ss.notificationWhy')}</p>
            <details>
              <summary>${v.t('ss.notificationSteps')}</summary>
              ${steps(v, 'ss.notify', 5)}
              <p class="muted">${v.t('ss.notifyMissing')}</p>
            </details>`}
    </dd>
  </div>`;
}

function renderCredentials(v: AccountView, mall: Mall, a: MallAccountView) {
  const readOnly = !v.canEdit;
  const errors = v.accounts.credentialErrors[mall];
  return html`<fieldset class="credentials">
    <legend>${v.t('ss.credentials')}</legend>
    <p class="muted">${v.t(a.configured ? 'ss.credentialsIntro' : 'ss.credentialsNew')}</p>
    <div class="grid">
      ${CREDENTIAL_FIELDS[mall].map((field) => {
        const id = `${mall}-${field.name}`;
        const error = errors[field.name];
        const label = html`${v.t(`ss.cred.${field.name}`)}${field.required ? nothing : html` <span class="muted">（${v.t('ss.optional')}）</span>`}`;
        const common = {
          placeholder: a.configured ? v.t('ss.stored') : '',
          value: v.accounts.credentials[mall][field.name] ?? '',
        };
        const onInput = (e: Event) => {
          const value = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
          v.accounts.setCredential(mall, field.name, value);
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

/** One mall account's section (part `account`). */
export function renderMallAccount(v: AccountView, mall: Mall) {
  const a = v.accounts.account(mall);
  if (!a) return nothing;
  const lang = v.lang;
  const busy = v.accounts.busy[mall];
  const readOnly = !v.canEdit;
  const mallName = v.t(`mall.${mall}`);
  const setup = mall === 'rakuten' && a.apiOption && (a.health === 'api_not_enabled' || a.health === 'auth_failed');
  const lastError = a.lastError ? `${a.lastError.code}: ${a.lastError.message}` : null;
  return html`<section class="account" part="account" data-mall=${mall} aria-labelledby="${mall}-heading">
    <h3 id="${mall}-heading"><span class="mall ${mall}">${mallName}</span> <span class="health ${a.health}">${v.t(`ss.health.${a.health}`)}</span></h3>
    ${a.apiOption
      ? nothing
      : html`<p class="notice" part="notice" role="note">${v.t('ss.noApiOption', { mall: mallName })}</p>`}
    ${lastError && a.apiOption
      ? html`<div class="note error last-error">
          <p><strong>${v.t('ss.lastError')}:</strong> ${v.mallError(mall, lastError)}</p>
          <details class="raw"><summary>${v.t('ss.details')}</summary><code>${lastError}</code></details>
        </div>`
      : nothing}
    ${setup
      ? html`<div class="setup">
          <h4>${v.t('ss.setupHeading')}</h4>
          ${steps(v, 'ss.setup', 5)}
          <p class="muted">${v.t('ss.setupOther')}</p>
        </div>`
      : nothing}
    <dl class="facts">
      <div class="fact">
        <dt>${v.t('ss.lastSync')}</dt>
        <dd class="last-sync">${a.lastSyncAt ? formatDateTime(a.lastSyncAt, lang) : v.t('ss.never')}</dd>
      </div>
      ${a.configured ? renderExpiry(v, a) : nothing} ${mall === 'rakuten' && a.configured && a.apiOption ? renderNotification(v, a) : nothing}
    </dl>
    <label class="check"
      ><input
        type="checkbox"
        id="${mall}-api-option"
        .checked=${a.apiOption}
        ?disabled=${readOnly || busy !== ''}
        @change=${(e: Event) => v.accounts.save(mall, { apiOption: (e.target as HTMLInputElement).checked })}
      />${v.t('ss.apiOption')}</label
    >
    ${renderCredentials(v, mall, a)}
    <div class="actions">
      ${readOnly
        ? nothing
        : html`<button type="button" part="test-button" ?disabled=${busy !== ''} @click=${() => v.accounts.test(mall)}>
              ${v.t(busy === 'test' ? 'ss.testing' : 'ss.test')}
            </button>
            <button type="button" class="primary" ?disabled=${busy !== '' || !v.accounts.typed(mall)} @click=${() => v.accounts.save(mall)}>
              ${v.t('ss.saveCredentials')}
            </button>`}
      ${a.configured && a.apiOption
        ? html`<button type="button" part="sync-button" ?disabled=${busy !== ''} @click=${() => v.accounts.sync(mall)}>
            ${v.t(busy === 'sync' ? 'ss.syncing' : 'ss.syncNow')}
          </button>`
        : nothing}
    </div>
    ${renderNote(v.accounts.notes[mall], `${mall}-note`, v.t, v.mallError)}
  </section>`;
}
