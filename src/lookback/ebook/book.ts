// A season as a book, before it is an EPUB or a PDF: the publication's metadata, a cover, and a
// chapter per issue with its item sections and items, each item's text as XHTML (Markdown with
// raw HTML off, so the text is escaped, never passed through; links other than http(s) and
// mailto refused). Pictures are kept as references for the writer to embed, or dropped.

import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { issueTitle, seasonRange, sectionItems, type Issue, type Lang, type Publication } from '../../core/model.ts';
import { formatStars } from '../../core/stars.ts';
import { fill } from '../../core/template.ts';
import { escapeHtml } from '../../html/escape.ts';
import { seasonStyle } from '../../markdown/season.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, xhtmlOut: true });

/** Characters XML 1.0 does not allow: a stray one makes the whole book unreadable. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const xml = (s: string): string => escapeHtml(s.replace(NOT_XML, ''));
const toXhtml = (markdown: string): string => md.render(markdown.replace(NOT_XML, '')).trim();

export interface BookItem {
  id: string;
  title: string;
  url: string | null;
  /** The blurb, note and stars as XHTML. */
  html: string;
  image: { src: string; alt: string } | null;
}

export interface BookChapter {
  id: string;
  number: number;
  date: string;
  /** "第12期（2025-03-22）" in the compilation's wording. */
  heading: string;
  /** The issue's own title; may be empty. */
  title: string;
  sections: { id: string; title: string; items: BookItem[] }[];
}

export interface Book {
  title: string;
  subtitle: string;
  lang: Lang;
  publisher: string;
  author: string;
  /** Stable across rebuilds of the same season and language: urn:uuid:… */
  identifier: string;
  /** The last issue's date: what the book is as of. */
  date: string;
  chapters: BookChapter[];
}

export interface BookOptions {
  season: number;
  lang: Lang;
  /** Keep pictures (for the writer to embed) or drop them. */
  images: boolean;
}

function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function seasonBook(issues: Issue[], pub: Publication, opts: BookOptions): Book {
  const { lang, season } = opts;
  const st = seasonStyle(pub, lang);
  const style = pub.style.langs[lang];
  const { first, last } = seasonRange(season);
  const chosen = issues.filter((i) => i.number >= first && i.number <= last && i.items.some((it) => it.texts[lang]?.title)).sort((a, b) => a.number - b.number);
  const chapters: BookChapter[] = chosen.map((issue) => {
    const sections = pub.sections
      .filter((s) => s.kind === 'items')
      .map((s) => ({
        id: `s-${issue.number}-${s.key}`,
        title: `${s.emoji}${s.titles[lang] ?? s.key}`,
        items: sectionItems(issue, s.key)
          .filter((it) => it.texts[lang]?.title)
          .map((it, i): BookItem => {
            const t = it.texts[lang]!;
            let text = t.blurb;
            if (t.note) text += fill(style?.noteTemplate ?? '（附：{note}）', { note: t.note });
            if (it.meta.stars !== undefined) text += fill(style?.starsTemplate ?? '（star {stars}）', { stars: formatStars(it.meta.stars) });
            const image = opts.images && it.image && /^https?:\/\//.test(it.image) ? { src: it.image, alt: t.imageAlt ?? '' } : null;
            return { id: `i-${issue.number}-${s.key}-${i + 1}`, title: t.title, url: it.url && /^(https?:|mailto:)/i.test(it.url) ? it.url : null, html: text.trim() ? toXhtml(text) : '', image };
          }),
      }))
      .filter((s) => s.items.length);
    const heading = fill(st.issueHeading, { number: issue.number, date: issue.date, url: '' })
      .replace(/^#+\s*/, '')
      .replace(/^\[(.*)\]\(\)$/, '$1');
    return { id: `issue-${issue.number}`, number: issue.number, date: issue.date, heading, title: issueTitle(issue, lang), sections };
  });
  const span = chapters.length ? { first: chapters[0]!.number, last: chapters.at(-1)!.number } : { first, last };
  const vars = { name: pub.name[lang] ?? pub.slug, season, ...span, links: 0, date: chapters.at(-1)?.date ?? '' };
  return {
    title: fill(st.compilationTitle, vars),
    subtitle: `${span.first}–${span.last}`,
    lang,
    publisher: pub.name[lang] ?? pub.slug,
    author: style?.author ?? pub.name[lang] ?? pub.slug,
    identifier: `urn:uuid:${uuidOf(`${pub.slug}/season-${season}/${lang}`)}`,
    date: vars.date,
    chapters,
  };
}
