// What each feed's entries were when it was last read and stored (sources/feed/marks.ts): a
// daily run reads only the entries that changed. One row per source, in a table of its own so
// that listing sources never reads them; the salt says what the marks were made under (the
// source's tags, the age limit), and marks made under another are not used.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('source_marks')
    .addColumn('source_id', 'integer', (c) => c.primaryKey().references('sources.id').onDelete('cascade'))
    .addColumn('salt', 'text', (c) => c.notNull())
    // The marks, space-separated.
    .addColumn('marks', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('source_marks').execute();
}
