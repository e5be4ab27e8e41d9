/**
 * The simulator's control API: its in-process shape (`RakutenSimControl`, built by simulator.ts) and the
 * same operations as JSON over HTTP under /_sim/ for a developer or the demo. Dates are ISO strings.
 */
import { Hono } from 'hono';
import { RMS_INQUIRY_FUNCTIONS, type RmsAttachment, type RmsFunctionName, type RmsInquiry, type RmsReply } from '../../server/malls/rakuten/wire.ts';
import type { SimBehaviour } from './api.ts';
import type { RakutenFaults, RateLimit } from './faults.ts';
import type { CallRecord } from './gateway.ts';
import type { NotificationDelivery, UserActionType } from './notifier.ts';
import type { InquiryInput, SimClock, SimNotificationTarget, StoreInput } from './state.ts';

export interface CustomerMessageInput {
  message: string;
  at?: Date;
  attachments?: RmsAttachment[];
  /** send a 問い合わせユーザアクション通知 when the store has approved it and set a URL (default true) */
  notify?: boolean;
}

export interface StoreSummary {
  shopId: number;
  shopUrl: string;
  contractId: string;
  functions: RmsFunctionName[];
  userActionNotificationApproved: boolean;
  notification: SimNotificationTarget;
  orders: string[];
  inquiryCount: number;
  fileCount: number;
  licenseKeys: { licenseKey: string; expiresAt: string }[];
}

export interface RakutenSimControl {
  readonly clock: SimClock;
  /** moves the simulated time so that now() answers `date` */
  setTime(date: Date): void;
  advanceTime(ms: number): void;
  addStore(input: StoreInput): StoreSummary;
  addKey(shopId: number, key: { serviceSecret: string; licenseKey: string; expiresAt?: Date }): void;
  setLicenceExpiry(licenseKey: string, expiresAt: Date): void;
  /** switches one RMS function of the store's 利用設定 on or off */
  setFunctionEnabled(shopId: number, fn: RmsFunctionName, enabled: boolean): void;
  setUserActionNotificationApproved(shopId: number, approved: boolean): void;
  setNotificationTarget(shopId: number, target: Partial<SimNotificationTarget>): void;
  addInquiry(shopId: number, input: InquiryInput): RmsInquiry;
  /** a customer follow-up on an existing inquiry */
  addCustomerMessage(inquiryNumber: string, input: CustomerMessageInput): RmsReply;
  /** marks a message as deleted by Rakuten ("first" or a reply id) */
  deleteMessage(inquiryNumber: string, messageId: 'first' | number): void;
  addFile(shopId: number, file: { label: string; contentType: string; bytes: Uint8Array; at?: Date }): RmsAttachment;
  inquiry(inquiryNumber: string): RmsInquiry | null;
  /** every inquiry of a store, regardless of the visibility rule, newest first */
  inquiries(shopId: number): RmsInquiry[];
  store(shopId: number): StoreSummary;
  stores(): StoreSummary[];
  calls(filter?: { shopId?: number; fn?: RmsFunctionName }): CallRecord[];
  clearCalls(): void;
  setFaults(faults: RakutenFaults): void;
  clearFaults(): void;
  readonly faults: RakutenFaults;
  setRateLimit(limit: RateLimit | null): void;
  setBehaviour(behaviour: Partial<SimBehaviour>): void;
  readonly behaviour: SimBehaviour;
  /** a realistic new customer inquiry (notified like a follow-up) */
  generateInquiry(shopId: number, options?: { at?: Date; notify?: boolean }): RmsInquiry;
  /** a realistic customer follow-up on an open inquiry; null when none is open */
  generateFollowUp(shopId: number, options?: { at?: Date; notify?: boolean }): { inquiryNumber: string; reply: RmsReply } | null;
  /** keeps generating every intervalMs; followUpShare of the ticks are follow-ups */
  startGenerator(options: { intervalMs: number; shopIds?: number[]; followUpShare?: number }): void;
  stopGenerator(): void;
  /** POSTs a 問い合わせユーザアクション通知 now and reports the receiver's answer */
  sendUserActionNotification(
    shopId: number,
    action: { inquiryNumber: string; actionType: UserActionType; actionDate?: Date },
    url?: string,
  ): Promise<NotificationDelivery>;
  notifications(shopId?: number): NotificationDelivery[];
  /** waits for notifications sent in the background */
  settle(): Promise<void>;
  /** stops the generator and waits for notifications in flight */
  close(): Promise<void>;
}

