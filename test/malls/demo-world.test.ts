/**
 * The demo shop is one world: the back office's order list, the simulated malls' inquiries and the
 * seeded fallback data tell the same story — an inquiry on an order comes from its orderer, after the
 * order, about the order's item; no customer shares the demo staff member's name; dates in the text
 * move with the data; Yahoo! orders list products.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RmsInquiry } from '../../server/malls/rakuten/wire.ts';
import { startDemoMalls } from '../../server/malls/demo-malls.ts';
import { DEMO_ORDERS, DEMO_STAFF, demoInquiries } from '../../server/demo/seed.ts';
import { DEMO_RAKUTEN_SHOP } from '../../simulators/rakuten/demo-store.ts';
import { DEMO_YAHOO_SELLER_ID } from '../../simulators/yahoo/demo-store.ts';
import type { SimTopicView } from '../../simulators/yahoo/control.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The JST calendar day of `at`, as a number of days. */
function jstDay(at: number): number {
  return Math.floor((at + 9 * HOUR) / DAY);
}

/** Every 「M月D日」 in `text`, as JST days, in the year that puts it nearest to `now`. */
function mentionedDays(text: string, now: number): number[] {
  const days: number[] = [];
  const year = new Date(now + 9 * HOUR).getUTCFullYear();
  for (const m of text.matchAll(/(\d{1,2})月(\d{1,2})日/g)) {
    const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, Number(m[1]) - 1, Number(m[2])) / DAY);
    days.push(candidates.reduce((best, d) => (Math.abs(d - jstDay(now)) < Math.abs(best - jstDay(now)) ? d : best)));
  }
  return days;
}

const normalise = (name: string) => name.replace(/[\s\u3000]+/g, ' ').trim();

// several moments: dates fixed in the data would contradict the relative ones at one of them
const MOMENTS = [new Date(), new Date('2027-01-02T16:30:00Z'), new Date('2026-06-15T03:00:00Z')];

