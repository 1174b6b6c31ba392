// Markdown to HTML for the site, feeds and mail: raw HTML off (the text is escaped, not passed
// through), link schemes other than http, https and mailto refused, images lazy and sized by CSS.
//
// Whole issues go through md4c (CommonMark in C, as WebAssembly: md4w), which renders them four
// times as fast as markdown-it and is most of a site build's time; its output is checked: any link
// or image whose scheme is not allowed sends the document to markdown-it, whose link check refuses
// it. Short inline text (a blurb) goes to markdown-it directly, where a call into WebAssembly
// would cost more than it saves.

import { decodeHTMLAttribute } from 'entities';
import MarkdownIt from 'markdown-it';
import { init as initMd4c, mdToHtml } from 'md4w';
import { editionOf, type Edition, type Issue, type Item, type Lang, type Publication } from '../../core/model.ts';
import { defaultLayout } from '../../markdown/default-layout.ts';
import { renderLayout } from '../../markdown/render.ts';
import { plainText } from '../../text/word-count.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('loading', 'lazy');
  tokens[idx]!.attrSet('decoding', 'async');
  return defaultImage(tokens, idx, options, env, self);
};

await initMd4c();
// By name: md4w 0.2.7's NO_HTML shorthand has a wrong bit and lets raw HTML blocks through.
const MD4C = { parseFlags: ['NO_HTML_BLOCKS', 'NO_HTML_SPANS', 'TABLES', 'STRIKETHROUGH'] as ('NO_HTML_BLOCKS' | 'NO_HTML_SPANS' | 'TABLES' | 'STRIKETHROUGH')[] };
const LINK = /\s(?:href|src)="([^"]*)"/g;
const ALLOWED = /^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/i;
// md4w adds an empty anchor to every heading; the site's headings have none.
const ANCHOR = / <a class="anchor" aria-hidden="true" id="[^"]*" href="[^"]*"><\/a>/g;

const MD4C_LINES = { parseFlags: [...MD4C.parseFlags, 'HARD_SOFT_BREAKS'] as typeof MD4C.parseFlags };
const mdLines = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
mdLines.renderer.rules.image = md.renderer.rules.image!;

/** Markdown as the site's HTML. `lines`: each line its own (a link digest's "1、…" lines, written one under another). */
export function markdownToHtml(markdown: string, opts: { lines?: boolean } = {}): string {
  const html = mdToHtml(markdown, opts.lines ? MD4C_LINES : MD4C).replace(ANCHOR, '');
  for (const [, target] of html.matchAll(LINK)) {
    // As a browser reads the attribute: entities decoded, control characters and spaces dropped.
    const url = decodeHTMLAttribute(target!).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
    if (!ALLOWED.test(url)) return (opts.lines ? mdLines : md).render(markdown);
  }
  return html.replaceAll('<img ', '<img loading="lazy" decoding="async" ');
}

/** Characters that mean something to inline Markdown or to HTML: text without them is its own HTML. */
const INLINE_SPECIAL = /[\\`*_[\]!<>&~"\n\r]/;

export function inlineToHtml(markdown: string): string {
  return INLINE_SPECIAL.test(markdown) ? md.renderInline(markdown) : markdown;
}

/** The Markdown of an edition without its header (front matter or title line): the page shows the title itself. */
export function editionBody(issue: Issue, pub: Publication, lang: Lang, edition: Edition): string {
  const layout = editionOf(issue, lang, edition)?.layout ?? defaultLayout(issue, pub, lang, edition);
  return renderLayout({ ...layout, header: { kind: 'none' }, bom: false, eol: '\n' }, issue, pub, lang, edition).trim() + '\n';
}

export function editionHtml(issue: Issue, pub: Publication, lang: Lang, edition: Edition): string {
  return markdownToHtml(editionBody(issue, pub, lang, edition));
}

/** Whether an issue has anything to show in a language. */
/**
 * Whether an issue is published in a language: an item has a title in it, or the edition was
 * imported with its own layout (an archive's note-only issue). An edition made in the app with a
 * title and no items is not: its readers would get "Shared " and nothing.
 */
export function hasLang(issue: Issue, lang: Lang): boolean {
  return issue.items.some((i) => i.texts[lang]?.title) || issue.editions.some((e) => e.lang === lang && e.layout !== undefined);
}

/** An item's text as plain words, for search and summaries. */
export function itemPlain(item: Item, lang: Lang): { title: string; text: string } | undefined {
  const t = item.texts[lang];
  if (!t?.title) return undefined;
  const squash = (s: string) => plainText(s).replace(/\s+/g, ' ').trim();
  return { title: squash(t.title), text: squash([t.blurb, t.note ?? ''].join(' ')) };
}

/** The labels an item is filed under: its own tags and, for a repository, its language. */
export function itemTags(item: Item): string[] {
  const tags = new Set<string>();
  const own = item.meta.tags;
  if (Array.isArray(own)) for (const t of own) if (typeof t === 'string' && t.trim()) tags.add(t.trim());
  if (typeof item.meta.language === 'string' && item.meta.language.trim()) tags.add(item.meta.language.trim());
  return [...tags];
}

/** A tag's path segment: lowercase letters and digits of any script, "c#" as "csharp", "c++" as "cplusplus". */
export function tagSlug(tag: string): string {
  return (
    tag
      .toLowerCase()
      .replaceAll('#', 'sharp')
      .replaceAll('+', 'plus')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'tag'
  );
}
