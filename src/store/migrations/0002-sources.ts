import type { Kysely } from 'kysely';
import { checkIn, idColumn } from './helpers.ts';

export const SOURCE_KINDS = ['feed', 'github', 'hn', 'reddit', 'v2ex', 'lobsters', 'submission'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(checkIn('kind', [...SOURCE_KINDS])))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('lang', 'text')
    .addColumn('section', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'text')
    .addColumn('next_fetch_at', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sources_publication_kind_url', ['publication_id', 'kind', 'url'])
    .execute();

  await db.schema
    .createTable('candidates')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author', 'text')
    .addColumn('published_at', 'text')
    .addColumn('lang', 'text')
    .addColumn('image', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('engagement', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars', 'integer')
    .addColumn('star_gain', 'integer')
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new').check(checkIn('status', ['new', 'picked', 'skipped'])))
    .addColumn('note', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('candidates_publication_url', ['publication_id', 'url'])
    .execute();
  await db.schema.createIndex('candidates_title_key').on('candidates').columns(['publication_id', 'title_key']).execute();

  await db.schema
    .createTable('sightings')
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('engagement', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sightings_pk', ['candidate_id', 'source_id'])
    .execute();

  await db.schema
    .createTable('repo_snapshots')
    .addColumn('repo', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('forks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('repo_snapshots_pk', ['repo', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['repo_snapshots', 'sightings', 'candidates', 'sources']) await db.schema.dropTable(t).execute();
}
