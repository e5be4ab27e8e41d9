/**
 * Sends RMS system-event notifications the way the notification service does: an HTTP POST of a raw
 * `<notifyModel>` XML body, answered by `<responseModel><resultCode>`. The shape of the
 * 問い合わせユーザアクション通知 itself is not published (malls/rakuten.md §8.2, §9.2): its serviceId and
 * value slot names are settings, and the slots carry inquiryNumber, actionType and actionDate.
 */
import { randomBytes } from 'node:crypto';
import { toRmsNotificationDateTime } from '../../server/malls/rakuten/jst-time.ts';
import { RAKUTEN_DEFAULT_SETTINGS, type RakutenSettings } from '../../server/malls/rakuten/settings.ts';
import type { SimStore } from './state.ts';

export type UserActionType = 'userReply' | 'newInquiry' | string;

export interface UserAction {
  inquiryNumber: string;
  actionType: UserActionType;
  actionDate: Date;
}

export interface NotificationDelivery {
  requestId: string;
  shopId: number;
  url: string;
  action: { inquiryNumber: string; actionType: string; actionDate: string };
  /** HTTP status, null when the receiver could not be reached */
  httpStatus: number | null;
  /** `<resultCode>` of the answer, null when it had none */
  resultCode: string | null;
  error: string | null;
  at: Date;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function userActionNotificationXml(
  store: Pick<SimStore, 'contractId' | 'shopUrl' | 'notification'>,
  requestId: string,
  action: UserAction,
  settings: Pick<RakutenSettings, 'rakutenUserActionNotificationFunctionId' | 'rakutenUserActionNotificationValueNames'> = RAKUTEN_DEFAULT_SETTINGS,
): string {
  const names = settings.rakutenUserActionNotificationValueNames;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<notifyModel>',
    '  <authModel>',
    `    <contractId>${escapeXml(store.contractId)}</contractId>`,
    `    <shopUrl>${escapeXml(store.shopUrl)}</shopUrl>`,
    `    <authKey>${escapeXml(store.notification.authKey)}</authKey>`,
    '  </authModel>',
    '  <notifyInfoModel>',
    `    <requestId>${escapeXml(requestId)}</requestId>`,
    `    <serviceId>${escapeXml(store.notification.serviceId)}</serviceId>`,
    `    <functionId>${escapeXml(settings.rakutenUserActionNotificationFunctionId)}</functionId>`,
    `    <value1 name="${escapeXml(names.inquiryNumber)}">${escapeXml(action.inquiryNumber)}</value1>`,
    `    <value2 name="${escapeXml(names.actionType)}">${escapeXml(action.actionType)}</value2>`,
    `    <value3 name="${escapeXml(names.actionDate)}">${escapeXml(toRmsNotificationDateTime(action.actionDate))}</value3>`,
    '  </notifyInfoModel>',
    '</notifyModel>',
    '',
  ].join('\n');
}

/** `<responseModel><resultCode>N-000-000</resultCode></responseModel>` → "N-000-000". */
export function readResultCode(xml: string): string | null {
  const match = /<responseModel\b[^>]*>[\s\S]*?<resultCode>\s*([^<\s]+)\s*<\/resultCode>/.exec(xml);
  return match ? match[1]! : null;
}

export class Notifier {
  readonly deliveries: NotificationDelivery[] = [];
  #pending = new Set<Promise<unknown>>();
  #sequence = 0;

  constructor(
    private readonly fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
    private readonly now: () => Date,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Posts one notification and records the outcome; never throws (a notifier does not care why). */
  async send(store: SimStore, action: UserAction, url = store.notification.url): Promise<NotificationDelivery> {
    if (!url) throw new Error(`store ${store.shopId} has no notification URL`);
    this.#sequence++;
    const requestId = `${Date.now().toString(36)}${this.#sequence.toString(36)}${randomBytes(4).toString('hex')}`;
    const xml = userActionNotificationXml(store, requestId, action);
    const delivery: NotificationDelivery = {
      requestId,
      shopId: store.shopId,
      url,
      action: {
        inquiryNumber: action.inquiryNumber,
        actionType: action.actionType,
        actionDate: toRmsNotificationDateTime(action.actionDate),
      },
      httpStatus: null,
      resultCode: null,
      error: null,
      at: this.now(),
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=UTF-8' },
        body: xml,
        signal: controller.signal,
      });
      delivery.httpStatus = response.status;
      delivery.resultCode = readResultCode(await response.text());
    } catch (error) {
      delivery.error = (error as Error).message;
    } finally {
      clearTimeout(timer);
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Sends without waiting; `settle()` waits for every send in flight. */
  sendInBackground(store: SimStore, action: UserAction): void {
    const sending = this.send(store, action).catch(() => undefined);
    this.#pending.add(sending);
    void sending.finally(() => this.#pending.delete(sending));
  }

  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
