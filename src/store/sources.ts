// Sources of a publication and their fetch state.

import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isSourceKind, PUSHED_KINDS, SOURCE_KINDS } from '../sources/kinds.ts';
import type { Source, SourceKind } from '../sources/types.ts';
import { perConnection } from './prepared.ts';
import type { Database, SourcesTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

function fromRow(r: Selectable<SourcesTable>): Source {
  return {
    id: r.id,
    kind: r.kind as SourceKind,
    url: r.url,
    title: r.title,
    weight: Number(r.weight),
    lang: r.lang,
    section: r.section,
    tags: JSON.parse(r.tags) as string[],
    etag: r.etag,
    lastModified: r.last_modified,
    lastFetchedAt: r.last_fetched_at,
    nextFetchAt: r.next_fetch_at,
    errorCount: r.error_count,
    lastError: r.last_error,
    enabled: r.enabled === 1,
  };
}

export interface NewSource {
  kind: SourceKind;
  url: string;
  title?: string | undefined;
  weight?: number | undefined;
  lang?: string | null | undefined;
  section?: string | null | undefined;
  tags?: string[] | undefined;
  enabled?: boolean | undefined;
}

/** The publication's source of that kind and address, if it has one. */
export async function findSource(db: Db, publicationId: number, kind: SourceKind, url: string): Promise<Source | undefined> {
  const row = await db.selectFrom('sources').selectAll().where('publication_id', '=', publicationId).where('kind', '=', kind).where('url', '=', url).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Adds a source unless the publication has one of that kind and address: that one is left as
 * the editor set it (its name, weight, section), not reset to the defaults given here. */
export async function ensureSource(db: Db, publicationId: number, s: NewSource): Promise<{ id: number; created: boolean }> {
  const existing = await findSource(db, publicationId, s.kind, s.url);
  return existing ? { id: existing.id, created: false } : upsertSource(db, publicationId, s);
}

/** Adds a source, or updates the one with the same kind and URL. Returns its id and whether it was new. */
export async function upsertSource(db: Db, publicationId: number, s: NewSource): Promise<{ id: number; created: boolean }> {
  // The kind is text in the database (a new kind needs no migration), so it is checked here.
  if (!isSourceKind(s.kind)) throw new Error(`sources: unknown kind "${s.kind}"; kinds are ${SOURCE_KINDS.join(', ')}`);
  const existing = await db.selectFrom('sources').select('id').where('publication_id', '=', publicationId).where('kind', '=', s.kind).where('url', '=', s.url).executeTakeFirst();
  const values = {
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.weight !== undefined ? { weight: s.weight } : {}),
    ...(s.lang !== undefined ? { lang: s.lang } : {}),
    ...(s.section !== undefined ? { section: s.section } : {}),
    ...(s.tags !== undefined ? { tags: JSON.stringify(s.tags) } : {}),
    ...(s.enabled !== undefined ? { enabled: s.enabled ? 1 : 0 } : {}),
  };
  if (existing) {
    if (Object.keys(values).length) await db.updateTable('sources').set(values).where('id', '=', existing.id).execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('sources')
    .values({ publication_id: publicationId, kind: s.kind, url: s.url, created_at: new Date().toISOString(), ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function listSources(db: Db, publicationId: number): Promise<Source[]> {
  const rows = await db.selectFrom('sources').selectAll().where('publication_id', '=', publicationId).orderBy('kind').orderBy('url').execute();
  return rows.map(fromRow);
}

/** Sources a collection fetches: enabled ones, not the readers' submissions. */
const collectable = (db: Db, publicationId: number) => db.selectFrom('sources').where('publication_id', '=', publicationId).where('enabled', '=', 1).where('kind', 'not in', PUSHED_KINDS);

/** Enabled sources whose next fetch is due (or never scheduled); with no time, all of them. */
export async function dueSources(db: Db, publicationId: number, now?: Date): Promise<Source[]> {
  let q = collectable(db, publicationId).selectAll();
  if (now) q = q.where((eb) => eb.or([eb('next_fetch_at', 'is', null), eb('next_fetch_at', '<=', now.toISOString())]));
  return (await q.orderBy('id').execute()).map(fromRow);
}

/** How many sources a collection would fetch when due, and the earliest time one is due (null if none has a time yet). */
export async function nextDue(db: Db, publicationId: number): Promise<{ sources: number; at: string | null }> {
  const r = await collectable(db, publicationId)
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('next_fetch_at').as('at')])
    .executeTakeFirstOrThrow();
  return { sources: Number(r.n), at: (r.at as string | null) ?? null };
}

export async function getSource(db: Db, id: number): Promise<Source | undefined> {
  const r = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/** Default time between fetches of a healthy source. */
export const FETCH_INTERVAL_MS = 60 * 60 * 1000;
/** The longest a failing source waits before its next try. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** `sqlite`: the embedded store's connection, which the caller's transaction holds (see fetchState). */
export async function recordSuccess(db: Db, id: number, now: Date, v: { etag?: string | undefined; lastModified?: string | undefined; title?: string | undefined }, sqlite?: SQLite.Database): Promise<void> {
  const lastFetched = now.toISOString();
  const next = new Date(now.getTime() + FETCH_INTERVAL_MS).toISOString();
  if (sqlite) {
    fetchState(sqlite).success.run(v.etag ?? null, v.lastModified ?? null, lastFetched, next, v.title || null, id);
    return;
  }
  await db
    .updateTable('sources')
    .set({
      etag: v.etag ?? null,
      last_modified: v.lastModified ?? null,
      last_fetched_at: lastFetched,
      next_fetch_at: next,
      error_count: 0,
      last_error: null,
      lease_until: null,
      // Only an empty title is filled from the feed; what the editor named a source stays.
      ...(v.title ? { title: sql<string>`case when title = '' then ${v.title} else title end` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** A source's marks as stored: what they were made under, and "mark:note" pairs, space-separated. */
export interface StoredMarks {
  salt: string;
  marks: string;
}

/** The stored marks of these sources (one query per thousand), by source. */
export async function storedMarks(db: Db, sourceIds: number[]): Promise<Map<number, StoredMarks>> {
  const out = new Map<number, StoredMarks>();
  for (let i = 0; i < sourceIds.length; i += 1000) {
    const rows = await db.selectFrom('source_marks').select(['source_id', 'salt', 'marks']).where('source_id', 'in', sourceIds.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.source_id, { salt: r.salt, marks: r.marks });
  }
  return out;
}

/** The marks (sources/feed/marks.ts) with their notes, if they were made under this salt. */
export function marksUnder(stored: StoredMarks | undefined, salt: string): Map<string, string> | undefined {
  if (!stored || stored.salt !== salt || !stored.marks) return undefined;
  const out = new Map<string, string>();
  for (const pair of stored.marks.split(' ')) {
    const i = pair.indexOf(':');
    out.set(i === -1 ? pair : pair.slice(0, i), i === -1 ? '' : pair.slice(i + 1));
  }
  return out;
}

/** Replaces a source's marks, in the transaction that stores what they mark. */
export async function saveSourceMarks(db: Db, sourceId: number, salt: string, marks: [mark: string, note: string][], sqlite?: SQLite.Database): Promise<void> {
  let text = '';
  for (let i = 0; i < marks.length; i++) text += `${i ? ' ' : ''}${marks[i]![0]}:${marks[i]![1]}`;
  const row = { source_id: sourceId, salt, marks: text };
  if (sqlite) {
    fetchState(sqlite).marks.run(row.source_id, row.salt, row.marks);
    return;
  }
  await db.insertInto('source_marks').values(row).onConflict((oc) => oc.column('source_id').doUpdateSet({ salt: row.salt, marks: row.marks })).execute();
}

/** What a collection writes of every source it fetched, on the embedded store: statements
 * prepared once, as the query builder costs more than SQLite for a one-row write (a collection
 * of 500 feeds makes a thousand). The same writes as the built queries beside them. */
const fetchState = perConnection((database) => ({
  // Only an empty title is filled from the feed: what the editor named a source stays.
  success: database.prepare(
    'update sources set etag = ?, last_modified = ?, last_fetched_at = ?, next_fetch_at = ?, error_count = 0, last_error = null, lease_until = null, ' +
      "title = coalesce(nullif(title, ''), ?, title) where id = ?",
  ),
  marks: database.prepare('insert into source_marks (source_id, salt, marks) values (?, ?, ?) on conflict (source_id) do update set salt = excluded.salt, marks = excluded.marks'),
}));

/** A failing source is tried less and less often: the interval doubles per failure, up to a day. */
export async function recordFailure(db: Db, source: Source, now: Date, error: string): Promise<void> {
  const errors = source.errorCount + 1;
  const wait = Math.min(FETCH_INTERVAL_MS * 2 ** (errors - 1), MAX_BACKOFF_MS);
  await db
    .updateTable('sources')
    .set({ error_count: errors, last_error: error, last_fetched_at: now.toISOString(), next_fetch_at: new Date(now.getTime() + wait).toISOString(), lease_until: null })
    .where('id', '=', source.id)
    .execute();
}

/** How long a run may hold a source; one that died holding it lets go after this. */
export const LEASE_MS = 10 * 60 * 1000;

/**
 * Leases sources to this run, in one statement: those another run holds are not returned, nor
 * (unless `due` is false, for a run asked to fetch them anyway) those another run has collected
 * since this one read its list. The lease ends when the source's outcome is recorded
 * (recordSuccess, recordFailure, releaseSources).
 */
export async function claimSources(db: Db, ids: number[], now: Date, leaseMs = LEASE_MS, due = true): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .updateTable('sources')
      .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
      .where('id', 'in', ids.slice(i, i + 500))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now.toISOString())]))
      .$if(due, (q) => q.where((eb) => eb.or([eb('next_fetch_at', 'is', null), eb('next_fetch_at', '<=', now.toISOString())])))
      .returning('id')
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** The sources a collection holds now (any run's, in any process): their lease runs past `now`. */
export async function collectingSources(db: Db, publicationId: number, now: Date): Promise<Set<number>> {
  const rows = await db.selectFrom('sources').select('id').where('publication_id', '=', publicationId).where('lease_until', '>', now.toISOString()).execute();
  return new Set(rows.map((r) => r.id));
}

export async function releaseSources(db: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.updateTable('sources').set({ lease_until: null }).where('id', 'in', ids.slice(i, i + 500)).execute();
}

/** The built-in source that reader submissions come from. */
export async function submissionSource(db: Db, publicationId: number): Promise<number> {
  return (await ensureSource(db, publicationId, { kind: 'submission', url: 'readers', title: 'Reader submissions', weight: 1.5 })).id;
}

/** Changes a source's settings (those given); false when the publication has no such source. */
export async function updateSource(
  db: Db,
  publicationId: number,
  id: number,
  s: { enabled?: boolean | undefined; weight?: number | undefined; title?: string | undefined; lang?: string | null | undefined; section?: string | null | undefined; tags?: string[] | undefined },
): Promise<boolean> {
  const values = {
    ...(s.enabled !== undefined ? { enabled: s.enabled ? 1 : 0 } : {}),
    ...(s.weight !== undefined ? { weight: s.weight } : {}),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.lang !== undefined ? { lang: s.lang } : {}),
    ...(s.section !== undefined ? { section: s.section } : {}),
    ...(s.tags !== undefined ? { tags: JSON.stringify(s.tags) } : {}),
  };
  if (!Object.keys(values).length) return !!(await db.selectFrom('sources').select('id').where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst());
  const r = await db.updateTable('sources').set(values).where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many candidates each source has seen. */
export async function sightingCounts(db: Db, publicationId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('sightings')
    .innerJoin('sources', 'sources.id', 'sightings.source_id')
    .select(['sightings.source_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sources.publication_id', '=', publicationId)
    .groupBy('sightings.source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}
