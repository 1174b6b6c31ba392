// The layout of an edition made in Pressroom: the publication's house style around the items.

import { quoteFor } from './front-matter.ts';
import { fill } from '../core/template.ts';
import type { Edition, EditionLayout, HeaderField, Issue, Lang, LayoutBlock, Publication } from '../core/model.ts';

/** One blank line after a header; nothing before the first block of a headerless file. */
export function defaultHeaderSep(header: EditionLayout['header']): string {
  return header.kind === 'none' ? '' : '\n\n';
}

export function defaultLayout(issue: Issue, pub: Publication, lang: Lang, edition: Edition): EditionLayout {
  const style = pub.style.langs[lang];
  if (!style) throw new Error(`render: the publication has no house style for language "${lang}"`);
  const blocks: LayoutBlock[] = [];
  const text = (role: Extract<LayoutBlock, { kind: 'text' }>['role'], t: string) => {
    if (t.trim()) blocks.push({ kind: 'text', role, text: fill(t, { number: issue.number, url: pub.style.fullTextUrl ?? '' }) });
  };
  text('intro', style.intro);
  blocks.push({ kind: 'counts' });
  if (edition === 'teaser') text('summary', style.teaserLead);
  const used = new Set(issue.items.filter((i) => i.texts[lang]).map((i) => i.section));
  for (const s of pub.sections) {
    if (s.kind !== 'items' || !used.has(s.key)) continue;
    const title = s.titles[lang] ?? s.titles[pub.primaryLang] ?? s.key;
    const link = edition === 'teaser' ? (s.link ?? pub.style.fullTextUrl) : s.link;
    blocks.push({
      kind: 'section',
      key: s.key,
      heading: {
        text: fill(style.headingTemplate, { emoji: s.emoji, title }),
        link,
        level: edition === 'teaser' ? '' : '## ',
        bold: edition === 'teaser' && !!link,
      },
      ...(edition === 'teaser' ? { teaser: true } : {}),
    });
  }
  if (edition === 'teaser') text('subscribe', style.subscribe);
  else for (const t of style.outro) text('text', t);

  let header: EditionLayout['header'];
  if (style.header === 'frontmatter') {
    const fields: HeaderField[] = [
      { key: 'title', value: style.titleTemplate, quote: "'" },
      { key: 'pubDate', value: '{date}', quote: '' },
    ];
    const description = issue.editions.find((e) => e.lang === lang)?.description;
    if (description) fields.push({ key: 'description', value: description, quote: quoteFor(description) });
    if (style.author) fields.push({ key: 'author', value: style.author, quote: quoteFor(style.author) });
    header = { kind: 'frontmatter', fields };
  } else header = { kind: 'h1', text: style.titleTemplate };
  return { eol: '\n', header, blocks, end: '\n' };
}
