import type { Kysely } from 'kysely';
import { checkIn, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // When a scheduled issue goes out, and on which channels: kept in the database so a restart keeps the schedule.
  await db.schema.alterTable('issues').addColumn('publish_at', 'text').execute();
  await db.schema.alterTable('issues').addColumn('publish_channels', 'text').execute();
  await db.schema.alterTable('issues').addColumn('published_at', 'text').execute();

  await db.schema
    .createTable('subscribers')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['pending', 'active', 'unsubscribed'])))
    .addColumn('member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('form'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addUniqueConstraint('subscribers_email', ['publication_id', 'email'])
    .execute();

  // Addresses no campaign mails again: hard bounces, complaints, and what an editor adds by hand.
  await db.schema
    .createTable('suppressions')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(checkIn('reason', ['bounce', 'complaint', 'manual'])))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pk', ['publication_id', 'email'])
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('issue_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['sending', 'done', 'cancelled'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('campaigns_issue', ['publication_id', 'issue_number'])
    .execute();

  // The outbox: one row per recipient, written whole before the first mail goes out. A row is
  // marked sent before the end of its message is handed to the server (see channels/email/outbox.ts).
  await db.schema
    .createTable('campaign_messages')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['queued', 'sending', 'sent', 'failed'])))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('campaign_messages_recipient', ['campaign_id', 'subscriber_id'])
    .execute();
  await db.schema.createIndex('campaign_messages_status').on('campaign_messages').columns(['campaign_id', 'status']).execute();

  // What each publish did on each channel.
  await db.schema
    .createTable('publish_log')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('issue_number', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['ok', 'failed', 'skipped'])))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['publish_log', 'campaign_messages', 'campaigns', 'suppressions', 'subscribers']) await db.schema.dropTable(t).execute();
  for (const c of ['publish_at', 'publish_channels', 'published_at']) await db.schema.alterTable('issues').dropColumn(c).execute();
}
