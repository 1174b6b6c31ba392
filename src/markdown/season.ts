// A season's two looks back, in house style, from its stored issues:
// - the compilation: every issue of the season in one post, each under a heading that links to
//   the original, its item sections with their items and blurbs; by rule, what is not the
//   issue's picks is left out: pictures, the issue's own intro and counts, its free sections
//   (giveaways, subscribe, sponsorship).
// - the link digest: the season's item titles by section, numbered through the season, then an
//   appendix of the links the items' notes carry.
// The wording is the publication's (style.langs[lang].season), over defaults per language.

import { editionOf, seasonRange, sectionItems, type Issue, type Lang, type Publication, type SeasonStyle } from '../core/model.ts';
import { fill } from '../core/template.ts';
import { countWords, plainText, roundedWords } from '../text/word-count.ts';
import { writeFrontMatter } from './front-matter.ts';
import { renderItem } from './render.ts';


const DEFAULTS: Record<string, SeasonStyle> = {
  zh: {
    compilationTitle: '{name}第 {season} 季合集（{first}~{last}）',
    compilationIntro: '{name}每 30 期为一季。以下是第 {first}~{last} 期的全部内容，共 {words} 字；图片和与内容无关的部分已去掉。',
    issueHeading: '## [第{number}期（{date}）]({url})',
    separator: '-------------------',
    digestTitle: '{name}第 {season} 季的 {links} 个链接',
    digestIntro: '本文按分类列出第 {first}~{last} 期分享的全部标题和链接，共 {links} 个链接、{sections} 个分类，便于快速查找。',
    digestHeading: '## {emoji}{title}',
    appendixTitle: '附录',
    appendixIntro: '周刊条目后附带的相关链接，单独整理在这里。',
    slug: '{date}-sweekly',
    digestSlug: '{date}-iweekly',
  },
  en: {
    compilationTitle: '{name}: season {season} in one post (issues {first}–{last})',
    compilationIntro: 'Every 30 issues of {name} make a season. Here are issues {first}–{last} in full, {words} words, without pictures and the parts that are not the picks.',
    issueHeading: '## [Issue #{number} ({date})]({url})',
    separator: '-------------------',
    digestTitle: '{name}: the {links} links of season {season}',
    digestIntro: 'Every title and link of issues {first}–{last}, by section: {links} links in {sections} sections.',
    digestHeading: '## {emoji}{title}',
    appendixTitle: 'Appendix',
    appendixIntro: 'The related links that came with the items, on their own.',
    slug: '{date}-sweekly',
    digestSlug: '{date}-iweekly',
  },
  ja: {
    compilationTitle: '{name} 第 {season} シーズン総集編（{first}~{last}）',
    compilationIntro: '{name}は 30 号で 1 シーズンです。第 {first}~{last} 号の全内容（{words} 字）を、画像と本編以外の部分を除いてまとめました。',
    issueHeading: '## [第{number}号（{date}）]({url})',
    separator: '-------------------',
    digestTitle: '{name} 第 {season} シーズンの {links} 本のリンク',
    digestIntro: '第 {first}~{last} 号で紹介したタイトルとリンクを分類ごとにまとめました。{links} 本のリンク、{sections} 分類です。',
    digestHeading: '## {emoji}{title}',
    appendixTitle: '付録',
    appendixIntro: '各項目に添えた関連リンクをまとめました。',
    slug: '{date}-sweekly',
    digestSlug: '{date}-iweekly',
  },
};

export function seasonStyle(pub: Publication, lang: Lang): SeasonStyle {
  return { ...(DEFAULTS[lang] ?? DEFAULTS.en!), ...(pub.style.langs[lang]?.season ?? {}) };
}

export interface SeasonInput {
  season: number;
  lang: Lang;
  /** The post's date, YYYY-MM-DD. */
  date: string;
  /** The address of an issue's page, for the compilation's headings. */
  issueUrl: (number: number, lang: Lang) => string;
}

export interface SeasonPost {
  slug: string;
  title: string;
  body: string;
  /** The issues it is made of, and the links it lists. */
  issues: number[];
  links: number;
}

/** The season's issues that have this language, in order. */
function seasonIssues(issues: Issue[], season: number, lang: Lang): Issue[] {
  const { first, last } = seasonRange(season);
  return issues.filter((i) => i.number >= first && i.number <= last && i.items.some((it) => it.texts[lang]?.title)).sort((a, b) => a.number - b.number);
}

/** The issues a post covers: the whole season once it is complete, else those published so far. */
function span(issues: Issue[], season: number): { first: number; last: number } {
  const r = seasonRange(season);
  return issues.length ? { first: issues[0]!.number, last: issues.at(-1)!.number } : r;
}

