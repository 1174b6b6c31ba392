// What readers have of a published issue: the issue as it was last published, kept whole. An
// editor's change to a published issue goes into the rows and stays there, unseen by
// readers, until it is published again. NULL: readers have the rows as they are (an issue
// imported as published, or published before this migration, until its first edit).

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('issues').addColumn('live', 'text').execute();
  await db.schema.alterTable('issues').addColumn('live_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('issues').dropColumn('live_at').execute();
  await db.schema.alterTable('issues').dropColumn('live').execute();
}
