/**
 * createRakutenSimulator: the RMS InquiryManagementAPI as a Hono app (real paths under /es/1.0/…)
 * plus `control`, an in-process API to set up stores, add inquiries and customer messages, inject
 * faults, move time, send notifications and read back what arrived. The same control API is served
 * as JSON under /_sim/ for a developer and the demo.
 */
import { Hono } from 'hono';
import type { RmsAttachment, RmsFunctionName, RmsInquiry, RmsReply } from '../wire-types.ts';
import { RMS_INQUIRY_FUNCTIONS } from '../wire-types.ts';
import { createRakutenApi, DEFAULT_SIM_BEHAVIOUR, INQUIRY_API_PREFIX, LICENSE_API_PREFIX, type CallRecord, type SimBehaviour } from './api.ts';
import { mulberry32 } from '../../simulator-support/random.ts';
import { FaultInjector, RateLimiter, type RakutenFaults, type RateLimit } from './faults.ts';
import { followUpText, generateInquiryInput, pickFollowUpTarget } from './generator.ts';
import { Notifier, type NotificationDelivery, type UserActionType } from './notifier.ts';
import {
  SimState,
  toWireInquiry,
  toWireReply,
  type InquiryInput,
  type SimClock,
  type SimNotificationTarget,
  type StoreInput,
} from './state.ts';

export type SimFetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RakutenSimulatorOptions {
  /** the time the simulator lives in; default the real clock. control.setTime/advanceTime shift it. */
  clock?: SimClock;
  behaviour?: Partial<SimBehaviour>;
  faults?: RakutenFaults;
  /** per-key rate limiter; default off */
  rateLimit?: RateLimit | null;
  /** how notifications are POSTed; default the global fetch */
  notifyFetch?: SimFetch;
  notifyTimeoutMs?: number;
  /** seed of the customer-message generator */
  generatorSeed?: number;
  stores?: StoreInput[];
}

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

export interface RakutenSimulator {
  app: Hono;
  control: RakutenSimControl;
  /** `app.fetch` in fetch's shape, for a client's `fetch` option */
  fetch: SimFetch;
  /** base URLs relative to an origin, e.g. `${origin}${paths.inquiry}` */
  paths: { inquiry: string; license: string };
}

