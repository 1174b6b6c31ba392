// Issues with their editions, items and item texts. An issue is saved whole, in one transaction.

import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isPostgres } from './migrations/helpers.ts';
import { normaliseIssue, type Edition, type Issue, type IssueEdition, type IssueStatus, type Item, type ItemText } from '../core/model.ts';
import { assertSafeLinks } from '../core/links.ts';
import type { Database, IssuesTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface IssueSummary {
  id: number;
  number: number;
  date: string;
  status: IssueStatus;
  edition: Edition;
  /** The title of each language's full edition that has one. */
  titles: Record<string, string>;
  items: number;
  /** When a scheduled issue goes out ("claimed …" while a server publishes it). */
  publishAt: string | null;
  publishedAt: string | null;
  /** The channels a scheduled issue goes to, comma-separated. */
  channels: string | null;
}

export async function listIssues(db: Db, publicationId: number): Promise<IssueSummary[]> {
  const rows = await db
    .selectFrom('issues')
    .select(['id', 'number', 'date', 'status', 'edition', 'publish_at', 'published_at', 'publish_channels'])
    .select((eb) => eb.selectFrom('items').select(eb.fn.countAll<number>().as('n')).whereRef('items.issue_id', '=', 'issues.id').as('items'))
    .where('publication_id', '=', publicationId)
    .orderBy('number', 'desc')
    .execute();
  const titles = new Map<number, Record<string, string>>();
  if (rows.length) {
    const eds = await db.selectFrom('issue_editions').innerJoin('issues', 'issues.id', 'issue_editions.issue_id').select(['issue_editions.issue_id', 'issue_editions.lang', 'issue_editions.title']).where('issues.publication_id', '=', publicationId).where('issue_editions.edition', '=', 'full').execute();
    for (const e of eds) if (e.title) (titles.get(e.issue_id) ?? titles.set(e.issue_id, {}).get(e.issue_id)!)[e.lang] = e.title;
  }
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    date: r.date,
    status: r.status as IssueStatus,
    edition: r.edition as Edition,
    titles: titles.get(r.id) ?? {},
    items: Number(r.items ?? 0),
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    channels: r.publish_channels,
  }));
}

export async function loadIssue(db: Db, publicationId: number, number: number): Promise<Issue | undefined> {
  const row = await db
    .selectFrom('issues')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await assemble(db, [row]))[0];
}

/** Every issue of a publication, newest first, in four queries. */
export async function loadAllIssues(db: Db, publicationId: number): Promise<Issue[]> {
  const rows = await db.selectFrom('issues').selectAll().where('publication_id', '=', publicationId).orderBy('number', 'desc').execute();
  return assemble(db, rows);
}

/** Issues by number (those that exist), newest first. */
export async function loadIssues(db: Db, publicationId: number, numbers: number[]): Promise<Issue[]> {
  const out: Issue[] = [];
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db.selectFrom('issues').selectAll().where('publication_id', '=', publicationId).where('number', 'in', numbers.slice(i, i + 500)).execute();
    out.push(...(await assemble(db, rows)));
  }
  return out.sort((a, b) => b.number - a.number);
}

/**
 * A stamp per issue (of one status, when given) that changes whenever the issue is saved or its
 * status changes: what a cache of pages built from issues compares, without loading them.
 */
export async function issueStamps(db: Db, publicationId: number, status?: IssueStatus): Promise<Map<number, string>> {
  let q = db.selectFrom('issues').select(['number', 'updated_at', 'revision', 'status']).where('publication_id', '=', publicationId);
  if (status) q = q.where('status', '=', status);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.number, `${r.updated_at}|${r.revision}|${r.status}`]));
}

type IssueRow = Selectable<IssuesTable>;

