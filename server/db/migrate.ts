/** Runs the migrations at start. The list is static so a bundled server carries its migrations. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026_11_29_0001_initial.ts';
import * as attachmentPosition from './migrations/2026_11_29_0002_attachment_position.ts';
import * as inquiryCounts from './migrations/2026_11_29_0003_inquiry_counts.ts';
import * as inquiriesOpenByCreated from './migrations/2026_11_29_0004_inquiries_open_by_created.ts';
import * as inquiryVersions from './migrations/2026_11_29_0005_inquiry_versions.ts';
import * as teamWork from './migrations/2026_11_30_0001_team_work.ts';

const MIGRATIONS: Record<string, Migration> = {
  '2026_11_29_0001_initial': initial,
  '2026_11_29_0002_attachment_position': attachmentPosition,
  '2026_11_29_0003_inquiry_counts': inquiryCounts,
  '2026_11_29_0004_inquiries_open_by_created': inquiriesOpenByCreated,
  '2026_11_29_0005_inquiry_versions': inquiryVersions,
  '2026_11_30_0001_team_work': teamWork,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
