/**
 * One MallClient per mall account, shared by the sync engine and the outbox worker of a process, so
 * that every call to one account goes through the same RequestGate (serialised and throttled).
 * A client is rebuilt when the account's sealed credentials change; the gate stays.
 */
import { createHash } from 'node:crypto';
import type { Mall } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import type { MallAccountRow } from '../../db/schema.ts';
import { openCredentials, sealCredentials } from '../credentials-crypto.ts';
import type { MallClient } from '../mall-client.ts';
import { RequestGate } from '../request-gate.ts';
import type { StoredCredentials } from './mall-credentials.ts';
import { replaceCredentials, setHealthNote, type HealthNote } from './mall-accounts.repository.ts';

export interface ClientBuildInput {
  mall: Mall;
  credentials: StoredCredentials;
  gate: RequestGate;
  /** a Yahoo! token refresh may hand out a new refresh token: it is sealed and stored */
  saveCredentials(next: StoredCredentials): Promise<void>;
  /** sets (or, with null, clears) a note the account's health shows, e.g. a fallback in use */
  setHealthNote(key: string, note: HealthNote | null): Promise<void>;
}

export type MallClientFactory = (input: ClientBuildInput) => MallClient;

export interface ClientRegistryOptions {
  db: Db;
  secretKey: Buffer;
  factory: MallClientFactory;
  /** per account; 1000 by default (about one call per second), 0 in tests */
  minIntervalMs: number;
  /** checked before every call of the account (throws when this instance no longer holds its lease) */
  guard?: (accountId: string) => void;
  /** every call made to a mall, with its error or null (metrics) */
  observe?: (mall: Mall | null, error: unknown) => void;
}

interface Entry {
  fingerprint: string;
  client: MallClient;
}

function fingerprintOf(sealed: Uint8Array): string {
  return createHash('sha256').update(sealed).digest('hex');
}

export class ClientRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #gates = new Map<string, RequestGate>();
  readonly #malls = new Map<string, Mall>();

  constructor(private readonly options: ClientRegistryOptions) {}

  /** The account's client; throws when the account has no credentials. */
  clientFor(account: Pick<MallAccountRow, 'id' | 'shop_id' | 'mall' | 'credentials'>): MallClient {
    if (!account.credentials) throw new Error(`mall account ${account.id} has no credentials`);
    this.#malls.set(account.id, account.mall);
    const fingerprint = fingerprintOf(account.credentials);
    const cached = this.#entries.get(account.id);
    if (cached && cached.fingerprint === fingerprint) return cached.client;
    const entry: Entry = { fingerprint, client: undefined as unknown as MallClient };
    entry.client = this.options.factory({
      mall: account.mall,
      credentials: openCredentials<StoredCredentials>(this.options.secretKey, account.credentials),
      gate: this.gateFor(account.id),
      saveCredentials: async (next) => {
        const sealed = sealCredentials(this.options.secretKey, next);
        await replaceCredentials(this.options.db, account.shop_id, account.id, sealed);
        // the client that refreshed is the current one: keep it for the new blob
        entry.fingerprint = fingerprintOf(sealed);
      },
      setHealthNote: (key, note) => setHealthNote(this.options.db, account.shop_id, account.id, key, note),
    });
    this.#entries.set(account.id, entry);
    return entry.client;
  }

  gateFor(accountId: string): RequestGate {
    let gate = this.#gates.get(accountId);
    if (!gate) this.#gates.set(accountId, (gate = new RequestGate({
          minIntervalMs: this.options.minIntervalMs,
          guard: this.options.guard && (() => this.options.guard!(accountId)),
          observe: this.options.observe && ((error) => this.options.observe!(this.#malls.get(accountId) ?? null, error)),
        })));
    return gate;
  }

  forget(accountId: string): void {
    this.#entries.delete(accountId);
  }
}
