// What sign-in needs to hold across restarts and hosts: member sessions that can be listed and
// revoked, sign-in links that work once, and failed-login counters shared by every server.

import type { Kysely } from 'kysely';
import { idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // A mail is sent when the server has answered its final dot. dot_at marks the gap between the dot
  // and the answer: a sender that dies there leaves a mail that may or may not have been taken,
  // which is sent again and counted as possibly duplicated.
  await db.schema.alterTable('campaign_messages').addColumn('dot_at', 'text').execute();
  await db.schema.alterTable('campaign_messages').addColumn('duplicate', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // A source being collected is leased to the run collecting it: a second run at once leaves it.
  await db.schema.alterTable('sources').addColumn('lease_until', 'text').execute();
  await db.schema
    .createTable('member_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('member_sessions_email').on('member_sessions').columns(['publication_id', 'email']).execute();

  // Every webhook call and its answer: what was sent where, when, and what came back.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('issue_number', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A sign-in link's hash once it has been used; kept until the link would have expired anyway.
  await db.schema
    .createTable('used_tokens')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // Failed sign-ins per key ("address:…", "account:…") in the current window.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();

  // Addresses an account has signed in from: the account-wide limit does not apply to them, so
  // guesses from elsewhere cannot lock the owner out.
  await db.schema
    .createTable('known_logins')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('known_logins_user_address', ['user_id', 'address'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['webhook_deliveries', 'known_logins', 'login_throttle', 'used_tokens', 'member_sessions']) await db.schema.dropTable(t).execute();
  for (const c of ['dot_at', 'duplicate']) await db.schema.alterTable('campaign_messages').dropColumn(c).execute();
  await db.schema.alterTable('sources').dropColumn('lease_until').execute();
}
