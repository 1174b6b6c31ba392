// candidates.title_key and its index were written on every insert and read by nothing: near-
// duplicate titles are grouped in memory among the best-ranked candidates (rank/titles.ts). The
// index alone was a third of the cost of storing a collection, as titles insert at random.

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidates_title_key').execute();
  await db.schema.alterTable('candidates').dropColumn('title_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').addColumn('title_key', 'text', (c) => c.notNull().defaultTo(sql`''`)).execute();
  await db.schema.createIndex('candidates_title_key').on('candidates').columns(['publication_id', 'title_key']).execute();
}
