/**
 * Delivers what the shop committed locally (replies, completions, reopenings) to the mall.
 *
 * - A row is claimed under a lease (outbox.repository.ts), renewed while the delivery runs; a row
 *   whose lease ran out (its worker died) is claimed again.
 * - Before any resend (a retry, a row found again after a crash, a message that had an earlier row)
 *   the thread is re-read first: if a shop message with the same text, posted after the reply was
 *   written here, is there, the reply was delivered and is marked sent with that mall id.
 * - A reply: its attachments are uploaded first, then the message is posted. Rakuten returns no
 *   reply id, so the thread is re-read to find it.
 * - Network errors, timeouts, 5xx and rate limits are retried with exponential backoff and jitter;
 *   a permanent refusal marks the message failed with the mall's reason (the retry route sends it
 *   again); auth problems also fail the message, so the staff sees it, and the health says why.
 */
import type { Db } from '../../db/database.ts';
import type { InquiryRow, MallAccountRow, OutboxRow } from '../../db/schema.ts';
import type { EventHub } from '../../events/event-hub.ts';
import { markMessageFailed, markMessageSent, undoRefusedCompletionChange } from '../../inquiries/delivery.ts';
import { findInquiry } from '../../inquiries/inquiries.repository.ts';
import { findMessage, hasDeliveredShopMessage, listAttachmentFiles, mallIdsOfOtherMessages } from '../../inquiries/messages.repository.ts';
import type { AccountLock } from '../account-lock.ts';
import { LeaseHeldElsewhere } from '../leases/account-leases.ts';
import { findAccount } from '../accounts/mall-accounts.repository.ts';
import type { ClientRegistry } from '../accounts/client-registry.ts';
import { MallError, type MallClient } from '../mall-client.ts';
import type { MallAttachment } from '../mall-model.ts';
import { findPostedReply, type LocalReply } from '../reply-matching.ts';
import { claimDueRows, handBackClaim, hasEarlierRowForMessage, renewLease, settleRow, type Claim, type Settlement } from './outbox.repository.ts';

export interface OutboxSettings {
  /** how long a claim holds a row before another worker may take it over */
  leaseMs: number;
  /** how often the worker looks for due rows when idle */
  pollMs: number;
  /** first retry delay; doubles per attempt, with ±50% jitter */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** after this many attempts a row that keeps failing is marked failed (retryable from the API) */
  maxAttempts: number;
  /** rows claimed per look (different inquiries; each account still one call at a time) */
  batchSize: number;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  leaseMs: 2 * 60 * 1000,
  pollMs: 1000,
  backoffBaseMs: 2000,
  backoffMaxMs: 10 * 60 * 1000,
  maxAttempts: 25,
  batchSize: 20,
};

export interface OutboxWorkerOptions {
  db: Db;
  hub?: EventHub;
  clients: ClientRegistry;
  /** the account's turn: in this process (AccountLock) and across instances (AccountLeases) */
  lock: Pick<AccountLock, 'run'>;
  /** this instance's lease holder id: rows of accounts another instance holds are left to it */
  holder?: string;
  /** a row settled (logs): its id, shop and new state, never its content */
  onSettled?: (row: OutboxRow, settlement: Settlement) => void;
  settings?: Partial<OutboxSettings>;
  now?: () => Date;
  random?: () => number;
}

class LeaseLost extends Error {}

