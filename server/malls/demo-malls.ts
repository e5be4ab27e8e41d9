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
import { DEMO_RAKUTEN_ORDER_WITHOUT_INQUIRY, DEMO_RAKUTEN_ORDERS, DEMO_RAKUTEN_SHOP, seedRakutenDemoStore } from '../../simulators/rakuten/demo-store.ts';
import { createRakutenSimulator } from '../../simulators/rakuten/simulator.ts';
import { DEMO_YAHOO_ORDER_WITHOUT_INQUIRY, DEMO_YAHOO_ORDERS, loadYahooDemoStore } from '../../simulators/yahoo/demo-store.ts';
import { createYahooSimulator } from '../../simulators/yahoo/simulator.ts';

export interface DemoMallsOptions {
  rakutenPort: number;
  yahooPort: number;
  /** how often a new customer inquiry or follow-up arrives at each simulator; 0 = never */
  generateEveryMs: number;
  host?: string;
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

/**
 * What the back office's order system knows of the Yahoo! orders (Yahoo!'s inquiries carry neither the
 * orderer's name nor the item's name): the product each order is for, matching what its inquiries say.
 */
const YAHOO_ORDER_ITEMS: Record<string, string> = {
  'goq-demo-10000021': '真空断熱タンブラー 350ml ホワイト',
  'goq-demo-10000034': '波佐見焼 マグカップ ネイビー',
  'goq-demo-10000047': 'スペシャルティコーヒー ドリップバッグ 20袋',
  'goq-demo-10000052': '新潟県産コシヒカリ 5kg',
  'goq-demo-10000068': '静岡 深蒸し煎茶 100g',
  'goq-demo-10000073': '波佐見焼 マグカップ ホワイト',
  'goq-demo-10000085': 'キャンバススニーカー 24.5cm',
  'goq-demo-10000091': '今治タオル フェイスタオル3枚セット',
  'goq-demo-10000104': '新潟県産コシヒカリ 5kg',
  'goq-demo-10000112': '低反発まくら 標準サイズ',
  'goq-demo-10000126': 'スペシャルティコーヒー ドリップバッグ 20袋',
};

/** The orderers of the back office's Yahoo! orders: the order system knows them; the inquiries never show them. */
const YAHOO_ORDERERS = ['小林 優子', '加藤 大輔', '吉田 真理', '山口 拓也', '松本 恵', '井上 翔太', '木村 彩', '林 健一', '清水 愛', '森 浩二', '池田 里奈'];

export async function startDemoMalls(options: DemoMallsOptions): Promise<DemoMalls> {
  const host = options.host ?? '127.0.0.1';
  const rakuten = createRakutenSimulator();
  seedRakutenDemoStore(rakuten.control, { userActionNotificationApproved: true });
  // the mall's 1 call/s rule, with a little room for timer jitter against the server's 1 s spacing
  const yahoo = createYahooSimulator({ rateLimitMs: 950, seed: Date.now() });
  const yahooDemo = loadYahooDemoStore(yahoo.control);
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
    yahoo.control.startGenerator({ sellerId: yahooDemo.credentials.sellerId, intervalMs: options.generateEveryMs, orders: DEMO_YAHOO_ORDERS });
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
      const out: DemoOrder[] = [];
      const inquiries = rakuten.control.inquiries(DEMO_RAKUTEN_SHOP.shopId);
      for (const orderId of DEMO_RAKUTEN_ORDERS) {
        const about = inquiries.filter((i) => i.orderNumber === orderId);
        const first = about.at(-1);
        out.push({
          orderId,
          mall: 'rakuten',
          customer: first?.userName ?? '中村 由紀',
          item: first?.itemName ?? 'オーガニックコットン バスタオル',
          orderedAt: orderDate(orderId),
          hasInquiries: orderId !== DEMO_RAKUTEN_ORDER_WITHOUT_INQUIRY && about.length > 0,
        });
      }
      const topics = yahoo.control.topics(yahooDemo.credentials.sellerId);
      [...DEMO_YAHOO_ORDERS, DEMO_YAHOO_ORDER_WITHOUT_INQUIRY].forEach((orderId, i) => {
        const about = topics.filter((t) => t.orderId === orderId);
        // ordered a day before anyone wrote about it (postdate is in seconds)
        const firstPost = Math.min(...about.flatMap((t) => t.messages.map((m) => m.postdate * 1000)));
        const orderedAt = Number.isFinite(firstPost) ? firstPost - 86_400_000 : Date.now() - (i + 2) * 86_400_000;
        out.push({
          orderId,
          mall: 'yahoo',
          customer: YAHOO_ORDERERS[i % YAHOO_ORDERERS.length]!,
          item: YAHOO_ORDER_ITEMS[orderId.replace(/^.*-(\d+)$/, 'goq-demo-$1')] ?? 'ギフトセット',
          orderedAt: new Date(orderedAt).toISOString(),
          hasInquiries: orderId !== DEMO_YAHOO_ORDER_WITHOUT_INQUIRY && about.length > 0,
        });
      });
      return out;
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

/** The date part of a Rakuten order number (shopId-yyyyMMdd-n), at noon JST. */
function orderDate(orderId: string): string {
  const match = /^\d+-(\d{4})(\d{2})(\d{2})-/.exec(orderId);
  return match ? `${match[1]}-${match[2]}-${match[3]}T03:00:00.000Z` : new Date().toISOString();
}
