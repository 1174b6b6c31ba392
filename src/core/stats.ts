// Statistics of an archive: items per kind and words, per issue and in total.

import { countItems, emptyCounts, type Counts } from './counts.ts';
import { ITEM_KINDS, issueTitle, type Issue, type Publication } from './model.ts';

export interface IssueStats {
  number: number;
  date: string;
  title: string;
  edition: string;
  items: Counts;
  words: number;
}

export interface ArchiveStats {
  issues: number;
  items: Counts;
  words: number;
  perIssue: IssueStats[];
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
    }))
    .sort((a, b) => a.number - b.number);
  const items = emptyCounts();
  for (const s of perIssue) for (const k of ITEM_KINDS) items[k] += s.items[k];
  return { issues: perIssue.length, items, words: perIssue.reduce((n, s) => n + s.words, 0), perIssue };
}
