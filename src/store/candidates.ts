// Candidates: one per canonical link, whatever sources saw it; each sighting adds its signals.
// Only storage: which links are new, what a sighting adds to a stored one, the rows a ranking
// reads. Canonical links, kinds and sections are decided before (rank/place.ts), the ranking
// after (rank/pipeline.ts); app/candidates.ts puts them together.

import type SQLite from 'better-sqlite3';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ItemKind } from '../core/model.ts';
import type { Sighting, Source } from '../sources/types.ts';
import { perConnection } from './prepared.ts';
import type { CandidatesTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface RecordOutcome {
  created: number;
  seen: number;
}

/** The kind and section a new candidate gets (rank/place.ts decides them). */
export type Placement = (url: string, s: Sighting) => { kind: ItemKind; section: string };

/** Writes what one source saw, by canonical link. Call inside the transaction that also records
 * the source's state. On PostgreSQL that is a few multi-row statements whatever the source's size;
 * on the embedded store, pass its connection as `sqlite` and rows go in one by one through
 * statements prepared once (see bulkSqlite). */
export async function writeSightings(
  db: Transaction<Database>,
  publicationId: number,
  source: Source,
  byUrl: Map<string, Sighting>,
  place: Placement,
  now: Date,
  opts: { starGain?: number | undefined; sqlite?: SQLite.Database | undefined } = {},
): Promise<RecordOutcome> {
  const { starGain } = opts;
  const stamp = now.toISOString();
  const pub = { id: publicationId };
  // URL order: concurrent collectors lock rows in the same order and never deadlock.
  const all = [...byUrl.keys()].sort();
  const bulk = opts.sqlite ? bulkSqlite(opts.sqlite) : undefined;
  // A feed's daily run brings back dozens of entries for each new one: a sighting this source
  // made before that would change nothing now is not written again.
  const same = source.lastFetchedAt ? await unchanged(db, bulk, pub.id, source, all, byUrl, starGain) : undefined;
  const urls = same?.size ? all.filter((u) => !same.has(u)) : all;
  if (urls.length === 0) return { created: 0, seen: all.length };

  const sourceTags = source.tags;
  const rowOf = (url: string): Insertable<CandidatesTable> => {
    const s = byUrl.get(url)!;
    const { kind, section } = place(url, s);
    return {
      publication_id: pub.id,
      url,
      title: s.title.slice(0, 500),
      summary: s.summary,
      author: s.author ?? null,
      published_at: s.published ?? null,
      lang: s.lang ?? source.lang ?? null,
      image: s.image ?? null,
      kind,
      section,
      tags: s.tags.length || sourceTags.length ? JSON.stringify([...new Set([...s.tags, ...sourceTags])].slice(0, 12)) : '[]',
      stars: s.stars ?? null,
      star_gain: s.starGain ?? starGain ?? null,
      enclosure: s.enclosure ? JSON.stringify(s.enclosure) : null,
      first_seen_at: stamp,
      updated_at: stamp,
    };
  };
  const ids = new Map<string, number>();
  if (bulk) {
    // Index loops over the links, with no array of rows between: a collection runs this once per
    // source in a fresh process, and the optimised code should hold from the first source to the last.
    for (let i = 0; i < urls.length; i++) {
      const row = rowOf(urls[i]!);
      // run() and the new row's id, not RETURNING: 13% less per row (a row is 8 to 10 microseconds).
      const r = bulk.candidate.run(row.publication_id, row.url, row.title, row.summary, row.author, row.published_at, row.lang, row.image, row.kind, row.section, row.tags, row.stars, row.star_gain, row.enclosure ?? null, row.first_seen_at, row.updated_at);
      if (r.changes === 1) ids.set(row.url, Number(r.lastInsertRowid));
    }
  } else {
    for (const part of chunks(urls.map(rowOf), 200)) {
      const inserted = await db
        .insertInto('candidates')
        .values(part)
        .onConflict((oc) => oc.columns(['publication_id', 'url']).doNothing())
        .returning(['id', 'url'])
        .execute();
      for (const r of inserted) ids.set(r.url, r.id);
    }
  }
  const created = ids.size;

  // Links other sources saw first: add this source's tags and whatever they lacked.
  const known = urls.filter((u) => !ids.has(u));
  for (const existing of known.length ? await storedLinks(db, bulk, pub.id, source.id, known) : []) {
    ids.set(existing.url, existing.id);
    const add = additions(existing, byUrl.get(existing.url)!, source.tags, byUrl.get(existing.url)!.starGain ?? starGain);
    if (bulk) bulk.seenAgain.run(add.tags ?? null, add.summary ?? null, add.image ?? null, add.published_at ?? null, add.stars ?? null, add.star_gain ?? null, stamp, existing.id);
    else await db.updateTable('candidates').set({ ...add, updated_at: stamp }).where('id', '=', existing.id).execute();
  }

  if (bulk) {
    for (let i = 0; i < urls.length; i++) {
      const s = byUrl.get(urls[i]!)!;
      bulk.sighting.run(ids.get(urls[i]!)!, source.id, s.url, s.points, s.comments, stamp);
    }
  } else {
    const seen = urls.map((url) => {
      const s = byUrl.get(url)!;
      return { candidate_id: ids.get(url)!, source_id: source.id, link: s.url, engagement: s.points, comments: s.comments, seen_at: stamp };
    });
    for (const part of chunks(seen, 200)) {
      await db
        .insertInto('sightings')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['candidate_id', 'source_id']).doUpdateSet((eb) => ({ engagement: eb.ref('excluded.engagement'), comments: eb.ref('excluded.comments'), seen_at: eb.ref('excluded.seen_at') })),
        )
        .execute();
    }
  }
  // Engagement is the sum over sources: it changes where this source brings points, or where
  // the link was known already (its earlier sighting from this source may have had others).
  const knownSet = new Set(known);
  const engaged: number[] = [];
  for (let i = 0; i < urls.length; i++) if (byUrl.get(urls[i]!)!.points > 0 || knownSet.has(urls[i]!)) engaged.push(ids.get(urls[i]!)!);
  // (A feed's links bring no points: most sources skip this.)
  if (engaged.length) for (const part of chunks(engaged, 500)) {
    await db
      .updateTable('candidates')
      .set({ engagement: sql<number>`(select coalesce(sum(s.engagement), 0) from sightings s where s.candidate_id = candidates.id)` })
      .where('id', 'in', part)
      .execute();
  }
  return { created, seen: all.length };
}

