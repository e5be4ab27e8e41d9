/**
 * Which server instance does an account's mall work (sync runs and outbox calls): one row per account
 * while an instance holds it, renewed while held, taken over by another instance once `expires_at`
 * has passed. `last_call_at` is the holder's last call to the mall when it handed the lease back, so
 * the next holder keeps the account's call spacing.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mall_account_leases')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_call_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mall_account_leases').ifExists().execute();
}