function date(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${String(value)}`);
  return d;
}

/** The control API as JSON over HTTP (/_sim/…), for a developer or the demo. Dates are ISO strings. */
export function controlRoutes(control: RakutenSimControl): Hono {
  const sim = new Hono();
  sim.onError((error, c) => c.json({ error: error.message }, 400));
  const body = async (c: { req: { text(): Promise<string> } }) => {
    const text = await c.req.text();
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const shopIdOf = (c: { req: { param(name: string): string | undefined } }) => Number(c.req.param('shopId'));

  sim.get('/stores', (c) => c.json(control.stores()));
  sim.post('/stores', async (c) => {
    const b = await body(c);
    const expires = date(b.licenseExpiresAt);
    return c.json(control.addStore({ ...(b as unknown as StoreInput), ...(expires ? { licenseExpiresAt: expires } : {}) }), 201);
  });
  sim.get('/stores/:shopId', (c) => c.json(control.store(shopIdOf(c))));
  sim.patch('/stores/:shopId', async (c) => {
    const shopId = shopIdOf(c);
    const b = await body(c);
    if (typeof b.userActionNotificationApproved === 'boolean') control.setUserActionNotificationApproved(shopId, b.userActionNotificationApproved);
    if (b.notification && typeof b.notification === 'object') control.setNotificationTarget(shopId, b.notification as Partial<SimNotificationTarget>);
    if (b.functions && typeof b.functions === 'object') {
      for (const [fn, enabled] of Object.entries(b.functions as Record<string, boolean>)) {
        if (!(RMS_INQUIRY_FUNCTIONS as readonly string[]).includes(fn)) throw new Error(`unknown function ${fn}`);
        control.setFunctionEnabled(shopId, fn as RmsFunctionName, enabled === true);
      }
    }
    return c.json(control.store(shopId));
  });
  sim.put('/keys/:licenseKey/expiry', async (c) => {
    const at = date((await body(c)).expiresAt);
    if (!at) throw new Error('expiresAt is required');
    control.setLicenceExpiry(c.req.param('licenseKey'), at);
    return c.body(null, 204);
  });
  sim.get('/stores/:shopId/inquiries', (c) => c.json(control.inquiries(shopIdOf(c))));
  sim.post('/stores/:shopId/inquiries', async (c) => {
    const b = await body(c);
    const input = { ...(b as unknown as InquiryInput) };
    const regDate = date(b.regDate);
    if (regDate) input.regDate = regDate;
    return c.json(control.addInquiry(shopIdOf(c), input), 201);
  });
  sim.post('/stores/:shopId/generate', async (c) => {
    const b = await body(c);
    const shopId = shopIdOf(c);
    if (b.kind === 'followUp') return c.json(control.generateFollowUp(shopId), 201);
    return c.json(control.generateInquiry(shopId), 201);
  });
  sim.get('/inquiries/:inquiryNumber', (c) => {
    const inquiry = control.inquiry(c.req.param('inquiryNumber'));
    return inquiry ? c.json(inquiry) : c.json({ error: 'not found' }, 404);
  });
  sim.post('/inquiries/:inquiryNumber/messages', async (c) => {
    const b = await body(c);
    const at = date(b.at);
    return c.json(
      control.addCustomerMessage(c.req.param('inquiryNumber'), {
        message: String(b.message ?? ''),
        ...(at ? { at } : {}),
        ...(typeof b.notify === 'boolean' ? { notify: b.notify } : {}),
      }),
      201,
    );
  });
  sim.get('/calls', (c) => {
    const shopId = c.req.query('shopId');
    return c.json(control.calls(shopId ? { shopId: Number(shopId) } : {}));
  });
  sim.delete('/calls', (c) => {
    control.clearCalls();
    return c.body(null, 204);
  });
  sim.get('/faults', (c) => c.json(control.faults));
  sim.put('/faults', async (c) => {
    control.setFaults((await body(c)) as RakutenFaults);
    return c.json(control.faults);
  });
  sim.delete('/faults', (c) => {
    control.clearFaults();
    return c.body(null, 204);
  });
  sim.put('/rate-limit', async (c) => {
    const b = await body(c);
    control.setRateLimit(b.requestsPerSecond ? (b as unknown as RateLimit) : null);
    return c.body(null, 204);
  });
  sim.get('/clock', (c) => c.json({ now: control.clock.now().toISOString() }));
  sim.put('/clock', async (c) => {
    const b = await body(c);
    const at = date(b.now);
    if (at) control.setTime(at);
    if (typeof b.advanceMs === 'number') control.advanceTime(b.advanceMs);
    return c.json({ now: control.clock.now().toISOString() });
  });
  sim.post('/stores/:shopId/notifications', async (c) => {
    const b = await body(c);
    const actionDate = date(b.actionDate);
    const delivery = await control.sendUserActionNotification(
      shopIdOf(c),
      { inquiryNumber: String(b.inquiryNumber ?? ''), actionType: String(b.actionType ?? 'userReply'), ...(actionDate ? { actionDate } : {}) },
      typeof b.url === 'string' ? b.url : undefined,
    );
    return c.json(delivery, 201);
  });
  sim.get('/notifications', (c) => c.json(control.notifications()));
  return sim;
}
