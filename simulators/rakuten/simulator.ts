/**
 * createRakutenSimulator: the RMS InquiryManagementAPI as a Hono app (real paths under /es/1.0/…)
 * plus `control`, an in-process API to set up stores, add inquiries and customer messages, inject
 * faults, move time, send notifications and read back what arrived. The same control API is served
 * as JSON under /_sim/ for a developer and the demo.
 */
import { Hono } from 'hono';
import { createRakutenApi, DEFAULT_SIM_BEHAVIOUR, INQUIRY_API_PREFIX, LICENSE_API_PREFIX, type SimBehaviour } from './api.ts';
import { controlRoutes, type RakutenSimControl, type StoreSummary } from './control.ts';
import type { CallRecord } from './gateway.ts';
import { mulberry32 } from '../support/random.ts';
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

export type { CustomerMessageInput, RakutenSimControl, StoreSummary } from './control.ts';
export type { CallRecord } from './gateway.ts';
export type { SimBehaviour } from './api.ts';

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
