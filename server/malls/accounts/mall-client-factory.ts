/**
 * Builds the real mall clients from an account's (decrypted) credentials. Base URLs come from the
 * configuration (server/config.ts loadMallEnvConfig: GOQ_RAKUTEN_BASE_URL, GOQ_YAHOO_BASE_URL, …), never from a shop's request: a shop
 * cannot point the server, with its credentials, at a host of its choosing.
 */
import { createRakutenClient, type FetchLike } from '../rakuten/client.ts';
import type { RakutenSettings } from '../rakuten/settings.ts';
import { createYahooClient } from '../yahoo/client.ts';
import type { YahooSettings } from '../yahoo/settings.ts';
import type { MallClientFactory } from './client-registry.ts';
import type { RakutenCredentials, StoredYahooCredentials } from './mall-credentials.ts';

export interface MallEndpoints {
  rakutenBaseUrl?: string;
  rakutenLicenseBaseUrl?: string;
  yahooBaseUrl?: string;
  yahooAuthBaseUrl?: string;
  /** per call; the clients default to 15 s */
  timeoutMs?: number;
  clock?: { now(): Date };
  /** tests hand the simulators' `app.fetch` here */
  rakutenFetch?: FetchLike;
  yahooFetch?: FetchLike;
  rakutenSettings?: Partial<RakutenSettings>;
  yahooSettings?: Partial<YahooSettings>;
}

export const YAHOO_LIST_FALLBACK_NOTE_KEY = 'yahooListFilters';
export const YAHOO_LIST_FALLBACK_NOTE = {
  code: 'yahoo_list_filters_refused',
  message:
    'Yahoo!が一覧の絞り込み条件(requestFilter・dateType・startDate・endDate)を受け付けなかったため、' +
    '新しい順に一覧をたどる方式で同期しています。同期は続いています。',
};

const date = (text: string | null | undefined) => (text ? new Date(text) : null);

export function createMallClientFactory(endpoints: MallEndpoints): MallClientFactory {
  return ({ mall, credentials, gate, saveCredentials, setHealthNote }) => {
    if (mall === 'rakuten') {
      const c = credentials as RakutenCredentials;
      return createRakutenClient({
        serviceSecret: c.serviceSecret,
        licenseKey: c.licenseKey,
        baseUrl: endpoints.rakutenBaseUrl,
        licenseBaseUrl: endpoints.rakutenLicenseBaseUrl,
        gate,
        timeoutMs: endpoints.timeoutMs,
        clock: endpoints.clock,
        fetch: endpoints.rakutenFetch,
        settings: endpoints.rakutenSettings,
      });
    }
    const c = credentials as StoredYahooCredentials;
    return createYahooClient({
      credentials: {
        sellerId: c.sellerId,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        refreshToken: c.refreshToken,
        refreshTokenIssuedAt: date(c.refreshTokenIssuedAt),
        accessToken: c.accessToken ?? null,
        accessTokenExpiresAt: date(c.accessTokenExpiresAt),
        publicKey: { pem: c.publicKeyPem, version: c.publicKeyVersion },
      },
      baseUrl: endpoints.yahooBaseUrl,
      authBaseUrl: endpoints.yahooAuthBaseUrl,
      gate,
      timeoutMs: endpoints.timeoutMs,
      clock: endpoints.clock,
      fetch: endpoints.yahooFetch,
      settings: endpoints.yahooSettings,
      // the list filters refused by the mall: the account's health says the fallback scan is in use
      onListMode: (mode) => setHealthNote(YAHOO_LIST_FALLBACK_NOTE_KEY, mode === 'fallback' ? YAHOO_LIST_FALLBACK_NOTE : null),
      // a refreshed token is kept (sealed) so a restart does not need the shop to authorise again
      onTokens: (tokens) =>
        saveCredentials({
          ...c,
          refreshToken: tokens.refreshToken,
          refreshTokenIssuedAt: tokens.refreshTokenIssuedAt ? tokens.refreshTokenIssuedAt.toISOString() : (c.refreshTokenIssuedAt ?? null),
          accessToken: tokens.accessToken,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
        } satisfies StoredYahooCredentials),
    });
  };
}
