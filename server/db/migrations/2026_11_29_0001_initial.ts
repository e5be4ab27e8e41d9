/**
 * The first schema. Frozen: later changes go into new files. Valid on SQLite and PostgreSQL:
 * times are ISO 8601 UTC text (fixed width, so they sort as text on both), flags are 0/1 integers,
 * JSON is text, and only the blob column differs (blob / bytea).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const blob = isPostgres ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mall_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('mall', 'text', (c) => c.notNull())
    // encrypted at rest by the mall-accounts part; never returned
    .addColumn('credentials', blob)
    .addColumn('api_option', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('health', 'text', (c) => c.notNull().defaultTo('not_configured'))
    .addColumn('last_sync_at', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('credential_expires_at', 'text')
    .addColumn('sync_state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mall_accounts_shop_mall_unique', ['shop_id', 'mall'])
    .execute();

  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('mall', 'text', (c) => c.notNull())
    .addColumn('mall_account_id', 'text')
    .addColumn('mall_inquiry_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customer_name', 'text')
    .addColumn('item_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
    // the completion flag as the mall last reported it: taken over only when it changes there
    .addColumn('mall_completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sender', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('preview', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('inquiries_shop_mall_inquiry_unique', ['shop_id', 'mall', 'mall_inquiry_id'])
    .execute();
  await db.schema
    .createIndex('inquiries_inbox')
    .on('inquiries')
    .expression(sql`shop_id, status, last_activity_at desc, id desc`)
    .execute();
  await db.schema
    .createIndex('inquiries_all')
    .on('inquiries')
    .expression(sql`shop_id, last_activity_at desc, id desc`)
    .execute();
  await db.schema.createIndex('inquiries_order').on('inquiries').columns(['shop_id', 'order_id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('mall_message_id', 'text')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // several NULLs are allowed by both databases: messages written here have no mall id until sent
    .addUniqueConstraint('messages_inquiry_mall_message_unique', ['inquiry_id', 'mall_message_id'])
    .execute();
  await db.schema.createIndex('messages_thread').on('messages').columns(['inquiry_id', 'sent_at']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mall_key', 'text')
    // null when the mall no longer serves the file (Rakuten keeps them 90 days)
    .addColumn('data', blob)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_message').on('attachments').columns(['message_id']).execute();

  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('templates_shop_category_name_unique', ['shop_id', 'category', 'name'])
    .execute();

  await db.schema
    .createTable('shop_settings')
    .addColumn('shop_id', 'text', (c) => c.primaryKey())
    .addColumn('rakuten_store_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('yahoo_store_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('inquiry_id', 'text', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('mall_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_inquiry').on('outbox').columns(['inquiry_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'shop_settings', 'templates', 'attachments', 'messages', 'inquiries', 'mall_accounts', 'shops']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
