/** Runs the migrations at start. The list is static so a bundled server carries its migrations. */
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026_11_29_0001_initial.ts';
import * as attachmentPosition from './migrations/2026_11_29_0002_attachment_position.ts';
import * as inquiryCounts from './migrations/2026_11_29_0003_inquiry_counts.ts';
import * as inquiriesOpenByCreated from './migrations/2026_11_29_0004_inquiries_open_by_created.ts';
import * as inquiryVersions from './migrations/2026_11_29_0005_inquiry_versions.ts';
import * as inquirySearch from './migrations/2026_11_30_0006_inquiry_search.ts';
import * as mallAccountNotifications from './migrations/2026_11_30_0011_mall_account_notifications.ts';
import * as mallAccountLeases from './migrations/2026_11_30_0101_mall_account_leases.ts';
import * as teamWork from './migrations/2026_11_30_0201_team_work.ts';
import * as searchIndexOncePerWrite from './migrations/2026_11_30_0301_search_index_once_per_write.ts';

const MIGRATIONS: Record<string, Migration> = {
  '2026_11_29_0001_initial': initial,
  '2026_11_29_0002_attachment_position': attachmentPosition,
  '2026_11_29_0003_inquiry_counts': inquiryCounts,
  '2026_11_29_0004_inquiries_open_by_created': inquiriesOpenByCreated,
  '2026_11_29_0005_inquiry_versions': inquiryVersions,
  '2026_11_30_0006_inquiry_search': inquirySearch,
  '2026_11_30_0011_mall_account_notifications': mallAccountNotifications,
  '2026_11_30_0101_mall_account_leases': mallAccountLeases,
  '2026_11_30_0201_team_work': teamWork,
  '2026_11_30_0301_search_index_once_per_write': searchIndexOncePerWrite,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Any fixed number: the advisory lock's key, the same in every instance. */
const MIGRATION_LOCK_KEY = 71_530_104;

/**
 * Migrates to the latest version. On PostgreSQL several instances may start together: they take
 * turns under a session advisory lock held on one connection, so the second finds the work done.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrate(db);
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      await migrate(db);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** Whether every migration this build knows has been applied (readiness). */
export async function migrationsDone(db: Kysely<any>): Promise<boolean> {
  const migrations = await new Migrator({ db, provider }).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}

async function migrate(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
