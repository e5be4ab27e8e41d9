/**
 * <goq-mall-health-banner>: what the shop must do when a mall account needs attention (GET /malls).
 * A Rakuten account the API refuses gets the five RMS setup steps of the manual and the other
 * causes (wrong keys, a licence key past its 90 days); a shop without the API option gets a notice,
 * not an error. Accounts that are fine, or not set up, show nothing.
 *
 * @csspart banner - one account's notice
 */
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { MallAccountView, MallHealth } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import { GoqElement } from '../core/goq-element.ts';
import { themeStyles } from '../core/styles.ts';
import { inboxMessages } from './inbox.messages.ts';

const ATTENTION: readonly MallHealth[] = ['auth_failed', 'api_not_enabled', 'licence_expiring', 'token_expiring', 'error'];

/** Accounts the banner speaks about. */
export function accountsNeedingAttention(accounts: readonly MallAccountView[]): MallAccountView[] {
  return accounts.filter((a) => !a.apiOption || ATTENTION.includes(a.health));
}

export class GoqMallHealthBanner extends GoqElement {
  static override messages = inboxMessages;

  static override styles = [
    themeStyles,
    css`
      :host {
        background: transparent;
      }
      section {
        border: 1px solid var(--_border);
        border-left: 4px solid var(--_danger);
        border-radius: var(--_radius);
        background: var(--_warning-bg);
        padding: var(--_space) calc(var(--_space) * 1.5);
        margin-bottom: var(--_space);
      }
      section.notice {
        border-left-color: var(--_accent);
        background: var(--_surface);
      }
      p,
      ol,
      ul {
        margin: 4px 0;
      }
      h3 {
        font-size: 1em;
        margin: 8px 0 0;
      }
    `,
  ];

  /** The shop's mall accounts. */
  @property({ attribute: false }) accounts: MallAccountView[] = [];

  private headline(account: MallAccountView): string {
    const date = account.credentialExpiresAt;
    return this.t(`health.${account.health}`, {
      mall: this.t(`mall.${account.mall}`),
      until: date ? this.t('health.until', { date: formatDateTime(date, this.currentLang) }) : '',
    });
  }

  private renderRakutenSetup() {
    return html`<p>${this.t('health.rakutenIntro')}</p>
      <h3>${this.t('health.rakutenHow')}</h3>
      <ol class="steps">
        ${[1, 2, 3, 4, 5].map((n) => html`<li>${this.t(`health.rakutenStep${n}`)}</li>`)}
      </ol>
      <h3>${this.t('health.otherCauses')}</h3>
      <ul class="causes">
        <li>${this.t('health.causeKeys')}</li>
        <li>${this.t('health.causeLicence')}</li>
      </ul>`;
  }

  private renderAccount(account: MallAccountView) {
    const mall = this.t(`mall.${account.mall}`);
    if (!account.apiOption) {
      return html`<section class="notice" part="banner" data-mall=${account.mall} aria-label=${mall}>
        <p>${this.t('health.noApiOption', { mall })}</p>
      </section>`;
    }
    const setup = account.mall === 'rakuten' && (account.health === 'api_not_enabled' || account.health === 'auth_failed');
    return html`<section class="attention" part="banner" data-mall=${account.mall} data-health=${account.health} aria-label=${mall}>
      <p><strong>${this.headline(account)}</strong></p>
      ${account.lastError ? html`<p class="muted">${this.t('health.lastError', { message: account.lastError.message })}</p>` : nothing}
      ${setup ? this.renderRakutenSetup() : nothing}
    </section>`;
  }

  override render() {
    const accounts = accountsNeedingAttention(this.accounts);
    if (accounts.length === 0) return nothing;
    return html`${accounts.map((a) => this.renderAccount(a))}`;
  }
}