/** A row of storedLinks' query. */
interface StoredLinkRow {
  id: number;
  url: string;
  tags: string;
  published_at: string | null;
  stars: number | null;
  star_gain: number | null;
  engagement: number | null;
  comments: number | null;
  has_summary: boolean | number;
  has_image: boolean | number;
}

/** What is stored of a link: what a sighting is compared with, and this source's last counts. */
interface StoredLink {
  id: number;
  url: string;
  tags: string;
  hasSummary: boolean;
  hasImage: boolean;
  published_at: string | null;
  stars: number | null;
  star_gain: number | null;
  /** This source's sighting of it, if it has one. */
  seen: { engagement: number; comments: number } | undefined;
}

/** The stored candidates among these links, with the sighting this source made of each. */
async function storedLinks(db: Transaction<Database>, bulk: BulkStatements | undefined, publicationId: number, sourceId: number, urls: string[]): Promise<StoredLink[]> {
  const out: StoredLink[] = [];
  for (const part of chunks(urls, 500)) {
    // A feed's daily run asks this once per source, for a handful of links: on the embedded store
    // through one statement prepared once (the links as a JSON array), not a query built each time.
    const rows = bulk
      ? (bulk.storedLinks.all(sourceId, publicationId, JSON.stringify(part)) as StoredLinkRow[])
      : await db
      .selectFrom('candidates')
      .leftJoin('sightings', (j) => j.onRef('sightings.candidate_id', '=', 'candidates.id').on('sightings.source_id', '=', sourceId))
      .select(['candidates.id', 'candidates.url', 'candidates.tags', 'candidates.published_at', 'candidates.stars', 'candidates.star_gain', 'sightings.engagement', 'sightings.comments'])
      // Whether there is a summary, not the summary: a feed's worth of them is most of what a row holds.
      .select(sql<boolean | number>`candidates.summary <> ''`.as('has_summary'))
      .select(sql<boolean | number>`coalesce(candidates.image, '') <> ''`.as('has_image'))
      .where('candidates.publication_id', '=', publicationId)
      .where('candidates.url', 'in', part)
      .execute();
    for (const r of rows as StoredLinkRow[]) {
      out.push({
        id: r.id,
        url: r.url,
        tags: r.tags,
        hasSummary: !!r.has_summary,
        hasImage: !!r.has_image,
        published_at: r.published_at,
        stars: r.stars,
        star_gain: r.star_gain,
        seen: r.engagement === null || r.comments === null ? undefined : { engagement: r.engagement, comments: r.comments },
      });
    }
  }
  return out;
}

