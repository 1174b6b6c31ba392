// House style in: reads one edition of one issue, in any of the formats the weekly has used,
// into the model. Everything needed to write the file back byte for byte is kept in its layout.

import type { EditionInput, EditionItem } from '../core/merge.ts';
import type {
  BlockRole,
  EditionLayout,
  Header,
  HeadingLayout,
  ItemLayout,
  ItemMeta,
  ItemText,
  Lang,
  LayoutBlock,
  Publication,
  SectionDef,
} from '../core/model.ts';
import { chunk, type Chunk } from './chunks.ts';
import { MarkdownError } from './errors.ts';
import { readFrontMatter } from './front-matter.ts';
import { CIRCLED_CLASS, leadingEmoji, readLink, uncircled, wholeImage } from './inline.ts';
import { linkProblem } from '../core/links.ts';
import { detectLang } from './detect.ts';
import { extractNote, extractStars } from './affixes.ts';
import { freeSectionFor, resolveSection } from './sections.ts';
import { defaultHeaderSep } from './default-layout.ts';

type ParsedItem = EditionItem;

export interface ParsedEdition extends EditionInput {
  file: string;
  /** Sections the publication did not know, met in this file. */
  newSections: SectionDef[];
  /** What was read but looks wrong: "docs/x.md:52: item without a link". */
  warnings: string[];
  /** Lines that read as numbered items (a number, then a link) but were kept as text: a heading the publication does not know, most likely. */
  textItems: { line: number; text: string }[];
}

