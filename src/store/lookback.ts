// What became of what was featured, and what readers did with it: link checks and sweeps, clicks
// on signed mail links, feed readers by day, star snapshots of featured projects.

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, LinkChecksTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface LinkCheck {
  url: string;
  status: LinkChecksTable['status'];
  httpStatus: number | null;
  finalUrl: string | null;
  error: string | null;
  etag: string | null;
  lastModified: string | null;
  checkedAt: string;
}

export interface Sweep {
  id: number;
  since: string | null;
  startedAt: string;
  finishedAt: string | null;
  total: number;
}

const asSweep = (r: { id: number; since: string | null; started_at: string; finished_at: string | null; total: number }): Sweep => ({ id: r.id, since: r.since, startedAt: r.started_at, finishedAt: r.finished_at, total: r.total });

/** The sweep under way (started, not finished) for this range, if any. */
export async function openSweep(db: Db, publicationId: number, since: string | null): Promise<Sweep | undefined> {
  let q = db.selectFrom('link_sweeps').selectAll().where('publication_id', '=', publicationId).where('finished_at', 'is', null);
  q = since === null ? q.where('since', 'is', null) : q.where('since', '=', since);
  const r = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r && asSweep(r);
}

export async function startSweep(db: Db, publicationId: number, since: string | null, total: number, now: Date): Promise<Sweep> {
  const r = await db.insertInto('link_sweeps').values({ publication_id: publicationId, since, started_at: now.toISOString(), finished_at: null, total }).returning('id').executeTakeFirstOrThrow();
  return { id: r.id, since, startedAt: now.toISOString(), finishedAt: null, total };
}

export async function finishSweep(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('link_sweeps').set({ finished_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function lastSweep(db: Db, publicationId: number): Promise<Sweep | undefined> {
  const r = await db.selectFrom('link_sweeps').selectAll().where('publication_id', '=', publicationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r && asSweep(r);
}

export async function linkChecks(db: Db, publicationId: number): Promise<Map<string, LinkCheck>> {
  const rows = await db.selectFrom('link_checks').selectAll().where('publication_id', '=', publicationId).execute();
  return new Map(rows.map((r) => [r.url, { url: r.url, status: r.status, httpStatus: r.http_status, finalUrl: r.final_url, error: r.error, etag: r.etag, lastModified: r.last_modified, checkedAt: r.checked_at }]));
}

/** Records a link's check at once: a sweep stopped a moment later keeps it. */
export async function saveLinkCheck(db: Db, publicationId: number, c: LinkCheck): Promise<void> {
  const row = { status: c.status, http_status: c.httpStatus, final_url: c.finalUrl, error: c.error, etag: c.etag, last_modified: c.lastModified, checked_at: c.checkedAt };
  await db
    .insertInto('link_checks')
    .values({ publication_id: publicationId, url: c.url, ...row })
    .onConflict((oc) => oc.columns(['publication_id', 'url']).doUpdateSet(row))
    .execute();
}

/** One more click on a link of an issue's mail, counted by day and nothing else. */
export async function countClick(db: Db, publicationId: number, issue: number, url: string, day: string): Promise<void> {
  await db
    .insertInto('link_clicks')
    .values({ publication_id: publicationId, issue_number: issue, url, day, clicks: 1 })
    .onConflict((oc) => oc.columns(['publication_id', 'issue_number', 'url', 'day']).doUpdateSet({ clicks: sql`link_clicks.clicks + 1` }))
    .execute();
}

export async function clicksByIssue(db: Db, publicationId: number): Promise<{ issue: number; url: string; clicks: number }[]> {
  const rows = await db
    .selectFrom('link_clicks')
    .select(['issue_number', 'url', (eb) => eb.fn.sum<number | string>('clicks').as('n')])
    .where('publication_id', '=', publicationId)
    .groupBy(['issue_number', 'url'])
    .orderBy('issue_number', 'desc')
    .execute();
  return rows.map((r) => ({ issue: r.issue_number, url: r.url, clicks: Number(r.n) }));
}

/** A feed request by a reader (a feed service or an app), with the subscribers it reports. */
export async function countFeedRequest(db: Db, publicationId: number, reader: string, feed: string, day: string, subscribers: number | null): Promise<void> {
  await db
    .insertInto('feed_readers')
    .values({ publication_id: publicationId, reader, feed, day, requests: 1, subscribers })
    .onConflict((oc) =>
      oc.columns(['publication_id', 'reader', 'feed', 'day']).doUpdateSet({
        requests: sql`feed_readers.requests + 1`,
        // The latest count a reader reports that day.
        subscribers: subscribers === null ? sql`feed_readers.subscribers` : sql`${subscribers}`,
      }),
    )
    .execute();
}

/** Per reader and feed, its latest day: requests, and the subscribers it said it has. */
export async function feedReaders(db: Db, publicationId: number): Promise<{ reader: string; feed: string; day: string; requests: number; subscribers: number | null }[]> {
  const rows = await db.selectFrom('feed_readers').selectAll().where('publication_id', '=', publicationId).orderBy('day', 'desc').execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(`${r.reader}|${r.feed}`)) latest.set(`${r.reader}|${r.feed}`, r);
  return [...latest.values()].map((r) => ({ reader: r.reader, feed: r.feed, day: r.day, requests: r.requests, subscribers: r.subscribers }));
}

/** Star snapshots of repositories: the latest of each. */
export async function latestSnapshots(db: Db, repos: string[]): Promise<Map<string, { stars: number; takenAt: string }>> {
  const out = new Map<string, { stars: number; takenAt: string }>();
  for (let i = 0; i < repos.length; i += 500) {
    const rows = await db.selectFrom('repo_snapshots').select(['repo', 'stars', 'taken_at']).where('repo', 'in', repos.slice(i, i + 500)).orderBy('taken_at', 'desc').execute();
    for (const r of rows) if (!out.has(r.repo)) out.set(r.repo, { stars: r.stars, takenAt: r.taken_at });
  }
  return out;
}

export async function saveRepoState(db: Db, repo: string, state: 'active' | 'archived' | 'gone', now: Date): Promise<void> {
  await db
    .insertInto('repo_states')
    .values({ repo, state, checked_at: now.toISOString() })
    .onConflict((oc) => oc.column('repo').doUpdateSet({ state, checked_at: now.toISOString() }))
    .execute();
}

export async function repoStates(db: Db, repos: string[]): Promise<Map<string, { state: 'active' | 'archived' | 'gone'; checkedAt: string }>> {
  const out = new Map<string, { state: 'active' | 'archived' | 'gone'; checkedAt: string }>();
  for (let i = 0; i < repos.length; i += 500) {
    for (const r of await db.selectFrom('repo_states').selectAll().where('repo', 'in', repos.slice(i, i + 500)).execute()) out.set(r.repo, { state: r.state, checkedAt: r.checked_at });
  }
  return out;
}
