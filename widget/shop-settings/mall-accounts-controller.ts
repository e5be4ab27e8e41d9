/**
 * The settings screen's mall accounts: each account as the server reports it, the credentials typed
 * (write-only: forgotten once saved), and [接続テスト], saving and [今すぐ同期] with their result lines.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Mall, MallAccountList, MallAccountView, MallConnectionTest } from '../../shared/api.ts';
import { ApiError, type ApiClient } from '../core/api-client.ts';
import { emit } from '../core/events.ts';
import { formatDateTime } from '../core/format.ts';
import type { Lang, Translate } from '../core/i18n/catalogue.ts';
import type { Note } from './settings-note.ts';

export interface CredentialField {
  name: string;
  secret: boolean;
  required: boolean;
  multiline?: boolean;
}

export const CREDENTIAL_FIELDS: Record<Mall, CredentialField[]> = {
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

export interface MallAccountsOptions {
  api: () => ApiClient;
  t: Translate;
  lang: () => Lang;
  canEdit: () => boolean;
  /** a refusal's sentence (and `goq-error`; a 403 forbidden_role makes the screen read-only) */
  refused: (error: unknown) => string;
}

export class MallAccountsController {
  accounts: MallAccountView[] = [];
  credentials: Record<Mall, Record<string, string>> = { rakuten: {}, yahoo: {} };
  credentialErrors: Record<Mall, Record<string, string>> = { rakuten: {}, yahoo: {} };
  notes: Record<Mall, Note> = { rakuten: null, yahoo: null };
  busy: Record<Mall, '' | 'test' | 'save' | 'sync'> = { rakuten: '', yahoo: '' };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: MallAccountsOptions,
  ) {}

  /** The accounts as loaded with the screen. */
  set(accounts: MallAccountView[]): void {
    this.accounts = accounts;
    this.host.requestUpdate();
  }

  account(mall: Mall): MallAccountView | undefined {
    return this.accounts.find((a) => a.mall === mall);
  }

  typed(mall: Mall): boolean {
    return Object.values(this.credentials[mall]).some((v) => v.trim() !== '');
  }

  setCredential(mall: Mall, name: string, value: string): void {
    this.credentials = { ...this.credentials, [mall]: { ...this.credentials[mall], [name]: value } };
    this.host.requestUpdate();
  }

  #replaceAccount(account: MallAccountView): void {
    this.accounts = this.accounts.some((a) => a.mall === account.mall)
      ? this.accounts.map((a) => (a.mall === account.mall ? account : a))
      : [...this.accounts, account];
    this.host.requestUpdate();
  }

  #note(mall: Mall, note: Note): void {
    this.notes = { ...this.notes, [mall]: note };
    this.host.requestUpdate();
  }

  #busy(mall: Mall, busy: '' | 'test' | 'save' | 'sync'): void {
    this.busy = { ...this.busy, [mall]: busy };
    this.host.requestUpdate();
  }

  /** The typed credentials when every required one is there; otherwise marks what is missing. */
  #credentialInput(mall: Mall): Record<string, string> | null {
    const { t } = this.options;
    const values = this.credentials[mall];
    const errors: Record<string, string> = {};
    const out: Record<string, string> = {};
    for (const field of CREDENTIAL_FIELDS[mall]) {
      const value = (values[field.name] ?? '').trim();
      if (value) out[field.name] = value;
      else if (field.required) errors[field.name] = t('ss.err.required', { field: t(`ss.cred.${field.name}`) });
    }
    this.credentialErrors = { ...this.credentialErrors, [mall]: errors };
    this.host.requestUpdate();
    return Object.keys(errors).length === 0 ? out : null;
  }

  async test(mall: Mall): Promise<void> {
    const { t } = this.options;
    if (this.busy[mall]) return;
    let body: { credentials?: Record<string, string> } = {};
    if (this.typed(mall) || !this.account(mall)?.configured) {
      const credentials = this.#credentialInput(mall);
      if (!credentials) return;
      body = { credentials };
    }
    this.#busy(mall, 'test');
    this.#note(mall, null);
    try {
      const result = await this.options.api().send<MallConnectionTest>('POST', `/malls/${mall}/test`, body);
      if (result.ok) {
        const text = result.credentialExpiresAt
          ? t('ss.testOkExpiry', { date: formatDateTime(result.credentialExpiresAt, this.options.lang()) })
          : t('ss.testOk');
        this.#note(mall, { kind: 'ok', text });
      } else {
        const raw = result.error ? `${result.error.code}: ${result.error.message}` : result.health;
        this.#note(mall, { kind: 'error', text: t('ss.testFailed'), raw, mall });
      }
    } catch (error) {
      this.#note(mall, { kind: 'error', text: `${t('ss.testFailed')} ${this.options.refused(error)}` });
    } finally {
      this.#busy(mall, '');
    }
  }

  async save(mall: Mall, change: { apiOption?: boolean } = {}): Promise<void> {
    const { t } = this.options;
    if (this.busy[mall] || !this.options.canEdit()) return;
    const body: { credentials?: Record<string, string>; apiOption?: boolean } = { ...change };
    if (change.apiOption === undefined || this.typed(mall)) {
      const credentials = this.#credentialInput(mall);
      if (!credentials) return;
      body.credentials = credentials;
    }
    this.#busy(mall, 'save');
    this.#note(mall, null);
    try {
      const account = await this.options.api().send<MallAccountView>('PUT', `/malls/${mall}`, body);
      this.#replaceAccount(account);
      if (body.credentials) {
        // write-only: what was typed is forgotten once the server has it
        this.credentials = { ...this.credentials, [mall]: {} };
        this.#note(mall, { kind: 'ok', text: t('ss.credentialsSaved') });
      }
      emit(this.host, 'goq-mall-account-saved', { account });
    } catch (error) {
      this.#note(mall, { kind: 'error', text: `${t('ss.saveFailed')} ${this.options.refused(error)}` });
    } finally {
      this.#busy(mall, '');
    }
  }

  async sync(mall: Mall): Promise<void> {
    const { t } = this.options;
    if (this.busy[mall]) return;
    this.#busy(mall, 'sync');
    this.#note(mall, null);
    const api = this.options.api();
    try {
      const answer = await api.send<{ account: MallAccountView; run: { seen: number; created: number; newMessages: number } | null }>(
        'POST',
        `/malls/${mall}/sync`,
      );
      this.#replaceAccount(answer.account);
      this.#note(mall, { kind: 'ok', text: answer.run ? t('ss.synced', { ...answer.run }) : t('ss.syncQueued') });
    } catch (error) {
      // a 502 carries the mall's own error
      if (error instanceof ApiError && error.status === 502) {
        emit(this.host, 'goq-error', { problem: error.problem });
        this.#note(mall, { kind: 'error', text: t('ss.syncFailed'), raw: `${error.code}: ${error.problem.detail}`, mall });
      } else {
        this.#note(mall, { kind: 'error', text: `${t('ss.syncFailed')} ${this.options.refused(error)}` });
      }
      void api.get<MallAccountList>('/malls').then((m) => this.set(m.items), () => undefined);
    } finally {
      this.#busy(mall, '');
    }
  }
}
