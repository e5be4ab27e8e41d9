/**
 * Two end-to-end latencies of DESIGN.md §7, on SQLite, the Rakuten simulator in-process behind its
 * fetch adapter, the mall side as production starts it (outbox worker on, 1 call per second per
 * account), the app with the API, the event stream and the webhook (the mall tests' harness):
 * - a reply: from the 202 answer of POST /inquiries/{id}/replies to the reply request arriving at the
 *   simulated mall (its call log's time), healthy mall, idle account (over 1 s since its last call);
 * - a Rakuten notification: from posting it to the webhook to `inquiry.updated` arriving on an event
 *   stream opened on the same instance, the account idle (its previous sync run over).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { InquiryPage } from '../../shared/api.ts';
import { userActionNotificationXml } from '../../simulators/rakuten/notifier.ts';
import { createMallHarness, newShopId, RAKUTEN_AUTH_KEY, RAKUTEN_SHOP } from '../../test/malls/sync/support.ts';
import type { Figure } from '../lib/report.ts';
import { describeLatency, latencyOf } from '../lib/stats.ts';

const REPLY_BUDGET_MS = 250;
const NOTIFY_BUDGET_MS = 1000;
const SAMPLES = 20;

export async function runLatency(ctx: { log: (line: string) => void }): Promise<Figure[]> {
  const h = await createMallHarness('sqlite', { config: { outboxWorker: true, minIntervalMs: 1000 } });
  const figures: Figure[] = [];
  try {
    const shop = newShopId();
    for (let i = 0; i < 3; i++) {
      h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
        userName: '佐藤 花子',
        message: '注文した商品はいつ発送されますか。',
        regDate: new Date(Math.floor((Date.now() - 3600_000) / 1000) * 1000),
      });
    }
    const connected = await h.connect(shop, 'rakuten');
    if (connected.status !== 200) throw new Error(`connecting answered ${connected.status}: ${await connected.text()}`);
    await h.side.syncNow(shop, 'rakuten');
    const page = (await (await h.request(shop, '/api/v1/inquiries')).json()) as InquiryPage;
    const inquiry = page.items[0];
    if (!inquiry) throw new Error('no inquiry synced');

    // ---- a reply: 202 → the mall ----
    const replyMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // idle: no call to the account for 1.5 s (a Rakuten reply is read back a spaced second after its post)
      let seen = h.rakuten.control.calls().length;
      for (let quietSince = Date.now(); Date.now() - quietSince < 1500; ) {
        await sleep(50);
        const now = h.rakuten.control.calls().length;
        if (now !== seen) [seen, quietSince] = [now, Date.now()];
      }
      const calls = h.rakuten.control.calls().length;
      const form = new FormData();
      form.append('body', `ご連絡ありがとうございます。(${i + 1})`);
      const res = await h.request(shop, `/api/v1/inquiries/${inquiry.id}/replies`, { method: 'POST', body: form });
      const answered = Date.now();
      if (res.status !== 202) throw new Error(`reply answered ${res.status}: ${await res.text()}`);
      let arrived: Date | undefined;
      for (let waited = 0; !arrived && waited < 10_000; waited += 2) {
        arrived = h.rakuten.control.calls().slice(calls).find((c) => c.fn === 'inquirymngapi.reply.post')?.at;
        if (!arrived) await sleep(2);
      }
      if (!arrived) throw new Error('the reply never reached the simulator');
      replyMs.push(arrived.getTime() - answered);
    }
    const reply = latencyOf(replyMs);
    ctx.log(`latency: reply 202 → mall: ${describeLatency(reply)}`);
    figures.push({
      part: 'latency',
      name: 'a reply: 202 answered → the request reaches the simulated mall (healthy, idle account), p95',
      value: reply.p95,
      unit: 'ms',
      detail: `${describeLatency(reply)}; times from the simulator's call log (ms resolution)`,
      budget: { op: '<=', value: REPLY_BUDGET_MS },
      baseline: 'the outbox worker polls every 1,000 ms when not woken',
      whenMissed:
        'Look at the simulator call log around each reply: a call to the same account less than a second before the post holds it back by the per-account spacing (1 call/s).',
      measuredAt: new Date().toISOString(),
    });

    // ---- a notification → an open event stream ----
    const stream = await h.request(shop, '/api/v1/events');
    if (stream.status !== 200 || !stream.body) throw new Error(`events answered ${stream.status}`);
    const reader = stream.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    const nextUpdate = async (): Promise<void> => {
      for (;;) {
        const at = buffered.indexOf('event: inquiry.updated');
        if (at >= 0) {
          buffered = buffered.slice(at + 10);
          return;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffered += decoder.decode(value, { stream: true });
      }
    };
    const store = { contractId: 'C00373343', shopUrl: 'goq-sync', notification: { url: null, authKey: RAKUTEN_AUTH_KEY, serviceId: '6000' } };
    const notifyMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // idle: the previous notification's sync run (a fetch by number, then the incremental listing,
      // 1 call per second) is over
      await sleep(3500);
      const added = h.rakuten.control.addInquiry(RAKUTEN_SHOP, {
        userName: '鈴木 一郎',
        message: `領収書の宛名を変更できますか。(${i + 1})`,
        regDate: new Date(Math.floor(Date.now() / 1000) * 1000),
      });
      buffered = '';
      const xml = userActionNotificationXml(store, `req-${i}`, { inquiryNumber: added.inquiryNumber, actionType: 'userReply', actionDate: new Date() });
      const started = performance.now();
      const got = nextUpdate();
      const res = await h.app.request('/webhooks/rakuten/notification', { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: xml });
      if (res.status !== 200) throw new Error(`the webhook answered ${res.status}: ${await res.text()}`);
      await Promise.race([got, sleep(10_000).then(() => Promise.reject(new Error('no event within 10 s')))]);
      notifyMs.push(performance.now() - started);
    }
    await reader.cancel();
    const notify = latencyOf(notifyMs);
    ctx.log(`latency: notification → event stream: ${describeLatency(notify)}`);
    figures.push({
      part: 'latency',
      name: 'a Rakuten notification posted to the webhook → the event reaches an open event stream, same instance, p95',
      value: notify.p95,
      unit: 'ms',
      detail: describeLatency(notify),
      budget: { op: '<=', value: NOTIFY_BUDGET_MS },
      baseline: 'the scheduled sync that would otherwise bring the inquiry in runs every few minutes',
      measuredAt: new Date().toISOString(),
    });
  } finally {
    await h.close();
  }
  return figures;
}
