// Posts: what an archive holds besides numbered issues (season compilations, link digests,
// announcements), one row per post and language, kept whole.

import type { Kysely } from 'kysely';
import { idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // The file each imported edition came from: another file for the same issue and language is a collision.
  await db.schema.alterTable('issue_editions').addColumn('source', 'text').execute();
  await db.schema
    .createTable('posts')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('posts_slug_lang', ['publication_id', 'slug', 'lang'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('posts').execute();
  await db.schema.alterTable('issue_editions').dropColumn('source').execute();
}
