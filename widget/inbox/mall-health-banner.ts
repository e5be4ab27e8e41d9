/**
 * The inbox's mall-health banner: what the shop must do when a mall account needs attention (GET /malls).
 * A Rakuten account the API refuses gets the five RMS setup steps of the manual and the other
 * causes (wrong keys, a licence key past its 90 days); any other error is said in the shop's words
 * (the mall's raw text only under a collapsed 詳細); a shop without the API option gets a notice, not
 * an error. Accounts that are fine, or not set up, show nothing.
 *
 * A render function inside the inbox's shadow root. @csspart banner - one account's notice
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { MallAccountView, MallHealth } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import type { Lang } from '../core/i18n/catalogue.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

const ATTENTION: readonly MallHealth[] = ['auth_failed', 'api_not_enabled', 'licence_expiring', 'token_expiring', 'error'];

/** Accounts the banner speaks about. */
export function accountsNeedingAttention(accounts: readonly MallAccountView[]): MallAccountView[] {
  return accounts.filter((a) => !a.apiOption || ATTENTION.includes(a.health));
}

export const healthStyles = css`
  .banner {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_warning-bg);
    padding: var(--_space) 12px;
    margin-bottom: var(--_space);
  }
  .banner.notice {
    border-left-color: var(--_accent);
    background: var(--_surface);
  }
  .banner > * {
    margin: 4px 0;
  }
`;

function renderRakutenSetup(t: Translate): TemplateResult {
  return html`<p>${t('health.rakutenIntro')}</p>
    <h3>${t('health.rakutenHow')}</h3>
    <ol class="steps">
      ${[1, 2, 3, 4, 5].map((n) => html`<li>${t(`health.rakutenStep${n}`)}</li>`)}
    </ol>
    <h3>${t('health.otherCauses')}</h3>
    <ul class="causes">
      <li>${t('health.causeKeys')}</li>
      <li>${t('health.causeLicence')}</li>
    </ul>`;
}

/** A mall's raw error in the shop's words (GoqElement.mallError); the raw text when unknown. */
export type MallErrorText = (mall: string, raw: string) => string;

function renderAccount(a: MallAccountView, t: Translate, lang: Lang, mallError: MallErrorText): TemplateResult {
  const mall = t(`mall.${a.mall}`);
  if (!a.apiOption) {
    return html`<section class="banner notice" part="banner" aria-label=${mall}><p>${t('health.noApiOption', { mall })}</p></section>`;
  }
  const until = a.credentialExpiresAt ? t('health.until', { date: formatDateTime(a.credentialExpiresAt, lang) }) : '';
  const setup = a.mall === 'rakuten' && (a.health === 'api_not_enabled' || a.health === 'auth_failed');
  return html`<section class="banner" part="banner" aria-label=${mall}>
    <p><strong>${t(`health.${a.health}`, { mall, until })}</strong></p>
    ${a.lastError && !setup ? html`<p>${mallError(a.mall, `${a.lastError.code}: ${a.lastError.message}`)}</p>` : nothing}
    ${setup ? renderRakutenSetup(t) : nothing}
    ${a.lastError
      ? html`<details class="muted"><summary>${t('health.details')}</summary><code>${a.lastError.code}: ${a.lastError.message}</code></details>`
      : nothing}
  </section>`;
}

export function renderMallHealth(
  accounts: readonly MallAccountView[],
  t: Translate,
  lang: Lang,
  mallError: MallErrorText = (_mall, raw) => raw,
): TemplateResult {
  return html`${accountsNeedingAttention(accounts).map((a) => renderAccount(a, t, lang, mallError))}`;
}