describe('the demo world tells one story', () => {
  for (const now of MOMENTS) {
    test(`the simulated malls and the demo order list agree (now = ${now.toISOString()})`, async () => {
      const malls = await startDemoMalls({ rakutenPort: 0, yahooPort: 0, generateEveryMs: 0, now });
      try {
        const orders = malls.orders();
        if (now === MOMENTS[0]) {
          // what the demo's generators add later keeps to the story too (they date by the real clock)
          const post = (url: string, body: unknown) =>
            fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          for (let i = 0; i < 30; i++) await post(`${malls.rakutenOrigin}/_sim/stores/${DEMO_RAKUTEN_SHOP.shopId}/generate`, {});
          const open = orders.filter((o) => o.mall === 'yahoo' && o.hasInquiries && o.status !== 'キャンセル').map((o) => o.orderId);
          await post(`${malls.yahooOrigin}/_sim/generate`, { sellerId: DEMO_YAHOO_SELLER_ID, newTopics: 30, orders: open });
        }
        const rakuten = (await (await fetch(`${malls.rakutenOrigin}/_sim/stores/${DEMO_RAKUTEN_SHOP.shopId}/inquiries`)).json()) as RmsInquiry[];
        const { topics } = (await (await fetch(`${malls.yahooOrigin}/_sim/stores/${DEMO_YAHOO_SELLER_ID}/topics`)).json()) as {
          topics: SimTopicView[];
        };
        assert.ok(rakuten.length >= 20 && topics.length >= 18);
        if (now === MOMENTS[0]) assert.ok(rakuten.length >= 50 && topics.length >= 50, `${rakuten.length} and ${topics.length} with the generated ones`);

        // nobody in the data is named like the demo staff member
        const staff = normalise(DEMO_STAFF);
        for (const order of orders) assert.notEqual(normalise(order.customer), staff, order.orderId);
        for (const inquiry of rakuten) assert.notEqual(normalise(inquiry.userName), staff, inquiry.inquiryNumber);

        for (const order of orders) {
          const orderedAt = Date.parse(order.orderedAt);
          assert.ok(orderedAt <= now.getTime(), `${order.orderId} is not in the future`);
          assert.ok(['出荷待ち', '出荷済み', '入金待ち', 'キャンセル'].includes(order.status ?? ''), `${order.orderId}: ${order.status}`);
          if (order.mall === 'rakuten') {
            // the order number carries the order's (JST) date
            const ymd = new Date(orderedAt + 9 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
            assert.equal(order.orderId.split('-')[1], ymd, order.orderId);
          }
        }

        // Rakuten: every inquiry on an order comes from its orderer (or, on a social gift, the recipient
        // it says it is), after the order, about the order's item; the shop's replies greet that person
        for (const inquiry of rakuten) {
          const family = inquiry.userName.split(' ')[0]!;
          for (const reply of inquiry.replies.filter((r) => r.replyFrom === 'merchant')) {
            const greeted = /^(\S+?)様/.exec(reply.message)?.[1];
            if (greeted) assert.equal(greeted, family, `${inquiry.inquiryNumber}: ${inquiry.userName} greeted as ${greeted}様`);
          }
          if (!inquiry.orderNumber) continue;
          const order = orders.find((o) => o.orderId === inquiry.orderNumber);
          assert.ok(order, `${inquiry.orderNumber} is in the order list`);
          assert.ok(order.hasInquiries, order.orderId);
          if (inquiry.socialGiftUserType !== '受取人') {
            assert.equal(inquiry.userName, order.customer, `${inquiry.inquiryNumber} on ${order.orderId}`);
          } else {
            assert.notEqual(inquiry.userName, order.customer, 'a gift recipient is not the orderer');
          }
          if (inquiry.itemName) assert.equal(inquiry.itemName, order.item, inquiry.inquiryNumber);
          assert.ok(Date.parse(inquiry.regDate) >= Date.parse(order.orderedAt), `${inquiry.inquiryNumber} comes after ${order.orderId}`);
        }
        for (const order of orders.filter((o) => o.mall === 'rakuten')) {
          const about = rakuten.filter((i) => i.orderNumber === order.orderId);
          assert.equal(about.length > 0, order.hasInquiries, order.orderId);
          // the order list shows the orderer, never somebody else who wrote
          if (about.some((i) => i.socialGiftUserType !== '受取人')) assert.ok(about.some((i) => i.userName === order.customer), order.orderId);
        }

        // Yahoo!: topics on an order come after it and carry its item; dates in the text follow the data
        const yahooOrders = orders.filter((o) => o.mall === 'yahoo');
        const titles = new Set(topics.map((t) => t.title));
        for (const order of yahooOrders) {
          assert.ok(!titles.has(order.item), `${order.orderId} lists a product, not an inquiry subject: ${order.item}`);
          assert.doesNotMatch(order.item, /^[\x21-\x7e]+$/, `${order.orderId} lists a product name, not an item code`);
          assert.match(order.customer, /^\S+ \S+$/);
          const about = topics.filter((t) => t.orderId === order.orderId);
          assert.equal(about.length > 0, order.hasInquiries, order.orderId);
        }
        for (const topic of topics) {
          const first = topic.messages[0]!.postdate * 1000;
          for (const m of topic.messages) {
            for (const day of mentionedDays(m.body, now.getTime())) {
              assert.ok(day >= jstDay(first) - 60, `${topic.title}: a date in 「${m.body}」 is far before the thread`);
            }
          }
          if (!topic.orderId) continue;
          const order = yahooOrders.find((o) => o.orderId === topic.orderId);
          assert.ok(order, `${topic.orderId} is in the order list`);
          assert.ok(topic.itemCode, `${topic.title} on ${topic.orderId} carries the order's item`);
          assert.equal(topics.filter((t) => t.orderId === topic.orderId && t.itemCode !== topic.itemCode).length, 0, topic.orderId);
          const orderedAt = Date.parse(order.orderedAt);
          for (const m of topic.messages) assert.ok(m.postdate * 1000 >= orderedAt, `${topic.title} (${topic.orderId}) comes after its order`);
          for (const m of topic.messages) {
            for (const day of mentionedDays(m.body, now.getTime())) assert.ok(day >= jstDay(orderedAt), `「${m.body}」 mentions a day before ${topic.orderId}`);
            const ordered = /(\d{1,2}月\d{1,2}日)に注文した/.exec(m.body);
            if (ordered) assert.equal(mentionedDays(ordered[1]!, now.getTime())[0], jstDay(orderedAt), `「${m.body}」 names the order's date`);
          }
        }
        // the same order's product everywhere: its topics' item codes belong to one product
        const codes = new Map<string, string>();
        for (const topic of topics.filter((t) => t.orderId && t.itemCode)) {
          const item = yahooOrders.find((o) => o.orderId === topic.orderId)!.item;
          const known = codes.get(topic.itemCode!);
          if (known) assert.equal(known, item, `${topic.itemCode} is one product`);
          codes.set(topic.itemCode!, item);
        }
      } finally {
        await malls.stop();
      }
    });
  }

  test('the seeded demo shop (without simulators) agrees with its order list', () => {
    const now = new Date();
    const staff = normalise(DEMO_STAFF);
    for (const order of DEMO_ORDERS) assert.notEqual(normalise(order.customer), staff);
    for (const inquiry of demoInquiries(now)) {
      if (inquiry.customerName) assert.notEqual(normalise(inquiry.customerName), staff);
      for (const m of inquiry.messages) {
        for (const day of mentionedDays(m.body, now.getTime())) assert.ok(day >= jstDay(inquiry.createdAt.getTime()) - 60, m.body);
      }
      if (!inquiry.orderId) continue;
      const order = DEMO_ORDERS.find((o) => o.orderId === inquiry.orderId);
      assert.ok(order, inquiry.orderId);
      assert.ok(order.hasInquiries);
      assert.equal(order.mall, inquiry.mall);
      if (inquiry.customerName) assert.equal(inquiry.customerName, order.customer, inquiry.mallInquiryId);
      if (inquiry.itemName) assert.equal(inquiry.itemName, order.item, inquiry.mallInquiryId);
      assert.ok(inquiry.createdAt.getTime() >= Date.parse(order.orderedAt), `${inquiry.mallInquiryId} comes after ${order.orderId}`);
    }
    const withInquiries = new Set(demoInquiries(now).map((i) => i.orderId));
    for (const order of DEMO_ORDERS) assert.equal(withInquiries.has(order.orderId), order.hasInquiries, order.orderId);
  });
});
