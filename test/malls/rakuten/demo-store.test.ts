/**
 * The demo store as the server will see it through the real client, over a real socket.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { deriveStatus } from '../../../shared/status.ts';
import { RequestGate } from '../../../server/malls/request-gate.ts';
import { createRakutenClient } from '../../../server/malls/rakuten/client.ts';
import { DEMO_RAKUTEN_SHOP, demoRakutenOrders, seedRakutenDemoStore } from '../../../simulators/rakuten/demo-store.ts';
import { createRakutenSimulator } from '../../../simulators/rakuten/simulator.ts';
import { DAY, T0, collect } from './support.ts';

// the demo orders are dated relative to the moment the store is seeded with (the simulator's clock)
const DEMO_RAKUTEN_ORDERS = demoRakutenOrders(T0).map((o) => o.orderNumber);
const DEMO_RAKUTEN_ORDER_WITHOUT_INQUIRY = demoRakutenOrders(T0).find((o) => !o.hasInquiries)!.orderNumber;

describe('Rakuten demo store', () => {
  it('serves about 25 realistic inquiries in every status, hiding the old ones until approval', async () => {
    const sim = createRakutenSimulator({ clock: { now: () => new Date(T0) } });
    seedRakutenDemoStore(sim.control);
    const server = serve({ fetch: sim.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = createRakutenClient({
        serviceSecret: DEMO_RAKUTEN_SHOP.serviceSecret,
        licenseKey: DEMO_RAKUTEN_SHOP.licenseKey,
        baseUrl: `${origin}${sim.paths.inquiry}`,
        licenseBaseUrl: `${origin}${sim.paths.license}`,
        gate: new RequestGate({ minIntervalMs: 0 }),
        clock: sim.control.clock,
      });
      const all = sim.control.inquiries(DEMO_RAKUTEN_SHOP.shopId);
      assert.ok(all.length >= 24 && all.length <= 26, `${all.length} inquiries`);
      const period = { from: new Date(T0.getTime() - 90 * DAY), to: T0 };
      const recent = await collect(client.list(period));
      const old = all.filter((i) => new Date(i.regDate).getTime() < T0.getTime() - 30 * DAY);
      assert.ok(old.length >= 3);
      assert.equal(recent.length, all.length - old.length);

      sim.control.setUserActionNotificationApproved(DEMO_RAKUTEN_SHOP.shopId, true);
      const everything = await collect(client.list(period));
      assert.equal(everything.length, all.length);

      const statuses = new Set(everything.map((i) => deriveStatus({ completed: i.completed, lastSender: i.messages.at(-1)!.sender })));
      assert.deepEqual([...statuses].sort(), ['completed', 'needs-reply', 'replied']);
      assert.ok(everything.some((i) => i.messages.length >= 4));
      assert.ok(everything.every((i) => i.customerName && /\S+ \S+/.test(i.customerName)));
      assert.ok(everything.every((i) => i.orderId === null || DEMO_RAKUTEN_ORDERS.includes(i.orderId)));
      assert.ok(!everything.some((i) => i.orderId === DEMO_RAKUTEN_ORDER_WITHOUT_INQUIRY));
      assert.ok(DEMO_RAKUTEN_ORDERS.every((n) => /^373343-\d{8}-\d{7}$/.test(n)));
      // an order with several inquiries
      assert.ok(DEMO_RAKUTEN_ORDERS.some((n) => everything.filter((i) => i.orderId === n).length >= 2));
      // an old inquiry with a recent customer follow-up
      assert.ok(everything.some((i) => i.createdAt.getTime() < T0.getTime() - 30 * DAY && i.messages.at(-1)!.sender === 'customer' && !i.completed));

      const attachments = everything.flatMap((i) => i.messages.flatMap((m) => m.attachments));
      assert.ok(attachments.some((a) => a.contentType === 'image/png'));
      assert.ok(attachments.some((a) => a.contentType === 'application/pdf'));
      for (const attachment of attachments) {
        const bytes = await client.downloadAttachment(attachment);
        const magic = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
        assert.ok(magic === '\x89PNG' || magic === '%PDF', `${attachment.name} starts with ${magic}`);
      }
      const facts = await client.checkCredentials();
      assert.ok(facts.credentialExpiresAt! > T0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
