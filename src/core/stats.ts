// Statistics of an archive: items per kind and words, per issue and in total.

import { countItems, emptyCounts, type Counts } from './counts.ts';
import { ITEM_KINDS, issueTitle, seasonOf, type Issue, type Publication } from './model.ts';

export interface IssueStats {
  number: number;
  date: string;
  title: string;
  edition: string;
  items: Counts;
  words: number;
  /** Books given away, as the issue's description says ("赠书 5 本", "5 books given away"). */
  books: number;
}

/** Totals of a set of issues: the archive, or one season. */
export interface Totals {
  issues: number;
  items: Counts;
  words: number;
  books: number;
}

export interface ArchiveStats extends Totals {
  perIssue: IssueStats[];
  /** Seasons of 30 issues, oldest first. */
  seasons: (Totals & { season: number })[];
}

const BOOKS = [/赠书\s*(\d+)\s*本/, /(\d+)\s*books?\s+(?:given away|to give away|giveaway)/i, /(\d+)\s*冊/];

/** How many books an issue gave away, from its descriptions (the primary language's first). */
export function booksOf(issue: Issue, pub: Publication): number {
  const eds = [...issue.editions].sort((a, b) => Number(b.lang === pub.primaryLang) - Number(a.lang === pub.primaryLang));
  for (const e of eds) {
    for (const re of BOOKS) {
      const m = e.description ? re.exec(e.description) : null;
      if (m) return Number(m[1]);
    }
  }
  return 0;
}

function total(list: IssueStats[]): Totals {
  const items = emptyCounts();
  for (const s of list) for (const k of ITEM_KINDS) items[k] += s.items[k];
  return { issues: list.length, items, words: list.reduce((n, s) => n + s.words, 0), books: list.reduce((n, s) => n + s.books, 0) };
}

export function archiveStats(issues: Issue[], pub: Publication, wordsOf: (issue: Issue) => number): ArchiveStats {
  const perIssue = issues
    .map((issue) => ({
      number: issue.number,
      date: issue.date,
      title: issueTitle(issue, pub.primaryLang),
      edition: issue.edition,
      items: countItems(issue, pub),
      words: wordsOf(issue),
      books: booksOf(issue, pub),
    }))
    .sort((a, b) => a.number - b.number);
  const bySeason = new Map<number, IssueStats[]>();
  for (const s of perIssue) {
    const list = bySeason.get(seasonOf(s.number)) ?? [];
    list.push(s);
    bySeason.set(seasonOf(s.number), list);
  }
  const seasons = [...bySeason].sort(([a], [b]) => a - b).map(([season, list]) => ({ season, ...total(list) }));
  return { ...total(perIssue), perIssue, seasons };
}
