/**
 * Both mall simulators on real sockets for the server processes of the cluster tests: `shops` Rakuten
 * stores and as many Yahoo! stores, each with `perStore` open inquiries. Faults, call logs and what
 * arrived are read in-process through each simulator's control.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRakutenSimulator, type RakutenSimulator } from '../../simulators/rakuten/simulator.ts';
import { createYahooSimulator, type YahooSimulator } from '../../simulators/yahoo/simulator.ts';

export interface SimShop {
  /** the GoQ shop (tenant) id */
  shop: string;
  rakuten: { shopId: number; serviceSecret: string; licenseKey: string };
  yahoo: { sellerId: string; clientId: string; clientSecret: string; refreshToken: string; publicKeyPem: string; publicKeyVersion: string };
}

export interface SimulatedMalls {
  rakuten: RakutenSimulator;
  yahoo: YahooSimulator;
  shops: SimShop[];
  /** the servers' mall settings */
  env: Record<string, string>;
  close(): void;
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ origin: string; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

export async function startSimulatedMalls(options: { shops: number; perStore: number; label: string }): Promise<SimulatedMalls> {
  const rakuten = createRakutenSimulator();
  const yahoo = createYahooSimulator({ seed: 11 });
  const at = new Date(Math.floor((Date.now() - 86_400_000) / 1000) * 1000);
  const shops: SimShop[] = [];
  for (let s = 0; s < options.shops; s++) {
    const shopId = 380_000 + s;
    const r = { shopId, serviceSecret: `SP${shopId}_cluster`, licenseKey: `SL${shopId}_cluster` };
    rakuten.control.addStore({ ...r, shopUrl: `goq-cluster-${s}` });
    const store = yahoo.control.addStore({ sellerId: `goq-cluster-${s}` });
    for (let i = 0; i < options.perStore; i++) {
      rakuten.control.addInquiry(shopId, { userName: '山田 花子', message: `商品について質問 ${s}-${i}`, regDate: at });
      yahoo.control.addTopic(store.sellerId, { title: `質問 ${s}-${i}`, messages: [{ from: 'customer', body: `配送について ${s}-${i}`, at }] });
    }
    shops.push({
      shop: `${options.label}-${s}`,
      rakuten: r,
      yahoo: {
        sellerId: store.sellerId,
        clientId: store.clientId,
        clientSecret: store.clientSecret,
        refreshToken: store.refreshToken,
        publicKeyPem: store.publicKey!.pem,
        publicKeyVersion: store.publicKey!.version,
      },
    });
  }
  const r = await listen(rakuten.app.fetch);
  const y = await listen(yahoo.app.fetch);
  return {
    rakuten,
    yahoo,
    shops,
    env: {
      GOQ_RAKUTEN_BASE_URL: `${r.origin}${rakuten.paths.inquiry}`,
      GOQ_RAKUTEN_LICENSE_BASE_URL: `${r.origin}${rakuten.paths.license}`,
      GOQ_YAHOO_BASE_URL: y.origin,
      GOQ_YAHOO_AUTH_BASE_URL: y.origin,
    },
    close() {
      r.close();
      y.close();
    },
  };
}
