/**
 * The demo's malls for `npm start`: both simulators in-process on their own ports (8788 Rakuten,
 * 8789 Yahoo!) with their demo stores, the demo shop's two mall accounts pointed at them, and new
 * customer messages every few minutes. The demo's data arrives the way a shop's would: through the
 * real clients, the sync engine, the notifications and the outbox.
 *
 * The simulators keep their data in memory, so each start creates them afresh; the demo shop's
 * synced data from an earlier start is dropped with them (its inquiry numbers no longer exist at
 * the simulated mall), and the first sync brings the new demo data in.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { DemoOrder } from '../demo/seed.ts';
import { deleteShopInquiries } from '../inquiries/inquiries.repository.ts';
import { upsertAccount } from './accounts/mall-accounts.repository.ts';
import type { MallEndpoints } from './accounts/mall-client-factory.ts';
import type { RakutenCredentials, StoredYahooCredentials } from './accounts/mall-credentials.ts';
import { sealCredentials } from './credentials-crypto.ts';
import { DEMO_RAKUTEN_SHOP, demoRakutenOrders, seedRakutenDemoStore } from '../../simulators/rakuten/demo-store.ts';
import { createRakutenSimulator } from '../../simulators/rakuten/simulator.ts';
import { demoYahooOrders, loadYahooDemoStore } from '../../simulators/yahoo/demo-store.ts';
import { createYahooSimulator } from '../../simulators/yahoo/simulator.ts';

export interface DemoMallsOptions {
  rakutenPort: number;
  yahooPort: number;
  /** how often a new customer inquiry or follow-up arrives at each simulator; 0 = never */
  generateEveryMs: number;
  host?: string;
  /** the moment the demo stores and their orders are dated from; default the start */
  now?: Date;
}

export interface DemoMalls {
  rakutenOrigin: string;
  yahooOrigin: string;
  /** where the mall side's clients go */
  endpoints: MallEndpoints;
  /** the demo back office's orders: the ones the simulated stores' inquiries are about, and one without */
  orders(): DemoOrder[];
  /** points the demo shop's accounts at the simulators (dropping data of an earlier start) */
  connectDemoShop(db: Db, shopId: string, secretKey: Buffer): Promise<void>;
  /** where the Rakuten simulator sends its user-action notifications (the server's webhook) */
  setNotificationUrl(url: string): void;
  stop(): Promise<void>;
}

function listen(app: Hono, port: number, host: string): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
      const address = server.address() as AddressInfo;
      resolve({ server, origin: `http://${host}:${address.port}` });
    });
    server.once('error', reject);
  });
}

export async function startDemoMalls(options: DemoMallsOptions): Promise<DemoMalls> {
  const host = options.host ?? '127.0.0.1';
  // one moment for both stores and their orders, so every order comes before the inquiries on it
  const now = options.now ?? new Date();
  const rakuten = createRakutenSimulator();
  seedRakutenDemoStore(rakuten.control, { now, userActionNotificationApproved: true });
  // the mall's 1 call/s rule, with a little room for timer jitter against the server's 1 s spacing
  const yahoo = createYahooSimulator({ rateLimitMs: 950, seed: Date.now() });
  const yahooDemo = loadYahooDemoStore(yahoo.control, { now });
  const r = await listen(rakuten.app, options.rakutenPort, host);
  let y: { server: ServerType; origin: string };
  try {
    y = await listen(yahoo.app, options.yahooPort, host);
  } catch (error) {
    r.server.close();
    throw error;
  }
  if (options.generateEveryMs > 0) {
    rakuten.control.startGenerator({ intervalMs: options.generateEveryMs, followUpShare: 0.5 });
    // new questions on the orders people write about, not on a cancelled one
    const open = demoYahooOrders(now, yahooDemo.credentials.sellerId).filter((o) => o.hasInquiries && o.status !== 'キャンセル');
    yahoo.control.startGenerator({ sellerId: yahooDemo.credentials.sellerId, intervalMs: options.generateEveryMs, orders: open.map((o) => o.orderId) });
  }

  return {
    rakutenOrigin: r.origin,
    yahooOrigin: y.origin,
    endpoints: {
      rakutenBaseUrl: `${r.origin}${rakuten.paths.inquiry}`,
      rakutenLicenseBaseUrl: `${r.origin}${rakuten.paths.license}`,
      yahooBaseUrl: y.origin,
      yahooAuthBaseUrl: y.origin,
    },
    orders() {
      // the back office's own knowledge of each order: its orderer and product (Yahoo!'s inquiries show
      // neither), dated with the stores
      const rakutenOrders: DemoOrder[] = demoRakutenOrders(now).map((order) => ({
        orderId: order.orderNumber,
        mall: 'rakuten',
        customer: order.orderer,
        item: order.itemName,
        orderedAt: order.orderedAt.toISOString(),
        status: order.status,
        hasInquiries: order.hasInquiries,
      }));
      const yahooOrders: DemoOrder[] = demoYahooOrders(now, yahooDemo.credentials.sellerId).map((order) => ({
        orderId: order.orderId,
        mall: 'yahoo',
        customer: order.orderer,
        item: order.item.name,
        orderedAt: order.orderedAt.toISOString(),
        status: order.status,
        hasInquiries: order.hasInquiries,
      }));
      // newest first on each mall, as a back office lists them
      const newestFirst = (a: DemoOrder, b: DemoOrder) => Date.parse(b.orderedAt) - Date.parse(a.orderedAt);
      return [...rakutenOrders.sort(newestFirst), ...yahooOrders.sort(newestFirst)];
    },
    async connectDemoShop(db, shopId, secretKey) {
      // Data synced from the simulators of an earlier start: those inquiries exist no more.
      await deleteShopInquiries(db, shopId);
      const rakutenCredentials: RakutenCredentials = {
        serviceSecret: DEMO_RAKUTEN_SHOP.serviceSecret,
        licenseKey: DEMO_RAKUTEN_SHOP.licenseKey,
        shopId: String(DEMO_RAKUTEN_SHOP.shopId),
        authKey: DEMO_RAKUTEN_SHOP.authKey,
      };
      const c = yahooDemo.credentials;
      const yahooCredentials: StoredYahooCredentials = {
        sellerId: c.sellerId,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        refreshToken: c.refreshToken,
        refreshTokenIssuedAt: c.refreshTokenIssuedAt.toISOString(),
        publicKeyPem: c.publicKey!.pem,
        publicKeyVersion: c.publicKey!.version,
      };
      for (const [mall, credentials] of [
        ['rakuten', rakutenCredentials],
        ['yahoo', yahooCredentials],
      ] as const) {
        await upsertAccount(db, shopId, mall, {
          credentials: sealCredentials(secretKey, credentials),
          apiOption: true,
          health: 'ok',
          credentialExpiresAt: null,
          resetSyncState: true,
        });
      }
    },
    setNotificationUrl(url) {
      rakuten.control.setNotificationTarget(DEMO_RAKUTEN_SHOP.shopId, { url, authKey: DEMO_RAKUTEN_SHOP.authKey });
      rakuten.control.setUserActionNotificationApproved(DEMO_RAKUTEN_SHOP.shopId, true);
    },
    async stop() {
      yahoo.control.stopGenerator();
      await rakuten.control.close();
      await Promise.all([r.server, y.server].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
