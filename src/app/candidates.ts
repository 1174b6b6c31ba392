// The candidates' use cases: record what a source saw (placed by rank/place.ts, written by the
// store), read the inbox ranked (rows from the store, order from rank/pipeline.ts), and take a
// reader's submitted link.

import type { Publication } from '../core/model.ts';
import { canonicalUrl } from '../rank/canonical-url.ts';
import { byCanonicalUrl, placement } from '../rank/place.ts';
import { featuredIndex, featuredIndexWithTitles, pickRates, rank, rankedCandidate, type RankedCandidate } from '../rank/pipeline.ts';
import { featuredMatch } from '../rank/identity.ts';
import type { Sighting, Source } from '../sources/types.ts';
import { candidateDetails, candidateIdByUrl, candidateRows, decisionsBySource, publishedLinks, addCandidateNote, writeSightings, type CandidateFilter, type RecordOutcome } from '../store/candidates.ts';
import { inTransaction, type Db, type Tx } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { ensureSource, getSource, submissionSource } from '../store/sources.ts';
import { AppError } from './errors.ts';

export type { CandidateFilter, RankedCandidate };

/** Records what one source saw, inside the caller's transaction (the one that records the source's state). */
export function recordSightings(
  tx: Tx,
  pub: { id: number; pub: Publication },
  source: Source,
  sightings: Sighting[],
  now: Date,
  opts: Parameters<typeof writeSightings>[6] = {},
): Promise<RecordOutcome> {
  return writeSightings(tx, pub.id, source, byCanonicalUrl(sightings), placement(pub.pub, source), now, opts);
}

/** The inbox: candidates ranked by their trending score, with explanations, "featured in" marks and near-duplicate groups. */
export async function rankedCandidates(db: Db | Tx, publicationId: number, f: CandidateFilter = {}, now = new Date()): Promise<RankedCandidate[]> {
  return (await rankedPage(db, publicationId, f, now)).candidates;
}

/** The best `f.limit` candidates the filter selects, and how many it selects in all. */
export async function rankedPage(db: Db | Tx, publicationId: number, f: CandidateFilter = {}, now = new Date()): Promise<{ candidates: RankedCandidate[]; total: number }> {
  const { rows, sightings } = await candidateRows(db, publicationId, f);
  if (rows.length === 0) return { candidates: [], total: 0 };
  const [decisions, links] = await Promise.all([decisionsBySource(db, publicationId), publishedLinks(db, publicationId)]);
  const { featured, titles } = featuredIndexWithTitles(links);
  const order = rank({ rows, sightings, rates: pickRates(decisions), featured, featuredTitles: titles, now, limit: f.limit });
  // The rows shown, read whole now (a candidate deleted meanwhile is left out).
  const details = await candidateDetails(db, publicationId, order.map((r) => r.row.id));
  const candidates = order.flatMap((r) => {
    const d = details.get(r.row.id);
    return d ? [rankedCandidate(r, d)] : [];
  });
  return { candidates, total: rows.length - (order.length - candidates.length) };
}

/** The published issue and item a link (with its title) was featured as, by any of its identities. */
export async function featuredBefore(db: Db | Tx, publicationId: number, url: string, title?: string): Promise<{ number: number; title: string | null } | null> {
  const { featured, titles } = featuredIndexWithTitles(await publishedLinks(db, publicationId));
  const m = featuredMatch(featured, url, title);
  return m ? { number: m.number, title: titles.get(m.key) ?? null } : null;
}

/** What every published item is known by, with the first issue that had it (see rank/identity.ts). */
export async function featuredUrls(db: Db | Tx, publicationId: number): Promise<Map<string, number>> {
  return featuredIndex(await publishedLinks(db, publicationId));
}

export interface Submission {
  url: string;
  title?: string | undefined;
  note?: string | undefined;
}

/** A reader's link: a candidate seen by the "Reader submissions" source, tagged and with the
 * reader's note, in one transaction. Used by `pressroom submit` and by the public /submit page. */
export async function submitLink(db: Db, pub: StoredPublication, s: Submission, now: Date): Promise<{ id: number; created: boolean }> {
  return inTransaction(db, async (tx) => {
    const source = (await getSource(tx, await submissionSource(tx, pub.id)))!;
    const out = await recordSightings(tx, pub, source, [{ url: s.url, title: s.title?.trim() || s.url, summary: '', points: 0, comments: 0, tags: ['submitted'] }], now);
    const id = (await candidateIdByUrl(tx, pub.id, canonicalUrl(s.url)))!;
    const note = s.note?.trim();
    if (note) await addCandidateNote(tx, pub.id, id, note);
    return { id, created: out.created > 0 };
  });
}

/** A link an editor saved while reading (the bookmarklet, the share target): a candidate seen by
 * the "Saved while reading" source, tagged, with the selection and note and who saved it. */
export async function saveLink(db: Db, pub: StoredPublication, s: Submission & { by: string }, now: Date): Promise<{ id: number; created: boolean }> {
  if (!/^https?:\/\/[^\s]+$/i.test(s.url)) throw new AppError('bad-request', `a page's address (http or https), not "${s.url.slice(0, 200)}"`);
  return inTransaction(db, async (tx) => {
    const { id: sourceId } = await ensureSource(tx, pub.id, { kind: 'submission', url: 'editors', title: 'Saved while reading', weight: 2 });
    const source = (await getSource(tx, sourceId))!;
    const out = await recordSightings(tx, pub, source, [{ url: s.url, title: s.title?.trim() || s.url, summary: '', points: 0, comments: 0, tags: ['saved'] }], now);
    const id = (await candidateIdByUrl(tx, pub.id, canonicalUrl(s.url)))!;
    const note = [s.note?.trim(), `saved by ${s.by}`].filter(Boolean).join(' — ');
    await addCandidateNote(tx, pub.id, id, note.slice(0, 2000));
    return { id, created: out.created > 0 };
  });
}

export { candidateById, candidateByUrl, lastCandidateId, newSince } from '../store/candidates.ts';
