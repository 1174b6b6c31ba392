// The demo publication's issues, on a first `npm start`: a published one for the site, a draft for the editor.

import { demoIssue } from '../core/demo-issue.ts';
import { inTransaction, type Store } from '../store/db.ts';
import { listIssues, saveIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';

/** Adds the demo issues to a publication that has none; says whether it did. */
export async function seedDemo(store: Store, stored: StoredPublication, now = new Date()): Promise<boolean> {
  if ((await listIssues(store.db, stored.id)).length > 0) return false;
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await inTransaction(store.db, async (tx) => {
    await saveIssue(tx, stored.id, { ...demoIssue(weekAgo), status: 'published' });
    await saveIssue(tx, stored.id, { ...demoIssue(now), number: 2 });
  });
  return true;
}
