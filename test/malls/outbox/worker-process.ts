/**
 * A server's outbox worker in a process of its own, so the crash test can kill it (SIGKILL) in the
 * middle of its work and start another. Configuration by environment: GOQ_DB_URL, GOQ_SECRET_KEY,
 * CRASH_RAKUTEN_BASE_URL, CRASH_RAKUTEN_LICENSE_BASE_URL, CRASH_YAHOO_BASE_URL.
 */
import { openDatabase } from '../../../server/db/database.ts';
import { parseSecretKey } from '../../../server/malls/credentials-crypto.ts';
import { startMallSide } from '../../../server/malls/mall-side.ts';

const env = process.env;
const { db, close } = openDatabase(env.GOQ_DB_URL!, { poolSize: 5 });
const side = startMallSide({
  db,
  config: {
    secretKey: parseSecretKey(env.GOQ_SECRET_KEY!),
    minIntervalMs: 0,
    schedule: false,
    outboxWorker: true,
    outbox: { leaseMs: 1500, pollMs: 20, backoffBaseMs: 5, backoffMaxMs: 100, maxAttempts: 10_000, batchSize: 20 },
    endpoints: {
      rakutenBaseUrl: env.CRASH_RAKUTEN_BASE_URL,
      rakutenLicenseBaseUrl: env.CRASH_RAKUTEN_LICENSE_BASE_URL,
      yahooBaseUrl: env.CRASH_YAHOO_BASE_URL,
      yahooAuthBaseUrl: env.CRASH_YAHOO_BASE_URL,
      timeoutMs: 300,
    },
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void side.stop().then(close).then(() => process.exit(0));
});
