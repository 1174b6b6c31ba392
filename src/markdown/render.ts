// House style out: one edition of one issue in one language, as Markdown.

import { countItems, countsLine } from '../core/counts.ts';
import {
  editionOf,
  sectionItems,
  type Edition,
  type EditionLayout,
  type HeadingLayout,
  type Issue,
  type Item,
  type Lang,
  type LayoutBlock,
  type Publication,
} from '../core/model.ts';
import { formatStars } from '../core/stars.ts';
import { fill } from '../core/template.ts';
import { countWords, plainText, roundedWords } from '../text/word-count.ts';
import { writeFrontMatter } from './front-matter.ts';
import { circled } from './inline.ts';
import { defaultHeaderSep, defaultLayout } from './default-layout.ts';

export function renderEdition(issue: Issue, pub: Publication, lang: Lang, edition: Edition): string {
  const layout = editionOf(issue, lang, edition)?.layout ?? defaultLayout(issue, pub, lang, edition);
  return renderLayout(layout, issue, pub, lang, edition);
}

/** Words a reader of this language's full edition reads: what "全文 N 字" reports. */
export function editionWords(issue: Issue, pub: Publication, lang: Lang): number {
  const layout = editionOf(issue, lang, 'full')?.layout ?? defaultLayout(issue, pub, lang, 'full');
  const body = new Renderer(issue, pub, lang, 'full', () => '').body(layout);
  return countWords(plainText(body), lang);
}

export function renderLayout(layout: EditionLayout, issue: Issue, pub: Publication, lang: Lang, edition: Edition): string {
  const r = new Renderer(issue, pub, lang, edition, () => {
    const style = pub.style.langs[lang];
    if (!style) return '';
    const template = edition === 'teaser' ? style.teaserCountsTemplate : style.countsTemplate;
    return countsLine(style, countItems(issue, pub, lang), roundedWords(editionWords(issue, pub, lang)), template);
  });
  let out = r.header(layout) + r.body(layout) + layout.end;
  if (layout.eol === '\r\n') out = out.replaceAll('\n', '\r\n');
  return layout.bom ? '\uFEFF' + out : out;
}

class Renderer {
  constructor(
    private issue: Issue,
    private pub: Publication,
    private lang: Lang,
    private edition: Edition,
    /** The counts line, computed only when a layout asks for it. */
    private counts: () => string,
  ) {}

  private vars() {
    const e = editionOf(this.issue, this.lang, this.edition) ?? editionOf(this.issue, this.lang, 'full');
    return { title: e?.title ?? '', number: this.issue.number, date: this.issue.date };
  }

  header(layout: EditionLayout): string {
    const h = layout.header;
    if (h.kind === 'frontmatter') {
      const vars = this.vars();
      return writeFrontMatter(h.fields.map((f) => ({ ...f, value: fill(f.value, vars) })));
    }
    if (h.kind === 'h1') return `# ${fill(h.text, this.vars())}`;
    return '';
  }

  body(layout: EditionLayout): string {
    let out = '';
    layout.blocks.forEach((b, i) => {
      const sep = i === 0 ? (layout.headerSep ?? defaultHeaderSep(layout.header)) : (b.sep ?? '\n\n');
      const text = this.block(b);
      // A counts line with nothing to count is left out, with its separator.
      if (b.kind === 'counts' && text === '') return;
      out += sep + text;
    });
    return out;
  }

  private block(b: LayoutBlock): string {
    switch (b.kind) {
      case 'text':
        return b.text;
      case 'counts':
        return this.counts();
      case 'section':
        return this.section(b);
    }
  }

  private section(b: Extract<LayoutBlock, { kind: 'section' }>): string {
    let out = heading(b.heading);
    if (b.body !== undefined) out += (b.bodySep ?? '\n\n') + b.body;
    const items = sectionItems(this.issue, b.key).filter((it) => this.shows(it, !!b.teaser));
    items.forEach((item, i) => {
      const sep = i === 0 ? (b.itemsSep ?? '\n\n') : (b.itemSeps?.[i] ?? '\n\n');
      out += sep + (b.teaser ? this.teaserItem(item, i) : this.item(item, i));
    });
    return out;
  }

  private shows(item: Item, teaser: boolean): boolean {
    const t = item.texts[this.lang];
    if (!t) return false;
    return teaser || !t.layout?.teaserOnly;
  }

  private teaserItem(item: Item, i: number): string {
    const t = item.texts[this.lang]!;
    // Numbering and spacing kept from a teaser file belong to teaser-only items; a full item's
    // layout describes its full-edition line.
    const l = item.url === null ? (t.layout ?? {}) : {};
    return `${l.number ?? circled(i + 1)}${l.marker ?? ' '}${t.layout?.teaserTitle ?? t.title}${l.trail ?? ''}`;
  }

  private item(item: Item, i: number): string {
    return renderItem(item, this.pub, this.lang, i);
  }
}

/** One item of the full edition as its section lists it: "1、[title](url)", the blurb, the
 * note and stars, the picture unless `images` is false (a season compilation drops them). */
export function renderItem(item: Item, pub: Publication, lang: Lang, i: number, opts: { images?: boolean } = {}): string {
  const t = item.texts[lang]!;
  const l = t.layout ?? {};
  const style = pub.style.langs[lang];
  const marker = l.marker ?? style?.itemMarker ?? '、';
  const url = l.url ?? item.url;
  const title = url === null ? t.title : `[${t.title}](${url})`;
  let out = `${l.number ?? i + 1}${marker}${title}${t.suffix ?? ''}${l.trail ?? ''}`;
  const image = opts.images === false ? null : (l.image ?? item.image);
  const picture = image && !l.noImage ? (l.imageSep ?? '\n\n') + `![${t.imageAlt ?? ''}](${image})` : '';
  if (l.imageFirst) out += picture;
  let tail = t.blurb;
  if (t.note) tail += fill(l.noteForm ?? style?.noteTemplate ?? '（附：{note}）', { note: t.note });
  if (item.meta.stars !== undefined && !l.noStars) {
    tail += l.starsText ?? fill(style?.starsTemplate ?? '（star {stars}）', { stars: formatStars(item.meta.stars) });
  }
  if (tail) out += (l.sep ?? '\n\n') + tail;
  if (!l.imageFirst) out += picture;
  return out;
}

function heading(h: HeadingLayout): string {
  let inner = h.link ? `${h.lead ?? ''}[${h.text}](${h.link})` : h.text;
  if (h.bold) inner = `**${inner}**`;
  return `${h.level}${inner}${h.trail ?? ''}`;
}
