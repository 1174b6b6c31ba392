// A reader's link: a candidate seen by the "Reader submissions" source, tagged and with the
// reader's note. Used by `pressroom submit` and by the public /submit page.

import type { Kysely } from 'kysely';
import { canonicalUrl } from '../rank/canonical-url.ts';
import { recordSightings } from './candidates.ts';
import type { StoredPublication } from './publications.ts';
import type { Database } from './schema.ts';
import { getSource, submissionSource } from './sources.ts';

export interface Submission {
  url: string;
  title?: string | undefined;
  note?: string | undefined;
}

/** Records a submission in one transaction. Returns the candidate's id and whether it is new. */
export async function submitLink(db: Kysely<Database>, pub: StoredPublication, s: Submission, now: Date): Promise<{ id: number; created: boolean }> {
  return db.transaction().execute(async (tx) => {
    const source = (await getSource(tx, await submissionSource(tx, pub.id)))!;
    const out = await recordSightings(tx, pub, source, [{ url: s.url, title: s.title?.trim() || s.url, summary: '', points: 0, comments: 0, tags: ['submitted'] }], now);
    const row = await tx.selectFrom('candidates').select('id').where('publication_id', '=', pub.id).where('url', '=', canonicalUrl(s.url)).executeTakeFirstOrThrow();
    const note = s.note?.trim();
    if (note) await tx.updateTable('candidates').set({ note }).where('id', '=', row.id).execute();
    return { id: row.id, created: out.created > 0 };
  });
}
