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

/** What items can be counted by. */
export const GROUPINGS = ['section', 'source', 'domain', 'language', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface GroupRow {
  key: string;
  items: number;
  /** Issues with at least one of these items. */
  issues: number;
  /** Of all items counted. */
  share: number;
}

/** The language a link is in: the one whose foreign mark its title carries ("（英文）"), else the publication's first. */
export function linkLanguage(item: Issue['items'][number], pub: Publication): string {
  const primary = pub.primaryLang;
  if (typeof item.meta.sourceLang === 'string' && item.meta.sourceLang) return item.meta.sourceLang;
  const t = item.texts[primary];
  const marks = pub.style.langs[primary]?.foreignMarks ?? {};
  const text = `${t?.suffix ?? ''}${t?.layout?.trail ?? ''}`;
  for (const [lang, mark] of Object.entries(marks)) if (mark && text.includes(mark.trim())) return lang;
  return primary;
}

function keyOf(by: Grouping, issue: Issue, item: Issue['items'][number], pub: Publication): string {
  switch (by) {
    case 'section':
      return item.section;
    case 'month':
      return issue.date.slice(0, 7);
    case 'language':
      return linkLanguage(item, pub);
    case 'source':
      return typeof item.meta.source === 'string' && item.meta.source ? item.meta.source : '(not recorded)';
    case 'domain': {
      if (!item.url) return '(no link)';
      try {
        return new URL(item.url).hostname.replace(/^www\./, '');
      } catch {
        return '(not a web address)';
      }
    }
  }
}

/** Items counted by section, source, domain, language or month: most first (months in order). */
export function groupItems(issues: Issue[], pub: Publication, by: Grouping): GroupRow[] {
  const rows = new Map<string, { items: number; issues: Set<number> }>();
  const picks = new Set(pub.sections.filter((s) => s.kind === 'items').map((s) => s.key));
  let total = 0;
  for (const issue of issues) {
    for (const item of issue.items) {
      // A teaser's own lines are not picks of their own: the full edition's items are.
      if (!picks.has(item.section) || Object.values(item.texts).every((t) => t?.layout?.teaserOnly)) continue;
      if (!item.texts[pub.primaryLang]?.title && !Object.values(item.texts).some((t) => t?.title)) continue;
      const k = keyOf(by, issue, item, pub);
      const r = rows.get(k) ?? { items: 0, issues: new Set<number>() };
      r.items++;
      r.issues.add(issue.number);
      rows.set(k, r);
      total++;
    }
  }
  const out = [...rows].map(([key, r]) => ({ key, items: r.items, issues: r.issues.size, share: total ? r.items / total : 0 }));
  return by === 'month' ? out.sort((a, b) => a.key.localeCompare(b.key)) : out.sort((a, b) => b.items - a.items || a.key.localeCompare(b.key));
}
