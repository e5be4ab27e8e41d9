/**
 * `npm run sim:rakuten`: the Rakuten simulator alone on a port (GOQ_SIM_RAKUTEN_PORT, default 8788)
 * with the demo store, for pointing any client at it. Prints the base URLs and the demo credentials.
 * GOQ_SIM_RAKUTEN_GENERATE_MS sets how often a new customer message arrives (default 180000; 0 = never).
 * GOQ_SIM_RAKUTEN_NOTIFY_URL, when set, receives the demo store's user-action notifications (and approves them).
 * GOQ_SIM_RAKUTEN_RATE_LIMIT: calls per second per licence key before 429 (default 1, the community's
 * figure for the real API; 0 = no limit).
 */
import { serve } from '@hono/node-server';
import { DEMO_RAKUTEN_SHOP, seedRakutenDemoStore } from './demo-store.ts';
import { createRakutenSimulator } from './simulator.ts';

const port = Number(process.env.GOQ_SIM_RAKUTEN_PORT ?? 8788);
const generateMs = Number(process.env.GOQ_SIM_RAKUTEN_GENERATE_MS ?? 180_000);
const notifyUrl = process.env.GOQ_SIM_RAKUTEN_NOTIFY_URL || null;
const rateLimit = Number(process.env.GOQ_SIM_RAKUTEN_RATE_LIMIT ?? 1);

const simulator = createRakutenSimulator({ rateLimit: rateLimit > 0 ? { requestsPerSecond: rateLimit } : null });
seedRakutenDemoStore(simulator.control, { notificationUrl: notifyUrl, userActionNotificationApproved: notifyUrl !== null });
if (generateMs > 0) simulator.control.startGenerator({ intervalMs: generateMs });

const server = serve({ fetch: simulator.app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  const origin = `http://127.0.0.1:${info.port}`;
  console.log(`Rakuten simulator listening on ${origin}`);
  console.log(`  GOQ_RAKUTEN_BASE_URL=${origin}${simulator.paths.inquiry}`);
  console.log(`  GOQ_RAKUTEN_LICENSE_BASE_URL=${origin}${simulator.paths.license}`);
  console.log(`  demo shopId=${DEMO_RAKUTEN_SHOP.shopId} serviceSecret=${DEMO_RAKUTEN_SHOP.serviceSecret} licenseKey=${DEMO_RAKUTEN_SHOP.licenseKey}`);
  console.log(`  notification authKey=${DEMO_RAKUTEN_SHOP.authKey}${notifyUrl ? ` -> ${notifyUrl}` : ''}`);
  console.log(`  control API: ${origin}/_sim/stores; rate limit: ${rateLimit > 0 ? `${rateLimit}/s per key` : 'off'}`);
});

function stop(): void {
  void simulator.control.close().finally(() => server.close(() => process.exit(0)));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
