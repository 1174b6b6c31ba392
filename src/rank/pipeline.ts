// The ranking: stored candidates and their sightings in, the inbox's order out, each with its
// score and the sentence that explains it, the issue that featured it before, and the
// near-duplicate group it belongs to. Pure: the rows come from the store (app/candidates.ts).

import type { ItemKind } from '../core/model.ts';
import { pointsLabel } from '../sources/registry.ts';
import type { SourceKind } from '../sources/kinds.ts';
import type { DetailRow, ScoreRow, SightingRow } from '../store/candidates.ts';
import { featuredIssue, featuredMatch, identityKeys } from './identity.ts';
import { score } from './score.ts';
import { groupNearDuplicates } from './titles.ts';

export interface RankedCandidate {
  id: number;
  url: string;
  title: string;
  summary: string;
  author: string | null;
  publishedAt: string | null;
  firstSeenAt: string;
  lang: string | null;
  image: string | null;
  /** An episode's file, when the feed gave one. */
  enclosure: { url: string; type?: string; length?: number; duration?: number } | null;
  kind: ItemKind;
  section: string;
  tags: string[];
  status: string;
  note: string | null;
  stars: number | null;
  starGain: number | null;
  engagement: number;
  sources: { id: number; kind: SourceKind; title: string; link: string; points: number; comments: number }[];
  score: number;
  explanation: string;
  /** The number of a published issue that already featured this link. */
  featuredIn: number | null;
  /** The earlier issue's item it matches: its title there. */
  featuredAs: string | null;
  /** Id of the first candidate of its near-duplicate group, when it has one other than itself. */
  duplicateOf: number | null;
  /** From the article page, once extracted. */
  excerpt: string | null;
  readingMinutes: number | null;
  extractError: string | null;
}

/** How many of the best-ranked candidates are searched for near-duplicates of each other. */
export const DUPLICATE_HORIZON = 1000;

/** A source's pick rate counts once the editor has decided on three of its candidates. */
export function pickRates(decisions: Map<number, { picked: number; skipped: number }>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [id, t] of decisions) if (t.picked + t.skipped >= 3) out.set(id, t.picked / (t.picked + t.skipped));
  return out;
}

/**
 * What every item of a published issue is known by (its link, the project it points at, its
 * title in each language; see identity.ts), with the first issue that had it.
 */
export function featuredIndex(links: { url: string; number: number; title: string | null }[]): Map<string, number> {
  return featuredIndexWithTitles(links).featured;
}

/** The same index, with the title of the item each key first belonged to (what a "featured in"
 * mark names), made in the one pass over every published link. */
export function featuredIndexWithTitles(links: { url: string; number: number; title: string | null }[]): { featured: Map<string, number>; titles: Map<string, string> } {
  const featured = new Map<string, number>();
  const titles = new Map<string, string>();
  for (const r of links) {
    for (const k of identityKeys(r.url, r.title ?? undefined)) {
      if (featured.has(k)) continue;
      featured.set(k, r.number);
      titles.set(k, r.title ?? r.url);
    }
  }
  return { featured, titles };
}

export interface RankInput {
  rows: ScoreRow[];
  sightings: SightingRow[];
  rates: Map<number, number>;
  featured: Map<string, number>;
  /** The earlier items' titles by identity key, to say which item a candidate was. */
  featuredTitles?: Map<string, string> | undefined;
  now: Date;
  limit?: number | undefined;
}

function featuredMark(featured: Map<string, number>, titles: Map<string, string> | undefined, url: string, title: string): { featuredIn: number | null; featuredAs: string | null } {
  const m = featuredMatch(featured, url, title);
  return { featuredIn: m?.number ?? null, featuredAs: m ? (titles?.get(m.key) ?? null) : null };
}

/** A candidate's place in the order: its row as ordering read it, its sightings, its score. */
export interface Ranked {
  row: ScoreRow;
  seen: SightingRow[];
  score: number;
  explanation: string;
  featuredIn: number | null;
  featuredAs: string | null;
  /** Id of the first candidate of its near-duplicate group, when it has one other than itself. */
  duplicateOf: number | null;
}

