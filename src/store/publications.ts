// Publications: one row each, their configuration kept whole as JSON.

import type { Kysely } from 'kysely';
import { DEMO_PUBLICATION } from '../core/demo-publication.ts';
import type { Publication } from '../core/model.ts';
import type { Database } from './schema.ts';

export interface StoredPublication {
  id: number;
  pub: Publication;
}

export async function findPublication(db: Kysely<Database>, slug?: string): Promise<StoredPublication | undefined> {
  let q = db.selectFrom('publications').select(['id', 'config']).orderBy('id').limit(1);
  if (slug) q = q.where('slug', '=', slug);
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, pub: JSON.parse(row.config) as Publication } : undefined;
}

export async function getPublication(db: Kysely<Database>, id: number): Promise<StoredPublication | undefined> {
  const row = await db.selectFrom('publications').select(['id', 'config']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, pub: JSON.parse(row.config) as Publication } : undefined;
}

export async function createPublication(db: Kysely<Database>, pub: Publication): Promise<StoredPublication> {
  const row = await db
    .insertInto('publications')
    .values({ slug: pub.slug, config: JSON.stringify(pub), created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, pub };
}

/** The publication to work on: the one named, else the first, else the demo publication, created now. */
export async function usePublication(db: Kysely<Database>, slug?: string): Promise<StoredPublication> {
  const found = await findPublication(db, slug);
  if (found) return found;
  if (slug && slug !== DEMO_PUBLICATION.slug) throw new Error(`store: no publication "${slug}"`);
  return createPublication(db, DEMO_PUBLICATION);
}

export async function updatePublication(db: Kysely<Database>, id: number, pub: Publication): Promise<void> {
  await db.updateTable('publications').set({ config: JSON.stringify(pub) }).where('id', '=', id).execute();
}

export async function listPublications(db: Kysely<Database>): Promise<StoredPublication[]> {
  const rows = await db.selectFrom('publications').select(['id', 'config']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, pub: JSON.parse(r.config) as Publication }));
}
