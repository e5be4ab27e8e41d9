/**
 * When the account last received a Rakuten 問い合わせユーザアクション通知: the settings screen tells from
 * it whether the notification is approved and arriving (without it, inquiries older than 30 days stay
 * out of reach).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mall_accounts').addColumn('last_notification_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mall_accounts').dropColumn('last_notification_at').execute();
}
