/**
 * Both mall simulators in a process of their own, on free ports, with one store each and ten open
 * inquiries per store: the mall side of the crash test. Prints one JSON line (origins, the Yahoo!
 * store's credentials, the inquiry ids), then serves until it is told to stop. Faults are set over
 * /_sim/faults; what arrived is read over /_sim/.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createRakutenSimulator } from '../../../simulators/rakuten/simulator.ts';
import { createYahooSimulator } from '../../../simulators/yahoo/simulator.ts';

const CRASH_RAKUTEN = { shopId: 373343, serviceSecret: 'SP373343_crashTest', licenseKey: 'SL373343_crashTest' };
const CRASH_SELLER = 'goq-crash-test';

const perMall = Number(process.argv[2] ?? 10);
const rakuten = createRakutenSimulator();
rakuten.control.addStore({ ...CRASH_RAKUTEN, shopUrl: 'goq-crash' });
const yahoo = createYahooSimulator({ seed: 5 });
const store = yahoo.control.addStore({ sellerId: CRASH_SELLER });
const at = new Date(Math.floor((Date.now() - 86_400_000) / 1000) * 1000);
for (let i = 0; i < perMall; i++) {
  rakuten.control.addInquiry(CRASH_RAKUTEN.shopId, { userName: '山田 花子', message: `商品について質問 ${i}`, regDate: at });
  yahoo.control.addTopic(CRASH_SELLER, { title: `質問 ${i}`, messages: [{ from: 'customer', body: `配送について ${i}`, at }] });
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ origin: string; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

const r = await listen(rakuten.app.fetch);
const y = await listen(yahoo.app.fetch);
process.stdout.write(
  JSON.stringify({
    rakuten: CRASH_RAKUTEN,
    rakutenOrigin: r.origin,
    rakutenPaths: rakuten.paths,
    yahooOrigin: y.origin,
    yahoo: { ...store, publicKey: store.publicKey },
  }) + '\n',
);
process.on('SIGTERM', () => {
  r.close();
  y.close();
  process.exit(0);
});
