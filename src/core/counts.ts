// What an issue shares, by item kind: "本期分享了 12 篇文章，12 个开源项目，2 则热门讨论".

import { ITEM_KINDS, type Issue, type ItemKind, type Lang, type LangStyle, type Publication } from './model.ts';
import { fill } from './template.ts';

export type Counts = Record<ItemKind, number>;

export function emptyCounts(): Counts {
  return { article: 0, project: 0, media: 0, discussion: 0 };
}

/** Items per kind; with a language, only the items that language shows. */
export function countItems(issue: Issue, pub: Publication, lang?: Lang): Counts {
  const counts = emptyCounts();
  const kindOf = new Map(pub.sections.map((s) => [s.key, s.counts]));
  for (const item of issue.items) {
    if (lang && !item.texts[lang]) continue;
    const kind = kindOf.get(item.section);
    if (kind) counts[kind]++;
  }
  return counts;
}

/**
 * "12 篇文章，12 个开源项目" — kinds with no items are left out. A noun written
 * "{n} hot discussion|{n} hot discussions" picks its singular for one.
 */
export function countsPhrase(style: LangStyle, counts: Counts): string {
  return ITEM_KINDS.filter((k) => counts[k] > 0)
    .map((k) => {
      const [one, other = one] = style.countNouns[k].split('|') as [string, string?];
      return fill(counts[k] === 1 ? one : other, { n: counts[k] });
    })
    .join(style.countsSeparator);
}

/** The counts line, or "" when nothing is counted: "本期分享了 ，全文 54 字" names no category, so it is not written. */
export function countsLine(style: LangStyle, counts: Counts, words: number, template = style.countsTemplate): string {
  const phrase = countsPhrase(style, counts);
  if (!phrase && template.includes('{counts}')) return '';
  return fill(template, { counts: phrase, words });
}
