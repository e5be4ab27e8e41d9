import { LitElement, type PropertyDeclarations } from 'lit';
import { ApiClient, ApiError } from './api-client.ts';
import { CONFIG_CHANGE_EVENT, findConfig, resolveConfig, type ResolvedConfig } from './config.ts';
import { englishPending, interpolate, lazyCatalogue, type Catalogue, type Lang } from './i18n/catalogue.ts';
import { messagesJa } from './i18n/messages.ja.ts';
import { loadProblemCatalogue, mallErrorText, problemCatalogueLoaded, problemText } from './i18n/problem-catalogue.ts';

const coreCatalogue = lazyCatalogue(messagesJa, () => import('./i18n/messages.en.ts').then((m) => m.messagesEn));

/**
 * Base class of every GoQ element: where to reach the API (own attributes, else the enclosing
 * <goq-inquiry-config>, else the script's origin), and the message catalogue. Events go out
 * through emit() in events.ts.
 *
 * The theme (widget/core/styles.ts), the same for every element; set on any ancestor:
 * @cssproperty --goq-color-text - text colour
 * @cssproperty --goq-color-muted - secondary text
 * @cssproperty --goq-color-bg - background
 * @cssproperty --goq-color-surface - raised surfaces (table heads, notices)
 * @cssproperty --goq-color-border - borders
 * @cssproperty --goq-color-accent - buttons and links
 * @cssproperty --goq-color-accent-text - text on the accent colour
 * @cssproperty --goq-color-danger - errors, the 返信が必要 count
 * @cssproperty --goq-color-success - 対応完了
 * @cssproperty --goq-color-warning-bg - warnings' background
 * @cssproperty --goq-color-rakuten - the Rakuten mall label
 * @cssproperty --goq-color-yahoo - the Yahoo! mall label
 * @cssproperty --goq-color-focus - the focus ring
 * @cssproperty --goq-radius - corner radius (default 6px)
 * @cssproperty --goq-space - base spacing (default 8px)
 * @cssproperty --goq-font-family - font stack
 * @cssproperty --goq-font-size - base font size (default 14px)
 */
export class GoqElement extends LitElement {
  /** The element's own wording; looked up before the core catalogue. Subclasses replace it. */
  static messages: Catalogue = { ja: {}, en: {} };

  // Declared without decorators: the order-detail page then loads no decorator code at all.
  static override properties: PropertyDeclarations = { apiBase: { attribute: 'api-base' }, token: {}, lang: {} };

  /** API origin (the server's base URL, without /api/v1). */
  apiBase = '';
  /** Bearer token (a JWT signed by the host app). */
  token = '';
  /** `ja` (default) or `en`. */
  override lang = '';

  #configElement: Element | null = null;
  #client: ApiClient | null = null;
  readonly #onConfigChange = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configElement = findConfig(this);
    this.#configElement?.addEventListener(CONFIG_CHANGE_EVENT, this.#onConfigChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#configElement?.removeEventListener(CONFIG_CHANGE_EVENT, this.#onConfigChange);
    this.#configElement = null;
  }

  /** The values in effect after looking at the attributes, the config element and the defaults. */
  protected get config(): ResolvedConfig {
    return resolveConfig({ apiBase: this.apiBase, token: this.token, lang: this.lang }, this.#configElement);
  }

  protected get currentLang(): Lang {
    return this.config.lang;
  }

  protected get api(): ApiClient {
    const { apiBase, token } = this.config;
    if (!this.#client || this.#client.apiBase !== apiBase.replace(/\/+$/, '') || this.#client.token !== token) {
      this.#client = new ApiClient(apiBase, token);
    }
    return this.#client;
  }

  /** In English, the first render (and any after a switch to English) waits for the English wording. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.currentLang === 'en' ? englishPending(coreCatalogue, (this.constructor as typeof GoqElement).messages) : null;
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The message for `key` in the current language: the element's catalogue, then the core one, then Japanese. */
  protected t(key: string, params?: Record<string, string | number>): string {
    const lang = this.currentLang;
    if (key.startsWith('problem.')) {
      const text = problemText(lang, key.slice('problem.'.length));
      if (text) return interpolate(text, params);
      // Not fetched yet (errors fetch it first; this is a lookup without one): render again once it is.
      if (!problemCatalogueLoaded()) void loadProblemCatalogue().then(() => this.requestUpdate(), () => undefined);
    }
    const own = (this.constructor as typeof GoqElement).messages;
    const message = own[lang][key] ?? coreCatalogue[lang][key] ?? own.ja[key] ?? coreCatalogue.ja[key] ?? key;
    return interpolate(message, params);
  }

  /**
   * A mall's raw error (a failed send's reason, an account's last error) as a sentence of what happened and
   * what to do; the raw text when the error is not a known one (it is fetched with the problem sentences).
   */
  protected mallError(mall: string, raw: string): string {
    const text = mallErrorText(this.currentLang, mall, raw);
    if (!text && !problemCatalogueLoaded()) void loadProblemCatalogue().then(() => this.requestUpdate(), () => undefined);
    return text ?? raw;
  }

  /** A sentence for an error: the problem code's catalogue entry, else the server's detail. */
  protected problemMessage(error: unknown): string {
    if (error instanceof ApiError) {
      const key = `problem.${error.problem.code}`;
      const text = this.t(key);
      if (text !== key) return text;
      return error.problem.detail || error.problem.title || this.t('error.generic');
    }
    return this.t('error.generic');
  }
}
