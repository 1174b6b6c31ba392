// Editing an issue in the editor: operations applied against the revision the editor saw (a
// stale base is refused as a conflict, naming the revision now), undo of the last change, the
// history, and the draft picks go into. The rules are store/edits.ts's, applied in one transaction.

import { normaliseIssue, type Issue, type Lang } from '../core/model.ts';
import { storedLive } from '../store/issues.ts';
import type { Db } from '../store/db.ts';

export { applyEdits, ConflictError, currentDraft, issueRevision, revisions, undoLast } from '../store/edits.ts';


/**
 * How a published issue differs from what readers have of it (nothing when it is not published,
 * or is as published): the changes an editor's re-publish would put live.
 */
export async function unpublishedChanges(db: Db, publicationId: number, issue: Issue, lang: Lang): Promise<string[]> {
  if (issue.status !== 'published') return [];
  const live = await storedLive(db, publicationId, issue.number);
  if (!live) return [];
  const a = normaliseIssue(structuredClone(live));
  const b = normaliseIssue(structuredClone({ ...issue, status: 'published' }));
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const out: string[] = [];
  const name = (i: Issue['items'][number]) => `“${i.texts[lang]?.title || Object.values(i.texts)[0]?.title || i.url || `item ${i.id}`}”`;
  for (const e of b.editions) {
    const was = a.editions.find((x) => x.lang === e.lang && x.edition === e.edition);
    if (e.edition === 'full' && (was?.title ?? '') !== e.title) out.push(`the ${e.lang} title: “${was?.title ?? ''}” → “${e.title}”`);
  }
  if (a.date !== b.date) out.push(`the date: ${a.date} → ${b.date}`);
  const before = new Map(a.items.map((i) => [i.id, i]));
  const after = new Map(b.items.map((i) => [i.id, i]));
  for (const [id, i] of after) {
    const was = before.get(id);
    if (!was) out.push(`added ${name(i)}`);
    else if (JSON.stringify(was) !== JSON.stringify(i)) out.push(was.section !== i.section || was.position !== i.position ? `moved ${name(i)}` : `edited ${name(i)}`);
  }
  for (const [id, i] of before) if (!after.has(id)) out.push(`removed ${name(i)}`);
  return out.length ? out : ['changes readers do not have yet'];
}