async function assemble(db: Db, rows: IssueRow[]): Promise<Issue[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [editions, items, texts] = await Promise.all([
    db.selectFrom('issue_editions').selectAll().where('issue_id', 'in', ids).orderBy('lang').orderBy('edition').execute(),
    db.selectFrom('items').selectAll().where('issue_id', 'in', ids).orderBy('section').orderBy('position').execute(),
    db
      .selectFrom('item_texts')
      .innerJoin('items', 'items.id', 'item_texts.item_id')
      .selectAll('item_texts')
      .where('items.issue_id', 'in', ids)
      .orderBy('item_texts.lang')
      .execute(),
  ]);
  const textsByItem = new Map<number, Record<string, ItemText>>();
  for (const t of texts) {
    const text: ItemText = { title: t.title, blurb: t.blurb };
    if (t.suffix !== null) text.suffix = t.suffix;
    if (t.note !== null) text.note = t.note;
    if (t.image_alt !== null) text.imageAlt = t.image_alt;
    if (t.layout !== null) text.layout = JSON.parse(t.layout);
    let rec = textsByItem.get(t.item_id);
    if (!rec) textsByItem.set(t.item_id, (rec = {}));
    rec[t.lang] = text;
  }
  const byIssue = new Map<number, Issue>();
  const out = rows.map((r) => {
    const issue: Issue = {
      number: r.number,
      date: r.date,
      status: r.status as IssueStatus,
      edition: r.edition as Edition,
      editions: [],
      items: [],
    };
    byIssue.set(r.id, issue);
    return issue;
  });
  for (const e of editions) {
    const ed: IssueEdition = { lang: e.lang, edition: e.edition as Edition, title: e.title };
    if (e.description !== null) ed.description = e.description;
    if (e.layout !== null) ed.layout = JSON.parse(e.layout);
    if (e.source !== null) ed.source = e.source;
    byIssue.get(e.issue_id)!.editions.push(ed);
  }
  for (const it of items) {
    const item: Item = {
      id: it.id,
      section: it.section,
      position: it.position,
      url: it.url,
      image: it.image,
      meta: JSON.parse(it.meta),
      texts: textsByItem.get(it.id) ?? {},
    };
    byIssue.get(it.issue_id)!.items.push(item);
  }
  return out.map(normaliseIssue);
}

/** The number of the issue dated `date`, if one is. */
export async function issueNumberOfDate(db: Db, publicationId: number, date: string): Promise<number | undefined> {
  const r = await db.selectFrom('issues').select('number').where('publication_id', '=', publicationId).where('date', '=', date).orderBy('number').executeTakeFirst();
  return r?.number;
}

/**
 * Writes an issue whole: creates or updates its row, editions, items and texts. Returns its id.
 * What readers have of it (`live`) is cleared, so they have what was written (an import, a demo),
 * unless `keepLive`: an editor's change to a published issue waits for its next publish.
 */
