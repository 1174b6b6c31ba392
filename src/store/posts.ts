// Posts, one row per post and language.

import type { Kysely, Transaction } from 'kysely';
import type { Post, PostKind } from '../core/model.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function getPost(db: Db, publicationId: number, slug: string, lang: string): Promise<Post | undefined> {
  const r = await db.selectFrom('posts').selectAll().where('publication_id', '=', publicationId).where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
  return r && { slug: r.slug, lang: r.lang, kind: r.kind as PostKind, date: r.date, title: r.title, body: r.body };
}

export async function listPosts(db: Db, publicationId: number): Promise<Post[]> {
  const rows = await db.selectFrom('posts').selectAll().where('publication_id', '=', publicationId).orderBy('date', 'desc').orderBy('slug').orderBy('lang').execute();
  return rows.map((r) => ({ slug: r.slug, lang: r.lang, kind: r.kind as PostKind, date: r.date, title: r.title, body: r.body }));
}

/** Changes whenever a post is added, changed or removed. */
export async function postsStamp(db: Db, publicationId: number): Promise<string> {
  const r = await db.selectFrom('posts').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('at')]).where('publication_id', '=', publicationId).executeTakeFirstOrThrow();
  return `${r.n}|${String(r.at)}`;
}

/** Writes a post; says whether it was new, changed or the same. */
export async function savePost(db: Db, publicationId: number, post: Post, now = new Date()): Promise<'created' | 'updated' | 'unchanged'> {
  const was = await getPost(db, publicationId, post.slug, post.lang);
  if (was && was.body === post.body && was.kind === post.kind && was.date === post.date && was.title === post.title) return 'unchanged';
  const at = now.toISOString();
  if (was) {
    await db.updateTable('posts').set({ kind: post.kind, date: post.date, title: post.title, body: post.body, updated_at: at }).where('publication_id', '=', publicationId).where('slug', '=', post.slug).where('lang', '=', post.lang).execute();
    return 'updated';
  }
  await db.insertInto('posts').values({ publication_id: publicationId, slug: post.slug, lang: post.lang, kind: post.kind, date: post.date, title: post.title, body: post.body, created_at: at, updated_at: at }).execute();
  return 'created';
}
