// Markdown to HTML for the site, feeds and mail: one markdown-it, raw HTML off (the text is
// escaped, not passed through), unsafe link schemes refused, images lazy and sized by CSS.

import MarkdownIt from 'markdown-it';
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

export function markdownToHtml(markdown: string): string {
  return md.render(markdown);
}

export function inlineToHtml(markdown: string): string {
  return md.renderInline(markdown);
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
export function hasLang(issue: Issue, lang: Lang): boolean {
  return issue.editions.some((e) => e.lang === lang) || issue.items.some((i) => i.texts[lang]?.title);
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
