// What the ranking thread runs: the inbox's ranking (app/candidates.ts rankedPage), on a read-only
// connection of its own to the embedded store.
import { rankedPage } from '../app/candidates.ts';
import type { CandidateFilter } from '../store/candidates.ts';
import { openStore } from '../store/db.ts';

export async function openRanker(url: string) {
  const store = await openStore(url, { readOnly: true });
  return {
    rankedPage: (publicationId: number, f: CandidateFilter, now: string) => rankedPage(store.db, publicationId, f, new Date(now)),
  };
}