/** What a sighting adds to a stored candidate: tags it lacks, a summary or an image where it has
 * none, an earlier date, newer counts. Nothing when it brings nothing new. */
function additions(k: StoredLink, s: Sighting, sourceTags: string[], starGain: number | undefined): Partial<Pick<Selectable<CandidatesTable>, 'tags' | 'summary' | 'image' | 'published_at' | 'stars' | 'star_gain'>> {
  const add: ReturnType<typeof additions> = {};
  const incoming = [...s.tags, ...sourceTags];
  if (incoming.some((t) => !k.tags.includes(JSON.stringify(t)))) {
    const tags = JSON.stringify([...new Set([...(JSON.parse(k.tags) as string[]), ...incoming])].slice(0, 12));
    if (tags !== k.tags) add.tags = tags;
  }
  if (!k.hasSummary && s.summary) add.summary = s.summary;
  if (!k.hasImage && s.image) add.image = s.image;
  if (s.published && (!k.published_at || s.published < k.published_at)) add.published_at = s.published;
  if (s.stars !== undefined && s.stars !== k.stars) add.stars = s.stars;
  if (starGain !== undefined && starGain !== k.star_gain) add.star_gain = starGain;
  return add;
}

/** Of these links, those this source has recorded already and whose sighting now would change
 * nothing: the same points and comments, and nothing the candidate lacks. */
async function unchanged(db: Transaction<Database>, bulk: BulkStatements | undefined, publicationId: number, source: Source, urls: string[], byUrl: Map<string, Sighting>, starGain: number | undefined): Promise<Set<string>> {
  const same = new Set<string>();
  for (const k of await storedLinks(db, bulk, publicationId, source.id, urls)) {
    const s = byUrl.get(k.url)!;
    if (k.seen?.engagement === s.points && k.seen.comments === s.comments && Object.keys(additions(k, s, source.tags, s.starGain ?? starGain)).length === 0) same.add(k.url);
  }
  return same;
}

const CANDIDATE_COLUMNS = ['publication_id', 'url', 'title', 'summary', 'author', 'published_at', 'lang', 'image', 'kind', 'section', 'tags', 'stars', 'star_gain', 'enclosure', 'first_seen_at', 'updated_at'];

/** On the embedded store a row costs a few microseconds through a statement prepared once, and
 * nothing through the query builder, which for a collection of 25,000 links was over half the
 * time of storing it. These run on the connection the caller's transaction holds. */