function front(title: string, date: string, author: string | undefined): string {
  return writeFrontMatter([
    { key: 'title', value: title, quote: "'" },
    { key: 'pubDate', value: date, quote: '' },
    ...(author ? [{ key: 'author', value: author, quote: "'" as const }] : []),
  ]);
}

const itemSections = (pub: Publication) => pub.sections.filter((s) => s.kind === 'items');

export function compileSeason(all: Issue[], pub: Publication, input: SeasonInput): SeasonPost {
  const { season, lang } = input;
  const st = seasonStyle(pub, lang);
  const style = pub.style.langs[lang];
  const issues = seasonIssues(all, season, lang);
  const blocks: string[] = [];
  let links = 0;
  for (const issue of issues) {
    const parts = [fill(st.issueHeading, { number: issue.number, date: issue.date, url: input.issueUrl(issue.number, lang) })];
    const layout = editionOf(issue, lang, 'full')?.layout;
    for (const s of itemSections(pub)) {
      const items = sectionItems(issue, s.key).filter((it) => it.texts[lang]?.title);
      if (!items.length) continue;
      parts.push(fill(style?.headingTemplate ?? '{emoji}{title}', { emoji: s.emoji, title: s.titles[lang] ?? s.key }).replace(/^(?!#)/, '### '));
      // The section's own lead paragraph, as the issue had it, introduces its picks.
      const lead = layout?.blocks.find((b) => b.kind === 'section' && b.key === s.key);
      if (lead?.kind === 'section' && lead.body?.trim() && !/!\[/.test(lead.body)) parts.push(lead.body.trim());
      items.forEach((it, i) => parts.push(renderItem(it, pub, lang, i, { images: false })));
      links += items.length;
    }
    blocks.push(parts.join('\n\n'));
  }
  const body = blocks.join(`\n\n${st.separator}\n\n`);
  const { first, last } = span(issues, season);
  const vars = { name: pub.name[lang] ?? '', season, first, last, links, date: input.date };
  const words = roundedWords(countWords(plainText(body), lang));
  const title = fill(st.compilationTitle, vars);
  const intro = fill(st.compilationIntro, { ...vars, words });
  const text = `${front(title, input.date, style?.author)}\n\n${intro}\n\n${st.separator}\n\n${body}\n`;
  return { slug: fill(st.slug, vars), title, body: text, issues: issues.map((i) => i.number), links };
}

/** Links written in an item's note: [text](url). */
function noteLinks(note: string | undefined): { text: string; url: string }[] {
  if (!note) return [];
  return [...note.matchAll(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => ({ text: m[1]!, url: m[2]! }));
}

export function digestSeason(all: Issue[], pub: Publication, input: SeasonInput): SeasonPost {
  const { season, lang } = input;
  const st = seasonStyle(pub, lang);
  const style = pub.style.langs[lang];
  const marker = style?.itemMarker ?? '、';
  const issues = seasonIssues(all, season, lang);
  const parts: string[] = [];
  let links = 0;
  let sections = 0;
  for (const s of itemSections(pub)) {
    const lines: string[] = [];
    for (const issue of issues) {
      for (const it of sectionItems(issue, s.key)) {
        const t = it.texts[lang];
        if (!t?.title) continue;
        lines.push(`${lines.length + 1}${marker}${it.url ? `[${t.title}](${it.url})` : t.title}`);
      }
    }
    if (!lines.length) continue;
    sections++;
    links += lines.length;
    parts.push(`${fill(st.digestHeading, { emoji: s.emoji, title: s.titles[lang] ?? s.key, n: lines.length })}\n\n${lines.join('\n')}`);
  }
  const appendix = issues.flatMap((i) => i.items.flatMap((it) => noteLinks(it.texts[lang]?.note)));
  if (appendix.length) {
    links += appendix.length;
    parts.push(`## ${st.appendixTitle}\n${st.appendixIntro}\n\n${appendix.map((a, i) => `${i + 1}${marker}[${a.text}](${a.url})`).join('\n')}`);
  }
  const { first, last } = span(issues, season);
  const vars = { name: pub.name[lang] ?? '', season, first, last, links, sections, date: input.date };
  const title = fill(st.digestTitle, vars);
  const text = `${front(title, input.date, undefined)}\n\n${fill(st.digestIntro, vars)}\n\n${parts.join('\n\n')}\n`;
  return { slug: fill(st.digestSlug, vars), title, body: text, issues: issues.map((i) => i.number), links };
}
