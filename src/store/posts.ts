// Posts, one row per post and language.

import type { Kysely, Transaction } from 'kysely';
import type { Post, PostKind } from '../core/model.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const asPost = (r: { slug: string; lang: string; kind: string; date: string; title: string; body: string; status: string }): Post => ({
  slug: r.slug,
  lang: r.lang,
  kind: r.kind as PostKind,
  date: r.date,
  title: r.title,
  body: r.body,
  ...(r.status === 'draft' ? { status: 'draft' as const } : {}),
});

/** A post, draft or published. */
export async function getPost(db: Db, publicationId: number, slug: string, lang: string): Promise<Post | undefined> {
  const r = await db.selectFrom('posts').selectAll().where('publication_id', '=', publicationId).where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
  return r && asPost(r);
}

/** The published posts (what readers have), or with `drafts` the editors' drafts too. */
export async function listPosts(db: Db, publicationId: number, opts: { drafts?: boolean } = {}): Promise<Post[]> {
  let q = db.selectFrom('posts').selectAll().where('publication_id', '=', publicationId);
  if (!opts.drafts) q = q.where('status', '=', 'published');
  const rows = await q.orderBy('date', 'desc').orderBy('slug').orderBy('lang').execute();
  return rows.map(asPost);
}

export async function setPostStatus(db: Db, publicationId: number, slug: string, lang: string, status: 'draft' | 'published', now = new Date()): Promise<boolean> {
  const r = await db.updateTable('posts').set({ status, updated_at: now.toISOString() }).where('publication_id', '=', publicationId).where('slug', '=', slug).where('lang', '=', lang).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Changes whenever a post is added, changed or removed. */
export async function postsStamp(db: Db, publicationId: number): Promise<string> {
  const r = await db.selectFrom('posts').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('at')]).where('publication_id', '=', publicationId).executeTakeFirstOrThrow();
  return `${r.n}|${String(r.at)}`;
}

/** Writes a post; says whether it was new, changed or the same. */
export async function savePost(db: Db, publicationId: number, post: Post, now = new Date()): Promise<'created' | 'updated' | 'unchanged'> {
  const was = await getPost(db, publicationId, post.slug, post.lang);
  const status = post.status ?? 'published';
  if (was && was.body === post.body && was.kind === post.kind && was.date === post.date && was.title === post.title && (was.status ?? 'published') === status) return 'unchanged';
  const at = now.toISOString();
  if (was) {
    await db.updateTable('posts').set({ kind: post.kind, date: post.date, title: post.title, body: post.body, status, updated_at: at }).where('publication_id', '=', publicationId).where('slug', '=', post.slug).where('lang', '=', post.lang).execute();
    return 'updated';
  }
  await db.insertInto('posts').values({ publication_id: publicationId, slug: post.slug, lang: post.lang, kind: post.kind, date: post.date, title: post.title, body: post.body, status, created_at: at, updated_at: at }).execute();
  return 'created';
}
