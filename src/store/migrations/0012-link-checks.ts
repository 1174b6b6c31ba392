// What became of what was featured: each link of the archive as the last sweep found it (with
// the validators for a conditional request next time), the sweeps themselves (so a sweep that was
// stopped resumes where it was), and clicks on signed links in mail when the publication counts
// them, and feed readers as their requests say.

import type { Kysely } from 'kysely';
import { idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // An episode's file: its enclosure (URL, type, length in bytes, duration in seconds), as JSON.
  await db.schema.alterTable('candidates').addColumn('enclosure', 'text').execute();
  await db.schema
    .createTable('link_checks')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('final_url', 'text')
    .addColumn('error', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('link_checks_pk', ['publication_id', 'url'])
    .execute();
  await db.schema
    .createTable('link_sweeps')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('since', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A featured repository as GitHub last said: active, archived or gone (its stars are in repo_snapshots).
  await db.schema
    .createTable('repo_states')
    .addColumn('repo', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('link_clicks')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('issue_number', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('link_clicks_pk', ['publication_id', 'issue_number', 'url', 'day'])
    .execute();
  // Inbound mail from a sender not on the allow list (no newsletter source has its address), held
  // for the editor to allow or drop.
  await db.schema
    .createTable('held_mail')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('feed_readers')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subscribers', 'integer')
    .addPrimaryKeyConstraint('feed_readers_pk', ['publication_id', 'reader', 'feed', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').dropColumn('enclosure').execute();
  for (const t of ['feed_readers', 'held_mail', 'link_clicks', 'repo_states', 'link_sweeps', 'link_checks']) await db.schema.dropTable(t).execute();
}
