import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').addColumn('content_text', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('excerpt', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('reading_minutes', 'integer').execute();
  await db.schema.alterTable('candidates').addColumn('extracted_at', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('extract_error', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['content_text', 'excerpt', 'reading_minutes', 'extracted_at', 'extract_error']) await db.schema.alterTable('candidates').dropColumn(c).execute();
}