const ITEM_LINE = /^(\d{1,3})(、[ \t]*|[.．][ \t]*)(.*)$/;
const TEXT_ITEM = /^[ \t]*\d{1,3}(?:、|[.．])[ \t]*\[[^\]]+\]\(/;
const TEASER_LINE = new RegExp(`^(${CIRCLED_CLASS})([ \\t\\u3000]*)(.*?)([ \\t]*)$`, 'u');
const HEADING_LINE = /^(#{1,4} )(.*?)([ \t]*)$/;
const BOLD_HEADING = /^\*\*(\[\p{Extended_Pictographic}.*\]\(.*\))\*\*([ \t]*)$/u;
/** A line that is only an emoji and words (no link, no markup): a section heading when it names a section. */
const BARE_TITLE = /^((?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)+[^\[\]()*_`#\n]{1,40}?)([ \t]*)$/u;
/** A line that is only a link, its emoji inside or before it: a section heading when it names a section. */
const LINK_LINE = /^((?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)*[ \t]*)(\[[^\]\n]+\]\([^)\s]*\))([ \t]*)$/u;

function isAlone(line: string): boolean {
  return HEADING_LINE.test(line) || BOLD_HEADING.test(line) || ITEM_LINE.test(line) || TEASER_LINE.test(line);
}

export interface ParseOptions {
  file: string;
  /** Language when the path does not say; detected from the text otherwise. */
  lang?: Lang | undefined;
}

export function parseEdition(source: string, pub: Publication, opts: ParseOptions): ParsedEdition {
  const file = opts.file;
  let text = source;
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const eol: EditionLayout['eol'] = text.includes('\r\n') ? '\r\n' : '\n';
  if (eol === '\r\n') text = text.replaceAll('\r\n', '\n');
  if (text.trim() === '') throw new MarkdownError(file, 1, 'the file is empty');

  // Header: front matter or an H1 title.
  let header: Header = { kind: 'none' };
  let bodyStart = 0;
  let bodyLine = 1;
  let headerTitle = '';
  let date = '';
  let description: string | undefined;
  const fm = readFrontMatter(text, file);
  if (fm) {
    header = { kind: 'frontmatter', fields: fm.fields };
    bodyStart = fm.end;
    bodyLine = fm.lines;
    headerTitle = fm.fields.find((f) => f.key === 'title')?.value ?? '';
    date = normaliseDate(fm.fields.find((f) => /^(pubDate|date)$/i.test(f.key))?.value ?? '');
    description = fm.fields.find((f) => f.key === 'description')?.value;
  } else {
    const h1 = /^# (.*)/.exec(text);
    if (h1) {
      header = { kind: 'h1', text: h1[1]! };
      headerTitle = h1[1]!;
      bodyStart = h1[0].length;
    }
  }
  // The number is read only where it is stated: the front matter, the title line, the file name.
  // Never from the body, where a compilation's headings or a digest's mention of "第 21 期"
  // would make it some other issue.
  const head = readTitle(headerTitle);
  const stated = fm?.fields.find((f) => /^(number|issue)$/i.test(f.key))?.value.trim();
  const number = (stated && /^\d+$/.test(stated) ? Number(stated) : undefined) ?? head.number ?? numberFromPath(file);
  if (number === undefined) throw new MarkdownError(file, 1, 'no issue number in the front matter ("number: 12"), the title ("#12", "第 12 期", "Weekly 12") or the file name ("issue-12.md")');
  date ||= head.date ?? dateFromPath(file) ?? dateLine(text.slice(bodyStart)) ?? '';
  if (!date) throw new MarkdownError(file, 1, 'no issue date in the front matter, the title or the file name');
  const lang = opts.lang ?? detectLang(file, headerTitle || text.slice(0, 2000));

  // Make the header a template so that a changed title renders through it.
  if (header.kind === 'frontmatter') {
    header.fields = header.fields.map((f) =>
      f.key === 'title' ? { ...f, value: templatise(f.value, head.title, number, date) } : f,
    );
    const dateField = header.fields.find((f) => /^(pubDate|date)$/i.test(f.key));
    if (dateField && dateField.value === date) dateField.value = '{date}';
  } else if (header.kind === 'h1') {
    header.text = templatise(header.text, head.title, number, date);
  }

  const body = text.slice(bodyStart);
  const { chunks, end } = chunk(body, bodyLine, isAlone);
  const layout: EditionLayout = { eol, header, blocks: [], end };
  if (bom) layout.bom = true;
  const parser = new BodyParser(pub, lang, file, layout);
  chunks.forEach((c, i) => {
    if (i === 0) {
      if (c.sep !== defaultHeaderSep(header)) layout.headerSep = c.sep;
      parser.take({ ...c, sep: '' });
    } else parser.take(c);
  });
  parser.finish();

  const teaser = layout.blocks.some((b) => b.kind === 'section' && b.teaser);
  const fullItems = parser.items.some((i) => i.url !== null);
  return {
    file,
    lang,
    edition: teaser && !fullItems ? 'teaser' : 'full',
    number,
    date,
    title: head.title,
    description,
    layout,
    items: parser.items,
    newSections: parser.newSections,
    warnings: parser.warnings,
    textItems: parser.textItems,
  };
}

type SectionBlock = Extract<LayoutBlock, { kind: 'section' }>;

interface OpenItem {
  item: ParsedItem;
  line: number;
  parts: Chunk[];
}

class BodyParser {
  items: ParsedItem[] = [];
  newSections: SectionDef[] = [];
  warnings: string[] = [];
  textItems: { line: number; text: string }[] = [];
  private section: { block: SectionBlock; def: SectionDef; count: number; lastNumber: number } | null = null;
  private open: OpenItem | null = null;
  private topCount = 0;

  constructor(
    private pub: Publication,
    private lang: Lang,
    private file: string,
    private layout: EditionLayout,
  ) {}

  take(c: Chunk): void {
    const first = c.text;
    const heading = readHeading(first) ?? this.linkLineHeading(first);
    if (heading) return this.startSection(heading, c);
    const sec = this.section;
    if (sec && sec.def.kind === 'items') {
      const m = ITEM_LINE.exec(first);
      // A number after the last one begins an item; so does the same number again before a link (archives repeat one by mistake).
      if (m && !first.includes('\n') && (Number(m[1]) > sec.lastNumber || (Number(m[1]) === sec.lastNumber && m[3]!.startsWith('['))) && !sec.block.teaser) {
        if (m[3]!.startsWith('[')) return this.startItem(m, c);
        if (m[2]!.startsWith('、')) {
          this.warnings.push(`${this.file}:${c.line}: item without a link`);
          return this.startItem(m, c);
        }
      }
      const t = TEASER_LINE.exec(first);
      if (t && sec.block.teaser) return this.teaserItem(t, c);
      if (sec.block.teaser) {
        this.closeSection();
        return this.topText(c);
      }
    }
    if (this.open) {
      this.open.parts.push(c);
      return;
    }
    if (sec) {
      if (sec.def.key.startsWith('free-')) this.noteTextItems(c);
      if (sec.block.body === undefined) {
        sec.block.body = c.text;
        if (c.sep !== '\n\n') sec.block.bodySep = c.sep;
      } else sec.block.body += c.sep + c.text;
      return;
    }
    this.topText(c);
  }

  finish(): void {
    this.closeSection();
  }

  /** A section's title on a line of its own without "##", e.g. "[🥂Discussions & Questions](…)". */
  private linkLineHeading(line: string): HeadingLayout | null {
    // Or the title alone, no link: "🐿️项目&资源", when it starts with an emoji and names a section exactly.
    const bare = BARE_TITLE.exec(line);
    if (bare && resolveSection(this.pub.sections, bare[1]!)) return { level: '', bold: false, text: bare[1]!, ...(bare[2] ? { trail: bare[2] } : {}) };
    const m = LINK_LINE.exec(line);
    if (!m) return null;
    const link = readLink(m[2]!, 0);
    if (!link || !resolveSection(this.pub.sections, (m[1] ?? '') + link.text)) return null;
    const h: HeadingLayout = { level: '', bold: false, text: link.text, link: link.url };
    if (m[1]) h.lead = m[1];
    if (m[3]) h.trail = m[3];
    return h;
  }

  /** Numbered link lines in text outside the publication's sections: items lost to an unknown heading. */
  private noteTextItems(c: Chunk): void {
    c.text.split('\n').forEach((l, k) => {
      if (TEXT_ITEM.test(l)) this.textItems.push({ line: c.line + k, text: l });
    });
  }

  private topText(c: Chunk): void {
    this.noteTextItems(c);
    const block: LayoutBlock = { kind: 'text', role: roleOf(c.text, this.topCount++), text: c.text };
    if (c.sep !== '\n\n') block.sep = c.sep;
    this.layout.blocks.push(block);
  }

  private startSection(h: HeadingLayout, c: Chunk): void {
    this.closeSection();
    const named = (h.lead ?? '') + h.text;
    let def = resolveSection(this.pub.sections, named) ?? resolveSection(this.newSections, named);
    if (!def) {
      def = freeSectionFor(named, this.lang);
      this.newSections.push(def);
    }
    const block: SectionBlock = { kind: 'section', key: def.key, heading: h };
    if (c.sep !== '\n\n') block.sep = c.sep;
    // A bold line is the teaser's heading; a bare link line is a full edition's.
    if (h.level === '' && h.bold && def.kind === 'items') block.teaser = true;
    this.layout.blocks.push(block);
    this.section = { block, def, count: 0, lastNumber: 0 };
  }

  private closeSection(): void {
    this.closeItem();
    this.section = null;
  }

  private noteItemSep(c: Chunk): void {
    const sec = this.section!;
    if (c.sep === '\n\n') return;
    if (sec.count === 0) sec.block.itemsSep = c.sep;
    else (sec.block.itemSeps ??= {})[sec.count] = c.sep;
  }

  private startItem(m: RegExpExecArray, c: Chunk): void {
    this.closeItem();
    const sec = this.section!;
    const rest = m[3]!;
    const link = rest.startsWith('[') ? readLink(rest, 0) : { text: rest.trimEnd(), url: '', end: rest.trimEnd().length };
    if (!link) throw new MarkdownError(this.file, c.line, 'item link is not closed: expected [title](url)');
    const linkBad = link.url.trim() ? linkProblem(link.url.trim(), 'link') : undefined;
    if (linkBad) throw new MarkdownError(this.file, c.line, linkBad);
    const after = rest.slice(link.end);
    const suffix = after.trimEnd();
    const trail = after.slice(suffix.length);
    this.noteItemSep(c);
    const layout: ItemLayout = {};
    const n = Number(m[1]);
    if (n !== sec.count + 1) layout.number = m[1]!;
    if (m[2] !== defaultMarker(this.pub, this.lang)) layout.marker = m[2]!;
    if (trail) layout.trail = trail;
    const text: ItemText = { title: link.text, blurb: '' };
    if (suffix) text.suffix = suffix;
    const meta: ItemMeta = {};
    const from = sourceLangOf(suffix);
    if (from) meta.sourceLang = from;
    // Early issues wrote "中文标题---Original Title": the original is kept as metadata.
    const bilingual = /^(.+?)\s*-{3}\s*(.+)$/.exec(link.text);
    if (bilingual) meta.originalTitle = bilingual[2]!;
    const item: ParsedItem = { section: sec.def.key, url: link.url.trim() || null, image: null, meta, text };
    item.text.layout = layout;
    this.items.push(item);
    this.open = { item, line: c.line, parts: [] };
    sec.count++;
    sec.lastNumber = n;
  }

  private teaserItem(t: RegExpExecArray, c: Chunk): void {
    const sec = this.section!;
    this.noteItemSep(c);
    const layout: ItemLayout = {};
    const n = uncircled(t[1]!);
    if (n !== sec.count + 1) layout.number = t[1]!;
    if (t[2] !== ' ') layout.marker = t[2]!;
    if (t[4]) layout.trail = t[4]!;
    const item: ParsedItem = { section: sec.def.key, url: null, image: null, meta: {}, text: { title: t[3]!, blurb: '', layout } };
    this.items.push(item);
    sec.count++;
    sec.lastNumber = n;
  }

  private closeItem(): void {
    const open = this.open;
    this.open = null;
    if (!open) return;
    const { item, parts } = open;
    const layout = item.text.layout!;
    const last = parts[parts.length - 1];
    const image = last ? wholeImage(last.text) : null;
    // Or the image opens the item, before its text.
    const opening = !image && parts.length > 1 ? wholeImage(parts[0]!.text) : null;
    if (opening) {
      const imageBad = linkProblem(opening.url, 'image');
      if (imageBad) throw new MarkdownError(this.file, open.line, imageBad);
      const first = parts.shift()!;
      item.image = opening.url;
      if (opening.alt) item.text.imageAlt = opening.alt;
      layout.imageFirst = true;
      if (first.sep !== '\n\n') layout.imageSep = first.sep;
    }
    if (image && last) {
      const imageBad = linkProblem(image.url, 'image');
      if (imageBad) throw new MarkdownError(this.file, open.line, imageBad);
      parts.pop();
      item.image = image.url;
      if (image.alt) item.text.imageAlt = image.alt;
      if (last.sep !== '\n\n') layout.imageSep = last.sep;
    }
    if (parts.length > 0) {
      if (parts[0]!.sep !== '\n\n') layout.sep = parts[0]!.sep;
      let blurb = parts.map((p, i) => (i === 0 ? p.text : p.sep + p.text)).join('');
      const stars = extractStars(blurb, this.pub, this.lang);
      if (stars) {
        blurb = stars.rest;
        item.meta.stars = stars.stars;
        if (stars.literal) layout.starsText = stars.literal;
      }
      const note = extractNote(blurb, this.pub, this.lang);
      if (note) {
        blurb = note.rest;
        item.text.note = note.note;
        if (note.form) layout.noteForm = note.form;
      }
      item.text.blurb = blurb;
    }
    if (Object.keys(layout).length === 0) delete item.text.layout;
  }
}

function readHeading(line: string): HeadingLayout | null {
  if (line.includes('\n')) return null;
  const bold = BOLD_HEADING.exec(line);
  if (bold) {
    const link = readLink(bold[1]!, 0)!;
    const h: HeadingLayout = { level: '', bold: true, text: link.text, link: link.url };
    if (bold[2]) h.trail = bold[2];
    return h;
  }
  const m = HEADING_LINE.exec(line);
  if (!m || m[1] === '# ') return null;
  let inner = m[2]!;
  const h: HeadingLayout = { level: m[1]!, bold: false, text: inner };
  if (m[3]) h.trail = m[3];
  if (/^\*\*.*\*\*$/.test(inner)) {
    h.bold = true;
    inner = inner.slice(2, -2);
    h.text = inner;
  }
  // The link, with the emoji inside it or before it: "## [🦄文章&教程](…)", "## 🦄[文章&教程](…)".
  const lead = leadingEmoji(inner);
  const rest = inner.slice(lead.length).replace(/^[ \t]+/, '');
  if (rest.startsWith('[')) {
    const link = readLink(rest, 0);
    if (link && link.end === rest.length) {
      h.text = link.text;
      h.link = link.url;
      if (rest !== inner) h.lead = inner.slice(0, inner.length - rest.length);
    }
  }
  return h;
}

function defaultMarker(pub: Publication, lang: Lang): string {
  return pub.style.langs[lang]?.itemMarker ?? '、';
}

function sourceLangOf(suffix: string): string | undefined {
  if (/英文|English|英語/i.test(suffix)) return 'en';
  if (/中文|Chinese|中国語/i.test(suffix)) return 'zh';
  if (/日文|Japanese|日本語/i.test(suffix)) return 'ja';
  return undefined;
}

function roleOf(text: string, index: number): BlockRole {
  if (/^(本期)?分享了\s*\d|^Shared \d|^This week we're sharing|^今回は\s*\d|^今週は/i.test(text)) return 'counts';
  if (/标题摘要|title summar|タイトル/i.test(text)) return 'summary';
  if (/订阅|subscri|購読/i.test(text) && index > 0) return 'subscribe';
  if (index === 0) return 'intro';
  return 'text';
}

/**
 * The forms a title line states its issue's number in, with what follows it: "Python 潮流周刊#51：
 * 用 Python 绘图", "Python Trending Weekly #1 (2023-05-13)", "Python Trending Weekly 40
 * (2024-03-02)", "科技爱好者周刊（第 12 期）：标题", "第 12 期：标题".
 */
const TITLE_FORMS = [
  /#\s*(\d+)\s*(?:[：:]\s*(.*?)\s*)?(?:[(（](\d{4}-\d{2}-\d{2})[)）])?\s*$/,
  /第\s*(\d+)\s*期\s*[)）]?\s*(?:[：:]\s*(.*?)\s*)?(?:[(（](\d{4}-\d{2}-\d{2})[)）])?\s*$/,
  /\bWeekly\s+(\d+)\s*(?:[：:]\s*(.*?)\s*)?(?:\((\d{4}-\d{2}-\d{2})\))?\s*$/i,
];

/** Issue number, title and date from a title line, in any of the TITLE_FORMS. */
export function readTitle(s: string): { number?: number; title: string; date?: string } {
  for (const form of TITLE_FORMS) {
    const m = form.exec(s);
    if (!m) continue;
    const out: { number?: number; title: string; date?: string } = { number: Number(m[1]), title: m[2] ?? '' };
    if (m[3]) out.date = m[3];
    return out;
  }
  return { title: '' };
}

function templatise(value: string, title: string, number: number, date: string): string {
  let v = value.replaceAll('{', '{{');
  if (title) {
    const at = v.lastIndexOf(title);
    if (at !== -1) v = v.slice(0, at) + '{title}' + v.slice(at + title.length);
  }
  // The number where the title states it, in whichever form.
  const forms = [new RegExp(`#(\\s*)${number}(?!\\d)`), new RegExp(`第(\\s*)${number}(\\s*)期`), new RegExp(`(\\bWeekly\\s+)${number}(?!\\d)`, 'i')];
  const [hash, cjk, weekly] = forms as [RegExp, RegExp, RegExp];
  if (hash.test(v)) v = v.replace(hash, '#$1{number}');
  else if (cjk.test(v)) v = v.replace(cjk, '第$1{number}$2期');
  else if (weekly.test(v)) v = v.replace(weekly, '$1{number}');
  if (date) v = v.replace(date, '{date}');
  return v;
}

/** A number the file name states: "issue-12.md", "weekly-12.md", "12.md". */
function numberFromPath(file: string): number | undefined {
  const m = /^(?:(?:issue|weekly)[-_]?)?(\d+)\.(?:md|markdown)$/i.exec(file.split(/[\\/]/).pop() ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A line near the top that states the date and nothing else: "2030-02-07", "2030年2月7日", "日期：2030-02-07". */
function dateLine(body: string): string | undefined {
  for (const line of body.split('\n', 20)) {
    const m = /^\s*(?:(?:日期|发布日期|Date)[：:]\s*)?(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?\s*$/i.exec(line);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return undefined;
}

function dateFromPath(file: string): string | undefined {
  return /(\d{4}-\d{2}-\d{2})/.exec(file.split('/').pop() ?? '')?.[1];
}

function normaliseDate(v: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
}
