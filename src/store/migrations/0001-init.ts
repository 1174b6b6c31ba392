import type { Kysely } from 'kysely';
import { checkIn, idColumn } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('issues')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['draft', 'scheduled', 'published'])))
    .addColumn('edition', 'text', (c) => c.notNull().check(checkIn('edition', ['full', 'teaser'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issues_publication_number', ['publication_id', 'number'])
    .execute();

  await db.schema
    .createTable('issue_editions')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('layout', 'text')
    .addPrimaryKeyConstraint('issue_editions_pk', ['issue_id', 'lang', 'edition'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('id', idColumn(db), (c) => c.primaryKey())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('image', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('items_issue').on('items').columns(['issue_id', 'section', 'position']).execute();
  await db.schema.createIndex('items_url').on('items').column('url').execute();

  await db.schema
    .createTable('item_texts')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('blurb', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text')
    .addColumn('note', 'text')
    .addColumn('image_alt', 'text')
    .addColumn('layout', 'text')
    .addPrimaryKeyConstraint('item_texts_pk', ['item_id', 'lang'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['item_texts', 'items', 'issue_editions', 'issues', 'publications']) await db.schema.dropTable(t).execute();
}