const bulkSqlite = perConnection((database) => ({
  candidate: database.prepare(
    `insert into candidates (${CANDIDATE_COLUMNS.join(', ')}) values (${CANDIDATE_COLUMNS.map(() => '?').join(', ')}) on conflict (publication_id, url) do nothing`,
  ),
  // What a sighting adds (null for what it leaves as it was); see additions().
  seenAgain: database.prepare(
    'update candidates set tags = coalesce(?, tags), summary = coalesce(?, summary), image = coalesce(?, image), published_at = coalesce(?, published_at), ' +
      'stars = coalesce(?, stars), star_gain = coalesce(?, star_gain), updated_at = ? where id = ?',
  ),
  sighting: database.prepare(
    'insert into sightings (candidate_id, source_id, link, engagement, comments, seen_at) values (?, ?, ?, ?, ?, ?) ' +
      'on conflict (candidate_id, source_id) do update set engagement = excluded.engagement, comments = excluded.comments, seen_at = excluded.seen_at',
  ),
  // storedLinks' query (see there), the links given as a JSON array.
  storedLinks: database.prepare(
    'select c.id, c.url, c.tags, c.published_at, c.stars, c.star_gain, s.engagement, s.comments, ' +
      "c.summary <> '' as has_summary, coalesce(c.image, '') <> '' as has_image " +
      'from candidates c left join sightings s on s.candidate_id = c.id and s.source_id = ? ' +
      'where c.publication_id = ? and c.url in (select value from json_each(?))',
  ),
}));
type BulkStatements = ReturnType<typeof bulkSqlite>;

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface CandidateFilter {
  section?: string | undefined;
  since?: string | undefined;
  limit?: number | undefined;
  status?: 'new' | 'picked' | 'skipped' | 'all' | undefined;
  text?: string | undefined;
  sourceId?: number | undefined;
  lang?: string | undefined;
}

export type CandidateRow = Selectable<CandidatesTable>;

/** What ordering a candidate takes of its row (rank/pipeline.ts). A first collection leaves
 * 25,000 candidates to order, of which the inbox shows a few thousand: the rest of a row (its
 * summary, most of what it holds) is read for the rows shown (candidateDetails), not for all. */
const SCORE_COLUMNS = ['id', 'url', 'title', 'published_at', 'first_seen_at', 'stars', 'star_gain'] as const;
export type ScoreRow = Pick<CandidateRow, (typeof SCORE_COLUMNS)[number]>;
/** A candidate's row as the inbox shows it: all but the article's text. */
export type DetailRow = Omit<CandidateRow, 'content_text'>;
const DETAIL_COLUMNS = [
  'id', 'publication_id', 'url', 'title', 'summary', 'author', 'published_at', 'lang', 'image', 'kind', 'section', 'tags', 'engagement', 'stars', 'star_gain',
  'enclosure', 'status', 'note', 'first_seen_at', 'updated_at', 'excerpt', 'reading_minutes', 'extracted_at', 'extract_error',
] as const satisfies readonly (keyof DetailRow)[];

/** One source's sighting of a candidate, with what the ranking needs of the source. */
export interface SightingRow {
  candidate_id: number;
  link: string;
  engagement: number;
  comments: number;
  source_id: number;
  kind: string;
  title: string;
  source_url: string;
  weight: number;
}

/** The candidates a filter selects, as a ranking reads them, and every sighting of them. */
export async function candidateRows(db: Db, publicationId: number, f: CandidateFilter = {}): Promise<{ rows: ScoreRow[]; sightings: SightingRow[] }> {
  // The filter as a query of ids: the sightings are read by it too, in one statement (not by
  // lists of ids, 25,000 of them after a first collection).
  let ids = db.selectFrom('candidates').select('id').where('publication_id', '=', publicationId);
  if (f.status !== 'all') ids = ids.where('status', '=', f.status ?? 'new');
  if (f.section) ids = ids.where('section', '=', f.section);
  if (f.lang) ids = ids.where('lang', '=', f.lang);
  if (f.since) ids = ids.where((eb) => eb.or([eb('published_at', '>=', f.since!), eb.and([eb('published_at', 'is', null), eb('first_seen_at', '>=', f.since!)])]));
  if (f.text) {
    // Words in the title or the link, or a tag exactly, in any case, on either database (on
    // PostgreSQL, like is case-sensitive); % and _ are the editor's text, not patterns.
    const pattern = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = pattern(f.text.trim());
    const tag = pattern(JSON.stringify(f.text.trim()));
    ids = ids.where(() => sql<boolean>`(lower(title) like ${like} escape '\\' or lower(url) like ${like} escape '\\' or lower(tags) like ${tag} escape '\\')`);
  }
  if (f.sourceId) ids = ids.where('id', 'in', (eb) => eb.selectFrom('sightings').select('candidate_id').where('source_id', '=', f.sourceId!));
  const [rows, got] = await Promise.all([
    db.selectFrom('candidates').select(SCORE_COLUMNS).where('id', 'in', ids).execute(),
    db
      .selectFrom('sightings')
      .innerJoin('sources', 'sources.id', 'sightings.source_id')
      .select(['sightings.candidate_id', 'sightings.link', 'sightings.engagement', 'sightings.comments', 'sources.id as source_id', 'sources.kind', 'sources.title', 'sources.url as source_url', 'sources.weight'])
      .where('sightings.candidate_id', 'in', ids)
      .execute(),
  ]);
  const sightings: SightingRow[] = got.map((g) => ({ ...g, weight: Number(g.weight) }));
  return { rows, sightings };
}

