// Changes made in the editor: applied to the stored issue in one transaction, each kept as a
// revision with its inverse, so any of them can be undone and none is lost to a concurrent writer.

import type { Kysely, Transaction } from 'kysely';
import { nextIssueDate } from '../core/cadence.ts';
import { applyOps, conflicts, describeOps, EditError, type EditOp } from '../core/edit.ts';
import type { Issue, Publication } from '../core/model.ts';
import { allocateIds, keepLive, loadIssue, saveIssue } from './issues.ts';
import { isPostgres } from './migrations/helpers.ts';
import type { Database } from './schema.ts';

/** A write based on a revision that another writer has since changed in the same fields. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly revision: number,
  ) {
    super(message);
  }
}

export interface EditResult {
  issue: Issue;
  revision: number;
  /** Ids given to the items the ops added, in order. */
  added: number[];
}

interface Target {
  id: number;
  pub: Publication;
}

async function lockIssue(tx: Transaction<Database>, publicationId: number, number: number): Promise<{ id: number; revision: number }> {
  let q = tx.selectFrom('issues').select(['id', 'revision']).where('publication_id', '=', publicationId).where('number', '=', number);
  if (isPostgres(tx)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new EditError(`no issue #${number}`);
  return row;
}

/**
 * Applies `ops` to issue `number`, as seen at revision `base`. Revisions made since by others are
 * fine unless they changed a field these ops change: then nothing is written and ConflictError
 * says who changed what.
 */
export async function applyEdits(db: Kysely<Database>, pub: Target, number: number, base: number, ops: EditOp[], userId: number | null, meta: { undoes?: number } = {}): Promise<EditResult> {
  if (ops.length === 0) throw new EditError('no changes to apply');
  return db.transaction().execute(async (tx) => {
    const row = await lockIssue(tx, pub.id, number);
    const issue = (await loadIssue(tx, pub.id, number))!;
    // A published issue's readers keep what was published until it is published again.
    if (issue.status === 'published') await keepLive(tx, pub.id, issue);
    // New items get their ids before they are applied, so later ops in the batch can name them.
    const fresh = ops.filter((o): o is Extract<EditOp, { op: 'add' }> => o.op === 'add' && o.item.id === undefined);
    const ids = fresh.length ? await allocateIds(tx, fresh.length) : [];
    const prepared = ops.map((o) => (o.op === 'add' && o.item.id === undefined ? { ...o, item: { ...o.item, id: ids[fresh.indexOf(o)]! } } : o));
    const before = structuredClone(issue);
    const { inverse, touched } = applyOps(issue, pub.pub, prepared);

    if (base < row.revision) {
      const later = await tx
        .selectFrom('issue_revisions')
        .leftJoin('users', 'users.id', 'issue_revisions.user_id')
        .select(['issue_revisions.revision', 'issue_revisions.touched', 'issue_revisions.summary', 'users.name', 'users.email', 'issue_revisions.user_id'])
        .where('issue_id', '=', row.id)
        .where('revision', '>', base)
        .orderBy('revision')
        .execute();
      for (const r of later) {
        if (userId !== null && r.user_id === userId && meta.undoes === undefined) continue; // one's own earlier save
        const clash = conflicts(touched, JSON.parse(r.touched) as string[]);
        if (clash.length) {
          throw new ConflictError(`${r.name || r.email || 'another editor'} changed this since you loaded it (${r.summary}); reload to see their version`, row.revision);
        }
      }
    } else if (base > row.revision) {
      throw new ConflictError(`revision ${base} is newer than the issue's (${row.revision}); reload`, row.revision);
    }

    await saveIssue(tx, pub.id, issue, { keepLive: true });
    const revision = row.revision + 1;
    await tx.updateTable('issues').set({ revision }).where('id', '=', row.id).execute();
    await tx
      .insertInto('issue_revisions')
      .values({
        issue_id: row.id,
        revision,
        user_id: userId,
        created_at: new Date().toISOString(),
        summary: meta.undoes !== undefined ? `undid: ${describeOps(ops, before, pub.pub.primaryLang)}` : describeOps(prepared, before, pub.pub.primaryLang),
        ops: JSON.stringify(prepared),
        inverse: JSON.stringify(inverse),
        touched: JSON.stringify(touched),
        undoes: meta.undoes ?? null,
        undone_by: null,
      })
      .execute();
    if (meta.undoes !== undefined) {
      await tx.updateTable('issue_revisions').set({ undone_by: revision }).where('issue_id', '=', row.id).where('revision', '=', meta.undoes).execute();
    }
    // saveIssue gave the new items their ids: the issue in hand is what is stored.
    return { issue, revision, added: prepared.filter((o) => o.op === 'add').map((o) => (o as { item: { id: number } }).item.id) };
  });
}

/** Undoes the user's latest change that is not undone yet. */
export async function undoLast(db: Kysely<Database>, pub: Target, number: number, userId: number): Promise<EditResult & { undid: string }> {
  const row = await db.selectFrom('issues').select(['id', 'revision']).where('publication_id', '=', pub.id).where('number', '=', number).executeTakeFirst();
  if (!row) throw new EditError(`no issue #${number}`);
  const target = await db
    .selectFrom('issue_revisions')
    .selectAll()
    .where('issue_id', '=', row.id)
    .where('user_id', '=', userId)
    .where('undoes', 'is', null)
    .where('undone_by', 'is', null)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!target) throw new EditError('nothing of yours to undo in this issue');
  // Based on the target: a later change of the same fields by someone else makes it a conflict.
  const result = await applyEdits(db, pub, number, target.revision, JSON.parse(target.inverse) as EditOp[], userId, { undoes: target.revision });
  return { ...result, undid: target.summary };
}