export class OutboxWorker {
  readonly settings: OutboxSettings;
  readonly #now: () => Date;
  readonly #random: () => number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;
  /** stop() was called: claims not yet started are handed back */
  #stopping = false;
  #wakeRequested = false;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.settings = { ...DEFAULT_OUTBOX_SETTINGS, ...options.settings };
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
  }

  start(): void {
    this.#stopped = false;
    this.#stopping = false;
    this.wake();
  }

  /** Looks for due rows now (e.g. right after a reply was committed). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#wakeRequested = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.#loop().finally(() => {
      this.#running = null;
      if (!this.#stopped) this.#timer = setTimeout(() => this.wake(), this.#wakeRequested ? 0 : this.settings.pollMs);
      this.#wakeRequested = false;
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      await this.#running;
    } finally {
      // a later runOnce (tests drive the worker by hand) delivers again
      this.#stopping = false;
    }
  }

  async #loop(): Promise<void> {
    try {
      while (!this.#stopped && (await this.runOnce()) > 0) {
        /* keep going while rows are due */
      }
    } catch (error) {
      console.error('[goq] outbox worker pass failed:', error);
    }
  }

  /** Claims due rows and delivers them; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claims = await claimDueRows(this.options.db, {
      now: this.#now(),
      leaseMs: this.settings.leaseMs,
      limit: this.settings.batchSize,
      holder: this.options.holder,
    });
    await Promise.all(claims.map((claim) => this.#deliverClaim(claim)));
    return claims.length;
  }

  async #deliverClaim(claim: Claim): Promise<void> {
    const { db } = this.options;
    const inquiry = await findInquiry(db, claim.row.shop_id, claim.row.inquiry_id);
    if (!inquiry) {
      await this.#settle(claim, { state: 'failed', reason: 'the inquiry no longer exists', error: 'inquiry missing' });
      return;
    }
    const account = await this.#accountOf(inquiry);
    if (!account) {
      await this.#settle(claim, this.#retryLater(claim, 'the mall account is not configured', 60_000));
      return;
    }
    // Hold the lease while waiting for the account's turn and while the mall is slow: renew at a
    // third of its length (a renewal fails once another worker has taken the row over).
    const renew = setInterval(() => {
      void renewLease(db, claim, new Date(this.#now().getTime() + this.settings.leaseMs)).catch(() => undefined);
    }, Math.max(50, Math.floor(this.settings.leaseMs / 3)));
    try {
      await this.options.lock.run(account.id, async () => {
        // stopping: what has not started goes back, for this or another instance to deliver
        if (this.#stopping) {
          await handBackClaim(db, claim);
          return;
        }
        try {
          const settlement = await this.#deliver(claim, account, inquiry);
          await this.#settle(claim, settlement);
        } catch (error) {
          if (error instanceof LeaseLost) return;
          const settlement = await this.#onError(claim, error);
          await this.#settle(claim, settlement);
        }
      });
    } catch (error) {
      // another instance holds the account: the row is theirs, untouched
      if (!(error instanceof LeaseHeldElsewhere)) throw error;
      await handBackClaim(db, claim);
    } finally {
      clearInterval(renew);
    }
  }

  async #accountOf(inquiry: InquiryRow): Promise<MallAccountRow | undefined> {
    const account = await findAccount(this.options.db, inquiry.shop_id, inquiry.mall);
    return account?.credentials ? account : undefined;
  }

  async #deliver(claim: Claim, account: MallAccountRow, inquiry: InquiryRow): Promise<Settlement> {
    const row = claim.row;
    const client = this.options.clients.clientFor(account);
    if (row.kind === 'reply') return this.#deliverReply(claim, client, inquiry.mall_inquiry_id);
    return this.#deliverStateChange(claim, client, inquiry.mall_inquiry_id);
  }

  async #deliverReply(claim: Claim, client: MallClient, mallInquiryId: string): Promise<Settlement> {
    const { db, hub } = this.options;
    const row = claim.row;
    const message = row.message_id ? await findMessage(db, row.shop_id, row.message_id) : undefined;
    if (!message) return { state: 'failed', reason: 'the message no longer exists', error: 'message missing' };
    // A sync already recognised it at the mall (or an earlier worker finished it).
    if (message.delivery === 'sent') return { state: 'sent' };

    const reply: LocalReply = { body: message.body, writtenAt: new Date(message.created_at) };
    const resend = claim.token > 1 || (await hasEarlierRowForMessage(db, row));
    if (resend) {
      const delivered = await this.#findDelivered(client, mallInquiryId, row, reply);
      if (delivered) {
        await this.#assertLease(claim);
        await markMessageSent(db, row.shop_id, message.id, delivered, { hub });
        return { state: 'sent' };
      }
    }

    const files = await listAttachmentFiles(db, row.shop_id, message.id);
    const uploaded: MallAttachment[] = [];
    for (const file of files) {
      if (!file.data) return { state: 'failed', reason: `the attachment ${file.name} is no longer stored`, error: 'attachment bytes missing' };
      await this.#assertLease(claim);
      uploaded.push(
        await client.uploadAttachment(mallInquiryId, { name: file.name, contentType: file.content_type, bytes: new Uint8Array(file.data) }),
      );
    }
    // The last moment to notice a lost lease before the one call that must not happen twice.
    await this.#assertLease(claim);
    let posted: { mallMessageId: string | null };
    try {
      posted = await client.postReply(mallInquiryId, message.body, uploaded);
    } catch (error) {
      if (error instanceof MallError && error.kind === 'conflict') {
        // Rakuten 409: the mall holds this reply already
        const delivered = await this.#findDelivered(client, mallInquiryId, row, reply);
        if (delivered) {
          await markMessageSent(db, row.shop_id, message.id, delivered, { hub });
          return { state: 'sent' };
        }
      }
      throw error;
    }
    let mallMessageId = posted.mallMessageId;
    if (!mallMessageId) {
      // Rakuten answers without the reply's id: read it back. The post succeeded, so nothing after
      // this point may lead to a resend.
      try {
        mallMessageId = await this.#findDelivered(client, mallInquiryId, row, reply);
      } catch {
        mallMessageId = null;
      }
      // Delivered, id unknown (null): the next sync recognises the mall's copy by its text and records the id.
    }
    await markMessageSent(db, row.shop_id, message.id, mallMessageId, { hub });
    return { state: 'sent' };
  }

  async #findDelivered(client: MallClient, mallInquiryId: string, row: OutboxRow, reply: LocalReply): Promise<string | null> {
    const thread = await client.get(mallInquiryId);
    if (!thread) return null;
    // a re-read must not take another local message's mall copy for this reply
    const others = await mallIdsOfOtherMessages(this.options.db, row.shop_id, row.inquiry_id, row.message_id);
    return findPostedReply(thread, reply, others)?.mallMessageId ?? null;
  }

  async #deliverStateChange(claim: Claim, client: MallClient, mallInquiryId: string): Promise<Settlement> {
    const row = claim.row;
    const wantCompleted = row.kind === 'complete';
    if (wantCompleted && row.message_id) {
      // 送信して完了: only after its reply was delivered; a reply that failed completes nothing
      const reply = await findMessage(this.options.db, row.shop_id, row.message_id);
      if (reply?.delivery !== 'sent') return { state: 'failed', reason: 'the reply was not delivered', error: 'reply not delivered' };
    }
    const alreadyThere = async () => (await client.get(mallInquiryId))?.completed === wantCompleted;
    // complete and reopen are idempotent at the mall, but a re-read first spares a refused second call
    if (claim.token > 1 && (await alreadyThere())) return { state: 'sent' };
    await this.#assertLease(claim);
    try {
      if (wantCompleted) await client.complete(mallInquiryId, { shopHasReplied: await this.#shopHasReplied(row) });
      else await client.reopen(mallInquiryId);
    } catch (error) {
      // "already set value as specified": the mall is where we want it
      if (error instanceof MallError && error.kind === 'rejected' && (await alreadyThere().catch(() => false))) return { state: 'sent' };
      throw error;
    }
    return { state: 'sent' };
  }

  /** Whether a shop message of this inquiry has reached the mall (some malls complete differently without one). */
  #shopHasReplied(row: OutboxRow): Promise<boolean> {
    return hasDeliveredShopMessage(this.options.db, row.shop_id, row.inquiry_id);
  }

  async #assertLease(claim: Claim): Promise<void> {
    const ok = await renewLease(this.options.db, claim, new Date(this.#now().getTime() + this.settings.leaseMs));
    if (!ok) throw new LeaseLost();
  }

  async #onError(claim: Claim, error: unknown): Promise<Settlement> {
    const { db, hub } = this.options;
    const row = claim.row;
    const reason = describe(error);
    // anything that is not the mall's answer (a database hiccup) is worth another try as well
    const temporary = error instanceof MallError ? error.retryable : true;
    if (temporary && claim.token < this.settings.maxAttempts) {
      const hinted = error instanceof MallError ? error.details.retryAfterMs : undefined;
      return this.#retryLater(claim, reason, hinted);
    }
    if (!(error instanceof MallError)) console.error('[goq] outbox delivery failed:', error);
    if (row.kind === 'reply' && row.message_id) {
      const message = await findMessage(db, row.shop_id, row.message_id);
      if (message && message.delivery !== 'sent') await markMessageFailed(db, row.shop_id, row.message_id, reason, { hub });
    }
    if (row.kind === 'complete' || row.kind === 'reopen') {
      await undoRefusedCompletionChange({ db, hub, shopId: row.shop_id }, row.inquiry_id, { kind: row.kind, outboxId: row.id });
    }
    return { state: 'failed', reason, error: reason };
  }

  #retryLater(claim: Claim, error: string, hintMs?: number): Settlement {
    const attempt = Math.max(1, claim.token);
    const exponential = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** (attempt - 1));
    const jittered = exponential * (0.5 + this.#random());
    const delay = Math.max(jittered, hintMs ?? 0);
    return { state: 'pending', retryAt: new Date(this.#now().getTime() + delay), error };
  }

  async #settle(claim: Claim, settlement: Settlement): Promise<void> {
    if (await settleRow(this.options.db, claim, settlement)) this.options.onSettled?.(claim.row, settlement);
  }
}

/** The mall's reason as the staff reads it: the mall's own words and code, never a credential. */
function describe(error: unknown): string {
  if (error instanceof MallError) {
    const code = error.details.mallCode ? ` [${error.details.mallCode}]` : '';
    const status = error.details.status ? ` (HTTP ${error.details.status})` : '';
    return `${error.message}${code}${status}`.replace(/\s+/g, ' ').slice(0, 500);
  }
  return 'unexpected error while sending to the mall';
}