/** Every row scored and ordered, best first; the first `limit` of them (all without one). */
export function rank({ rows, sightings, rates, featured, featuredTitles: titles, now, limit }: RankInput): Ranked[] {
  const bySource = new Map<number, SightingRow[]>();
  for (const s of sightings) {
    const list = bySource.get(s.candidate_id);
    if (list) list.push(s);
    else bySource.set(s.candidate_id, [s]);
  }
  const ranked = rows.map((row): Ranked => {
    const seen = bySource.get(row.id) ?? [];
    const when = row.published_at ?? row.first_seen_at;
    const rateList = seen.map((s) => rates.get(s.source_id)).filter((x): x is number => x !== undefined);
    const mark = featuredMark(featured, titles, row.url, row.title);
    const s = score({
      ageHours: (now.getTime() - Date.parse(when)) / 3_600_000,
      weight: Math.max(1, ...seen.map((x) => x.weight)),
      points: seen.reduce((n, x) => n + x.engagement, 0),
      comments: seen.reduce((n, x) => n + x.comments, 0),
      starGain: row.star_gain,
      stars: row.stars,
      sources: new Set(seen.map((x) => x.source_id)).size,
      pointsBy: seen.filter((x) => x.engagement || x.comments).map((x) => ({ label: pointsLabel(x.kind), points: x.engagement, comments: x.comments })),
      ...(rateList.length ? { pickRate: Math.max(...rateList) } : {}),
      featuredIn: mark.featuredIn,
    });
    return { row, seen, score: s.score, explanation: s.explanation, ...mark, duplicateOf: null };
  });
  ranked.sort((a, b) => b.score - a.score || b.row.first_seen_at.localeCompare(a.row.first_seen_at) || a.row.id - b.row.id);
  // Near-duplicates are grouped among the best-ranked candidates, the part of the inbox an editor
  // reads; grouping costs up to quadratic time in titles that share many bigrams.
  // Two entries that one feed alone carried are two stories, however alike their titles: a
  // podcast's "Episode 3: …" and "Episode 4: …", a newsletter's issue after issue. Not so for
  // Hacker News, Reddit and the like, where one story is often posted twice under two links.
  const onlySource = (c: Ranked) => (c.seen.length === 1 && c.seen[0]!.kind === 'feed' ? c.seen[0]!.source_id : undefined);
  const groups = groupNearDuplicates(ranked.slice(0, DUPLICATE_HORIZON).map((c) => c.row.title), undefined, (i, j) => {
    const a = onlySource(ranked[i]!);
    return a !== undefined && a === onlySource(ranked[j]!);
  });
  groups.forEach((g, i) => {
    if (g !== i) ranked[i]!.duplicateOf = ranked[g]!.row.id;
  });
  return limit ? ranked.slice(0, limit) : ranked;
}

/** A ranked candidate made whole from its row: what the inbox, the CLI and the extractor read.
 * Only the rows shown are read whole (store/candidates.ts candidateDetails). */
export function rankedCandidate(r: Ranked, d: DetailRow): RankedCandidate {
  return {
    id: d.id,
    url: d.url,
    title: d.title,
    summary: d.summary,
    author: d.author,
    publishedAt: d.published_at,
    firstSeenAt: d.first_seen_at,
    lang: d.lang,
    image: d.image,
    enclosure: d.enclosure ? (JSON.parse(d.enclosure) as RankedCandidate['enclosure']) : null,
    kind: d.kind as ItemKind,
    section: d.section,
    tags: JSON.parse(d.tags) as string[],
    status: d.status,
    note: d.note,
    stars: d.stars,
    starGain: d.star_gain,
    engagement: d.engagement,
    sources: r.seen.map((x) => ({ id: x.source_id, kind: x.kind as SourceKind, title: x.title || x.source_url, link: x.link, points: x.engagement, comments: x.comments })),
    score: r.score,
    explanation: r.explanation,
    featuredIn: r.featuredIn,
    featuredAs: r.featuredAs,
    duplicateOf: r.duplicateOf,
    excerpt: d.excerpt,
    readingMinutes: d.reading_minutes,
    extractError: d.extract_error,
  };
}