/** These candidates' rows, by id: read for the rows a ranking shows, not for all it ordered. */
export async function candidateDetails(db: Db, publicationId: number, ids: number[]): Promise<Map<number, DetailRow>> {
  const out = new Map<number, DetailRow>();
  for (const part of chunks(ids, 500)) {
    const got = await db.selectFrom('candidates').select(DETAIL_COLUMNS).where('publication_id', '=', publicationId).where('id', 'in', part).execute();
    for (const r of got) out.set(r.id, r);
  }
  return out;
}

/** Per source, how many of the candidates it saw the editor picked and skipped. */
export async function decisionsBySource(db: Db, publicationId: number): Promise<Map<number, { picked: number; skipped: number }>> {
  const rows = await db
    .selectFrom('sightings')
    .innerJoin('candidates', 'candidates.id', 'sightings.candidate_id')
    .select(['sightings.source_id', 'candidates.status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('candidates.publication_id', '=', publicationId)
    .where('candidates.status', 'in', ['picked', 'skipped'])
    .groupBy(['sightings.source_id', 'candidates.status'])
    .execute();
  const tally = new Map<number, { picked: number; skipped: number }>();
  for (const r of rows) {
    const t = tally.get(r.source_id) ?? { picked: 0, skipped: 0 };
    t[r.status as 'picked' | 'skipped'] += Number(r.n);
    tally.set(r.source_id, t);
  }
  return tally;
}

/** Every linked item of a published issue, with its titles, oldest issue first. */
export async function publishedLinks(db: Db, publicationId: number): Promise<{ url: string; number: number; title: string | null }[]> {
  const rows = await db
    .selectFrom('items')
    .innerJoin('issues', 'issues.id', 'items.issue_id')
    .leftJoin('item_texts', 'item_texts.item_id', 'items.id')
    .select(['items.url', 'issues.number', 'item_texts.title'])
    .where('issues.publication_id', '=', publicationId)
    .where('issues.status', '=', 'published')
    .where('items.url', 'is not', null)
    .orderBy('issues.number')
    .execute();
  return rows.map((r) => ({ url: r.url!, number: r.number, title: r.title }));
}

export async function candidateById(db: Db, publicationId: number, id: number): Promise<CandidateRow | undefined> {
  return db.selectFrom('candidates').selectAll().where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst();
}

export async function candidateIdByUrl(db: Db, publicationId: number, url: string): Promise<number | undefined> {
  return (await db.selectFrom('candidates').select('id').where('publication_id', '=', publicationId).where('url', '=', url).executeTakeFirst())?.id;
}

/** Adds a note to a candidate's, after a blank line: a second reader's note, or the editor's
 * when saving a link a reader sent, is kept beside the first, never in its place. A note already
 * there is not added twice. */
export async function addCandidateNote(db: Db, publicationId: number, id: number, note: string): Promise<void> {
  const row = await db.selectFrom('candidates').select('note').where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst();
  const had = row?.note ?? '';
  if (had.split('\n\n').includes(note)) return;
  await db.updateTable('candidates').set({ note: had ? `${had}\n\n${note}` : note }).where('publication_id', '=', publicationId).where('id', '=', id).execute();
}

export async function setCandidateStatus(db: Db, publicationId: number, id: number, status: 'new' | 'picked' | 'skipped'): Promise<boolean> {
  const r = await db.updateTable('candidates').set({ status, updated_at: new Date().toISOString() }).where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Star gain over the last week from the snapshots kept for a repository. */
export async function starGain(db: Db, repo: string, stars: number, now: Date): Promise<number | undefined> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const base =
    (await db.selectFrom('repo_snapshots').select('stars').where('repo', '=', repo).where('taken_at', '<=', weekAgo).orderBy('taken_at', 'desc').limit(1).executeTakeFirst()) ??
    (await db.selectFrom('repo_snapshots').select('stars').where('repo', '=', repo).where('taken_at', '>', weekAgo).orderBy('taken_at').limit(1).executeTakeFirst());
  return base ? stars - base.stars : undefined;
}

export async function snapshotRepo(db: Db, snap: { repo: string; stars: number; forks: number }, now: Date): Promise<void> {
  await db
    .insertInto('repo_snapshots')
    .values({ repo: snap.repo, taken_at: now.toISOString(), stars: snap.stars, forks: snap.forks })
    .onConflict((oc) => oc.columns(['repo', 'taken_at']).doNothing())
    .execute();
}

/** Skips those of `ids` that are still new; returns how many were. */
export async function skipCandidates(db: Db, publicationId: number, ids: number[], now: Date): Promise<number> {
  let n = 0;
  for (const part of chunks(ids, 500)) {
    const r = await db.updateTable('candidates').set({ status: 'skipped', updated_at: now.toISOString() }).where('publication_id', '=', publicationId).where('id', 'in', part).where('status', '=', 'new').executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** The newest candidate's id (0 for none): candidates stored later have higher ones. */
export async function lastCandidateId(db: Db, publicationId: number): Promise<number> {
  const r = await db.selectFrom('candidates').select((eb) => eb.fn.max('id').as('id')).where('publication_id', '=', publicationId).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** How many candidates in the inbox were stored after the one numbered `after`. */
export async function newSince(db: Db, publicationId: number, after: number): Promise<number> {
  const r = await db
    .selectFrom('candidates')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('publication_id', '=', publicationId)
    .where('status', '=', 'new')
    .where('id', '>', after)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function candidateByUrl(db: Db, publicationId: number, url: string): Promise<CandidateRow | undefined> {
  return db.selectFrom('candidates').selectAll().where('publication_id', '=', publicationId).where('url', '=', url).executeTakeFirst();
}

export async function candidateLinks(db: Db, publicationId: number, ids: number[]): Promise<{ id: number; url: string }[]> {
  const out: { id: number; url: string }[] = [];
  for (const part of chunks(ids, 500)) out.push(...(await db.selectFrom('candidates').select(['id', 'url']).where('publication_id', '=', publicationId).where('id', 'in', part).execute()));
  return out;
}

/** The candidates whose page has not been read yet. */
export async function notExtracted(db: Db, publicationId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('candidates').select('id').where('publication_id', '=', publicationId).where('extracted_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** What the article page gave: its text (up to 100,000 characters), excerpt and reading time, and what the page declares. */
export async function saveExtraction(
  db: Db,
  id: number,
  a: { text: string; excerpt: string; readingMinutes: number; image?: string | undefined; author?: string | undefined; lang?: string | undefined },
  at: string,
): Promise<void> {
  await db
    .updateTable('candidates')
    .set({
      content_text: a.text.slice(0, 100_000),
      excerpt: a.excerpt.slice(0, 1000),
      reading_minutes: a.readingMinutes,
      extracted_at: at,
      extract_error: null,
      ...(a.image ? { image: a.image } : {}),
      ...(a.author ? { author: a.author } : {}),
      ...(a.lang ? { lang: a.lang } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function saveExtractionError(db: Db, id: number, error: string, at: string): Promise<void> {
  await db.updateTable('candidates').set({ extracted_at: at, extract_error: error }).where('id', '=', id).execute();
}