/** A clock that follows `base` shifted by an adjustable offset. */
class ShiftedClock implements SimClock {
  offsetMs = 0;
  constructor(private readonly base: SimClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
}

function summary(state: SimState, shopId: number): StoreSummary {
  const store = state.store(shopId);
  return {
    shopId,
    shopUrl: store.shopUrl,
    contractId: store.contractId,
    functions: [...store.functions],
    userActionNotificationApproved: store.userActionNotificationApproved,
    notification: { ...store.notification },
    orders: [...store.orders],
    inquiryCount: store.inquiries.size,
    fileCount: store.files.size,
    licenseKeys: [...state.keys.values()]
      .filter((k) => k.shopId === shopId)
      .map((k) => ({ licenseKey: k.licenseKey, expiresAt: k.expiresAt.toISOString() })),
  };
}

export function createRakutenSimulator(options: RakutenSimulatorOptions = {}): RakutenSimulator {
  const clock = new ShiftedClock(options.clock ?? { now: () => new Date() });
  const state = new SimState(clock);
  const faults = new FaultInjector();
  if (options.faults) faults.set(options.faults);
  const limiter = new RateLimiter();
  limiter.set(options.rateLimit ?? null);
  const behaviour: SimBehaviour = { ...DEFAULT_SIM_BEHAVIOUR, ...options.behaviour };
  const notifyFetch: SimFetch = options.notifyFetch ?? ((input, init) => fetch(input, init));
  const notifier = new Notifier((url, init) => notifyFetch(url, init), () => clock.now(), options.notifyTimeoutMs);
  const calls: CallRecord[] = [];
  const random = options.generatorSeed !== undefined ? mulberry32(options.generatorSeed) : Math.random;
  let generatorTimer: ReturnType<typeof setInterval> | null = null;

  const api = createRakutenApi({ state, faults, limiter, notifier, behaviour, calls });

  function notifyUserAction(shopId: number, inquiryNumber: string, actionType: UserActionType, at: Date, notify = true): void {
    const store = state.store(shopId);
    if (!notify || !store.userActionNotificationApproved || !store.notification.url) return;
    notifier.sendInBackground(store, { inquiryNumber, actionType, actionDate: at });
  }

  function findOrThrow(inquiryNumber: string) {
    const found = state.findInquiry(inquiryNumber);
    if (!found) throw new Error(`no inquiry ${inquiryNumber}`);
    return found;
  }

  const control: RakutenSimControl = {
    clock,
    setTime(date) {
      clock.offsetMs += date.getTime() - clock.now().getTime();
    },
    advanceTime(ms) {
      clock.offsetMs += ms;
    },
    addStore(input) {
      state.addStore(input);
      return summary(state, input.shopId);
    },
    addKey(shopId, key) {
      state.addKey({ shopId, ...key, expiresAt: key.expiresAt ?? new Date(clock.now().getTime() + 90 * 86_400_000) });
    },
    setLicenceExpiry(licenseKey, expiresAt) {
      const key = state.keys.get(licenseKey);
      if (!key) throw new Error('unknown licence key');
      key.expiresAt = expiresAt;
    },
    setFunctionEnabled(shopId, fn, enabled) {
      const store = state.store(shopId);
      if (enabled) store.functions.add(fn);
      else store.functions.delete(fn);
    },
    setUserActionNotificationApproved(shopId, approved) {
      state.store(shopId).userActionNotificationApproved = approved;
    },
    setNotificationTarget(shopId, target) {
      const store = state.store(shopId);
      store.notification = { ...store.notification, ...target };
    },
    addInquiry(shopId, input) {
      return toWireInquiry(state.addInquiry(shopId, input));
    },
    addCustomerMessage(inquiryNumber, input) {
      const { store, inquiry } = findOrThrow(inquiryNumber);
      const reply = state.appendReply(inquiry, {
        message: input.message,
        from: 'user',
        ...(input.at ? { at: input.at } : {}),
        ...(input.attachments ? { attachments: input.attachments } : {}),
      });
      notifyUserAction(store.shopId, inquiryNumber, 'userReply', reply.regDate, input.notify);
      return toWireReply(reply);
    },
    deleteMessage(inquiryNumber, messageId) {
      const { inquiry } = findOrThrow(inquiryNumber);
      if (messageId === 'first') inquiry.isMessageDeleted = true;
      else {
        const reply = inquiry.replies.find((r) => r.id === messageId);
        if (!reply) throw new Error(`no reply ${messageId}`);
        reply.isMessageDeleted = true;
      }
    },
    addFile(shopId, file) {
      return state.addFile(shopId, file);
    },
    inquiry(inquiryNumber) {
      const found = state.findInquiry(inquiryNumber);
      return found ? toWireInquiry(found.inquiry) : null;
    },
    inquiries(shopId) {
      return [...state.store(shopId).inquiries.values()]
        .sort((a, b) => b.regDate.getTime() - a.regDate.getTime())
        .map(toWireInquiry);
    },
    store: (shopId) => summary(state, shopId),
    stores: () => [...state.stores.keys()].map((id) => summary(state, id)),
    calls(filter = {}) {
      return calls.filter((c) => (filter.shopId === undefined || c.shopId === filter.shopId) && (!filter.fn || c.fn === filter.fn));
    },
    clearCalls() {
      calls.length = 0;
    },
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    get faults() {
      return faults.current;
    },
    setRateLimit: (limit) => limiter.set(limit),
    setBehaviour(next) {
      Object.assign(behaviour, next);
    },
    get behaviour() {
      return { ...behaviour };
    },
    generateInquiry(shopId, generateOptions = {}) {
      const at = generateOptions.at ?? clock.now();
      const inquiry = state.addInquiry(shopId, generateInquiryInput(state.store(shopId), at, random));
      notifyUserAction(shopId, inquiry.inquiryNumber, 'newInquiry', at, generateOptions.notify);
      return toWireInquiry(inquiry);
    },
    generateFollowUp(shopId, generateOptions = {}) {
      const target = pickFollowUpTarget([...state.store(shopId).inquiries.values()], random);
      if (!target) return null;
      const reply = control.addCustomerMessage(target.inquiryNumber, {
        message: followUpText(random),
        ...(generateOptions.at ? { at: generateOptions.at } : {}),
        ...(generateOptions.notify !== undefined ? { notify: generateOptions.notify } : {}),
      });
      return { inquiryNumber: target.inquiryNumber, reply };
    },
    startGenerator({ intervalMs, shopIds, followUpShare = 0.5 }) {
      control.stopGenerator();
      generatorTimer = setInterval(() => {
        const ids = shopIds ?? [...state.stores.keys()];
        for (const id of ids) {
          if (random() < followUpShare && control.generateFollowUp(id)) continue;
          control.generateInquiry(id);
        }
      }, intervalMs);
      generatorTimer.unref?.();
    },
    stopGenerator() {
      if (generatorTimer) clearInterval(generatorTimer);
      generatorTimer = null;
    },
    async sendUserActionNotification(shopId, action, url) {
      return notifier.send(
        state.store(shopId),
        { inquiryNumber: action.inquiryNumber, actionType: action.actionType, actionDate: action.actionDate ?? clock.now() },
        url,
      );
    },
    notifications(shopId) {
      return notifier.deliveries.filter((d) => shopId === undefined || d.shopId === shopId);
    },
    settle: () => notifier.settle(),
    async close() {
      control.stopGenerator();
      await notifier.settle();
    },
  };

  for (const store of options.stores ?? []) control.addStore(store);

  const app = new Hono();
  app.route('/_sim', controlRoutes(control));
  app.route('/', api);
  const simFetch: SimFetch = async (input, init) => app.fetch(new Request(input, init));
  return { app, control, fetch: simFetch, paths: { inquiry: INQUIRY_API_PREFIX, license: LICENSE_API_PREFIX } };
}

function date(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${String(value)}`);
  return d;
}

/** The control API as JSON over HTTP (/_sim/…), for a developer or the demo. Dates are ISO strings. */
function controlRoutes(control: RakutenSimControl): Hono {
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
