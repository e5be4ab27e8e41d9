/**
 * `npm run sim:yahoo`: the Yahoo! simulator on its own port with the demo store, for a developer or
 * the demo. Point a client at the printed base URL (GOQ_YAHOO_BASE_URL and GOQ_YAHOO_AUTH_BASE_URL).
 * Env: GOQ_SIM_YAHOO_PORT (8789), GOQ_SIM_YAHOO_RATE_LIMIT_MS (1000; 0 = off),
 * GOQ_SIM_YAHOO_GENERATE_EVERY_MS (180000; 0 = no new customer messages).
 */
import { serve } from '@hono/node-server';
import { DEMO_YAHOO_ORDERS, loadYahooDemoStore } from './demo-store.ts';
import { createYahooSimulator } from './simulator.ts';

const port = Number(process.env.GOQ_SIM_YAHOO_PORT ?? 8789);
const rateLimitMs = Number(process.env.GOQ_SIM_YAHOO_RATE_LIMIT_MS ?? 1000);
const generateEveryMs = Number(process.env.GOQ_SIM_YAHOO_GENERATE_EVERY_MS ?? 180_000);

const { app, control } = createYahooSimulator({ rateLimitMs, seed: Date.now() });
const demo = loadYahooDemoStore(control);
if (generateEveryMs > 0) {
  control.startGenerator({ sellerId: demo.credentials.sellerId, intervalMs: generateEveryMs, orders: DEMO_YAHOO_ORDERS });
}

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  const base = `http://127.0.0.1:${info.port}`;
  const c = demo.credentials;
  console.log(`Yahoo! externalTalk simulator: ${base}`);
  console.log(`  GOQ_YAHOO_BASE_URL=${base} GOQ_YAHOO_AUTH_BASE_URL=${base}`);
  console.log(`  sellerId=${c.sellerId} clientId=${c.clientId} clientSecret=${c.clientSecret}`);
  console.log(`  refreshToken=${c.refreshToken}`);
  console.log(`  public key version ${c.publicKey?.version}: GET ${base}/_sim/stores/${c.sellerId}/credentials`);
  console.log(`  ${demo.topicIds.length} demo inquiries; control API under ${base}/_sim/`);
});

function stop(): void {
  control.stopGenerator();
  server.close(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