export async function saveIssue(db: Transaction<Database>, publicationId: number, issue: Issue, opts: { keepLive?: boolean } = {}): Promise<number> {
  // Whatever path brought the issue here, a link that may not reach a reader is not stored.
  assertSafeLinks(issue);
  const now = new Date().toISOString();
  const existing = await db
    .selectFrom('issues')
    .select('id')
    .where('publication_id', '=', publicationId)
    .where('number', '=', issue.number)
    .executeTakeFirst();
  let issueId: number;
  if (existing) {
    issueId = existing.id;
    await db
      .updateTable('issues')
      .set({ date: issue.date, status: issue.status, edition: issue.edition, updated_at: now, ...(opts.keepLive ? {} : { live: null, live_at: null }) })
      .where('id', '=', issueId)
      .execute();
  } else {
    const row = await db
      .insertInto('issues')
      .values({ publication_id: publicationId, number: issue.number, date: issue.date, status: issue.status, edition: issue.edition, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    issueId = row.id;
  }

  await db.deleteFrom('issue_editions').where('issue_id', '=', issueId).execute();
  if (issue.editions.length) {
    await db
      .insertInto('issue_editions')
      .values(
        issue.editions.map((e) => ({
          issue_id: issueId,
          lang: e.lang,
          edition: e.edition,
          title: e.title,
          description: e.description ?? null,
          layout: e.layout ? JSON.stringify(e.layout) : null,
          source: e.source ?? null,
        })),
      )
      .execute();
  }

  const storedRows = await db.selectFrom('items').selectAll().where('issue_id', '=', issueId).execute();
  const stored = new Map(storedRows.map((r) => [r.id, r]));
  const row = (item: Item) => ({
    issue_id: issueId,
    section: item.section,
    position: item.position,
    url: item.url,
    image: item.image ?? null,
    meta: JSON.stringify(item.meta),
  });
  const kept = issue.items.filter((i) => i.id !== undefined && stored.has(i.id));
  const fresh = issue.items.filter((i) => !(i.id !== undefined && stored.has(i.id)));
  for (const item of kept) {
    const next = row(item);
    const was = stored.get(item.id!)!;
    const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === was[k]);
    if (!same) await db.updateTable('items').set(next).where('id', '=', item.id!).execute();
  }
  const keptIds = new Set(kept.map((i) => i.id));
  const gone = [...stored.keys()].filter((id) => !keptIds.has(id));
  if (gone.length) await db.deleteFrom('items').where('id', 'in', gone).execute();
  if (kept.length) await db.deleteFrom('item_texts').where('item_id', 'in', kept.map((i) => i.id!)).execute();
  if (fresh.length) {
    // An item coming back (an undone removal) keeps its id when no other row has taken it.
    const wanted = fresh.filter((i) => i.id !== undefined).map((i) => i.id!);
    const taken = new Set(wanted.length ? (await db.selectFrom('items').select('id').where('id', 'in', wanted).execute()).map((r) => r.id) : []);
    const needIds = fresh.filter((i) => i.id === undefined || taken.has(i.id));
    const ids = needIds.length ? await allocateIds(db, needIds.length) : [];
    needIds.forEach((item, k) => (item.id = ids[k]));
    for (let i = 0; i < fresh.length; i += 200) {
      await db.insertInto('items').values(fresh.slice(i, i + 200).map((item) => ({ id: item.id!, ...row(item) }))).execute();
    }
  }

  const textRows = issue.items.flatMap((item) =>
    Object.entries(item.texts).map(([lang, t]) => ({
      item_id: item.id!,
      lang,
      title: t.title,
      blurb: t.blurb,
      suffix: t.suffix ?? null,
      note: t.note ?? null,
      image_alt: t.imageAlt ?? null,
      layout: t.layout && Object.keys(t.layout).length ? JSON.stringify(t.layout) : null,
    })),
  );
  for (let i = 0; i < textRows.length; i += 500) {
    await db.insertInto('item_texts').values(textRows.slice(i, i + 500)).execute();
  }
  return issueId;
}

/**
 * Ids for new item rows, taken before the insert so one multi-row statement can write them all.
 * PostgreSQL hands them out from the column's sequence; SQLite has a single writer inside a
 * transaction, so the next free numbers are ours.
 */
export async function allocateIds(db: Transaction<Database>, n: number): Promise<number[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('items', 'id')) as id from generate_series(1, ${n})`.execute(db);
    return rows.map((r) => Number(r.id));
  }
  const { max } = await db.selectFrom('items').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const first = Number(max ?? 0) + 1;
  return Array.from({ length: n }, (_, k) => first + k);
}

/** The issue is published now, as `issue` is: that is what readers have of it until the next publish. Its schedule, if any, is cleared. */
export async function markPublished(db: Db, publicationId: number, number: number, at: Date, issue: Issue): Promise<void> {
  const t = at.toISOString();
  const live = JSON.stringify(normaliseIssue({ ...issue, status: 'published' }));
  await db.updateTable('issues').set({ status: 'published', published_at: t, updated_at: t, publish_at: null, publish_channels: null, live, live_at: t }).where('publication_id', '=', publicationId).where('number', '=', number).execute();
}

/** Before an editor's first change to a published issue, what readers have is kept as it is. */
export async function keepLive(db: Db, publicationId: number, issue: Issue): Promise<void> {
  await db
    .updateTable('issues')
    .set({ live: JSON.stringify(normaliseIssue(issue)), live_at: new Date().toISOString() })
    .where('publication_id', '=', publicationId)
    .where('number', '=', issue.number)
    .where('status', '=', 'published')
    .where('live', 'is', null)
    .execute();
}

/** The published issues as readers have them (all, or those numbered), by number. */
export async function liveIssues(db: Db, publicationId: number, numbers?: number[]): Promise<Issue[]> {
  let q = db.selectFrom('issues').select(['number', 'live']).where('publication_id', '=', publicationId).where('status', '=', 'published');
  if (numbers) q = q.where('number', 'in', numbers.length ? numbers : [-1]);
  const rows = await q.execute();
  const kept = new Map(rows.filter((r) => r.live !== null).map((r) => [r.number, JSON.parse(r.live!) as Issue]));
  const rest = rows.filter((r) => r.live === null).map((r) => r.number);
  const current = rest.length ? await loadIssues(db, publicationId, rest) : [];
  return [...kept.values(), ...current].sort((a, b) => a.number - b.number);
}

/** What readers have of one published issue, or undefined when it is not published. */
export async function liveIssue(db: Db, publicationId: number, number: number): Promise<Issue | undefined> {
  return (await liveIssues(db, publicationId, [number]))[0];
}

/** A stamp per published issue that changes when what readers have of it does. */
export async function liveStamps(db: Db, publicationId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('issues').select(['number', 'updated_at', 'revision', 'live_at']).where('publication_id', '=', publicationId).where('status', '=', 'published').execute();
  return new Map(rows.map((r) => [r.number, r.live_at ? `live|${r.live_at}` : `${r.updated_at}|${r.revision}|published`]));
}

/** What readers have of an issue, when it is kept apart from its rows (a published issue changed since). */
export async function storedLive(db: Db, publicationId: number, number: number): Promise<Issue | undefined> {
  const r = await db.selectFrom('issues').select('live').where('publication_id', '=', publicationId).where('number', '=', number).executeTakeFirst();
  return r?.live ? (JSON.parse(r.live) as Issue) : undefined;
}

/** The issue goes out at `at` on `channels` (a comma-separated list). */
export async function scheduleIssue(db: Db, publicationId: number, number: number, at: Date, channels: string, now: Date): Promise<void> {
  await db.updateTable('issues').set({ status: 'scheduled', publish_at: at.toISOString(), publish_channels: channels, updated_at: now.toISOString() }).where('publication_id', '=', publicationId).where('number', '=', number).execute();
}

export async function scheduledIssues(db: Db, publicationId: number): Promise<{ number: number; publish_at: string | null; publish_channels: string | null }[]> {
  return db.selectFrom('issues').select(['number', 'publish_at', 'publish_channels']).where('publication_id', '=', publicationId).where('status', '=', 'scheduled').orderBy('number').execute();
}

/**
 * Claims a scheduled issue by replacing its time with "claimed TIME" where it still holds the
 * value read: when several servers share a database, only one wins.
 */
export async function claimScheduled(db: Db, publicationId: number, number: number, seen: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('issues').set({ publish_at: `claimed ${now.toISOString()}` }).where('publication_id', '=', publicationId).where('number', '=', number).where('status', '=', 'scheduled').where('publish_at', '=', seen).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many issues are published and when the latest changed: what tells a served site to rebuild. */
export async function publishedStamp(db: Db, publicationId: number): Promise<{ n: number; at: string | null }> {
  const r = await db
    .selectFrom('issues')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max(eb.fn.coalesce('live_at', 'updated_at')).as('at')])
    .where('publication_id', '=', publicationId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), at: r.at === null ? null : String(r.at) };
}

/** One issue's state and schedule, without its content: what a publish's progress reports. */
export async function issueState(db: Db, publicationId: number, number: number): Promise<{ status: IssueStatus; publishAt: string | null; publishedAt: string | null } | undefined> {
  const r = await db.selectFrom('issues').select(['status', 'publish_at', 'published_at']).where('publication_id', '=', publicationId).where('number', '=', number).executeTakeFirst();
  return r && { status: r.status as IssueStatus, publishAt: r.publish_at, publishedAt: r.published_at };
}