export interface RevisionInfo {
  revision: number;
  at: string;
  by: string | null;
  summary: string;
  undone: boolean;
}

export async function revisions(db: Kysely<Database>, publicationId: number, number: number, limit = 100): Promise<RevisionInfo[]> {
  const rows = await db
    .selectFrom('issue_revisions')
    .innerJoin('issues', 'issues.id', 'issue_revisions.issue_id')
    .leftJoin('users', 'users.id', 'issue_revisions.user_id')
    .select(['issue_revisions.revision', 'issue_revisions.created_at', 'issue_revisions.summary', 'issue_revisions.undone_by', 'users.name', 'users.email'])
    .where('issues.publication_id', '=', publicationId)
    .where('issues.number', '=', number)
    .orderBy('issue_revisions.revision', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ revision: r.revision, at: r.created_at, by: r.name || r.email || null, summary: r.summary, undone: r.undone_by !== null }));
}

export async function issueRevision(db: Kysely<Database>, publicationId: number, number: number): Promise<number | undefined> {
  const row = await db.selectFrom('issues').select('revision').where('publication_id', '=', publicationId).where('number', '=', number).executeTakeFirst();
  return row?.revision;
}

/** The draft being built: the newest unpublished issue, or a new one after the last number. */
export async function currentDraft(db: Kysely<Database>, pub: Target, today = new Date()): Promise<number> {
  const draft = await db
    .selectFrom('issues')
    .select('number')
    .where('publication_id', '=', pub.id)
    .where('status', '!=', 'published')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (draft) return draft.number;
  return db.transaction().execute(async (tx) => {
    const { max } = await tx
      .selectFrom('issues')
      .select((eb) => eb.fn.max('number').as('max'))
      .where('publication_id', '=', pub.id)
      .executeTakeFirstOrThrow();
    const number = Number(max ?? 0) + 1;
    const dates = (await tx.selectFrom('issues').select('date').where('publication_id', '=', pub.id).orderBy('number', 'desc').limit(5).execute()).map((r) => r.date);
    await saveIssue(tx, pub.id, {
      number,
      date: nextIssueDate(dates, today),
      status: 'draft',
      edition: 'full',
      editions: pub.pub.languages.map((lang) => ({ lang, edition: 'full' as const, title: '' })),
      items: [],
    });
    return number;
  });
}


