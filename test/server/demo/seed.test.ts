import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryDetail, InquiryPage } from '../../../shared/api.ts';
import { createApp } from '../../../server/app.ts';
import { signDemoToken } from '../../../server/auth/jwt.ts';
import { DEMO_ORDERS, DEMO_SHOP_ID, isDatabaseEmpty, seedDemoShop } from '../../../server/demo/seed.ts';
import { createEventHub } from '../../../server/events/event-hub.ts';
import { TEST_SECRET, createTestDatabase, idleMallSide, type TestDatabase } from '../support/context.ts';

describe('the demo shop seeded on first start', () => {
  let database: TestDatabase;
  let request: (path: string) => Promise<Response>;
  before(async () => {
    database = await createTestDatabase();
    assert.equal(await isDatabaseEmpty(database.db), true);
    await seedDemoShop(database.db);
    await seedDemoShop(database.db);
    const app = createApp({
      db: database.db,
      hub: createEventHub(),
      malls: idleMallSide(database.db),
      config: { jwtSecret: TEST_SECRET, corsOrigins: [], maxAgeExemptShop: DEMO_SHOP_ID },
    });
    const token = signDemoToken(TEST_SECRET, DEMO_SHOP_ID);
    request = async (path) => app.request(path, { headers: { Authorization: `Bearer ${token}` } });
  });
  after(async () => database.close());

  test('inquiries on both malls in all three statuses, stored once however often the seed runs', async () => {
    const page = (await (await request('/api/v1/inquiries?limit=100')).json()) as InquiryPage;
    for (const mall of ['rakuten', 'yahoo'] as const) {
      const statuses = new Set(page.items.filter((i) => i.mall === mall).map((i) => i.status));
      assert.deepEqual(statuses, new Set(['needs-reply', 'replied', 'completed']), mall);
    }
    assert.equal(new Set(page.items.map((i) => `${i.mall}:${i.mallInquiryId}`)).size, page.items.length);
    assert.equal(await isDatabaseEmpty(database.db), false);
  });

  test('an order with several messages, and an order with no inquiry', async () => {
    const withThread = DEMO_ORDERS.find((o) => o.hasInquiries)!;
    const threads = (await (await request(`/api/v1/orders/${withThread.orderId}/inquiries`)).json()) as InquiryDetail[];
    assert.ok(threads[0]!.messages.length >= 3);
    assert.ok(threads[0]!.messages.some((m) => m.sender === 'shop') && threads[0]!.messages.some((m) => m.sender === 'customer'));
    const without = DEMO_ORDERS.find((o) => !o.hasInquiries)!;
    assert.deepEqual(await (await request(`/api/v1/orders/${without.orderId}/inquiries`)).json(), []);
  });

  test('templates and settings for the placeholders', async () => {
    const templates = (await (await request('/api/v1/templates')).json()) as { items: unknown[] };
    assert.ok(templates.items.length >= 3);
    const settings = (await (await request('/api/v1/settings')).json()) as { storeNames: Record<string, string>; phone: string; email: string };
    assert.ok(settings.storeNames.rakuten && settings.storeNames.yahoo && settings.phone && settings.email);
  });
});
