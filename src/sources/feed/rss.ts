// RSS 0.9x, 1.0 (RDF) and 2.0, with Dublin Core, content:encoded, iTunes and Media RSS.

import { sanitize, titleText } from '../../html/sanitize.ts';
import { withDescription, withHtml } from './html.ts';
import { parseDate } from './date.ts';
import { readEntries, type Marking } from './marks.ts';
import type { Enclosure, Feed, FeedEntry } from './types.ts';
import { all, attr, baseOf, first, hasElements, innerXml, resolveUrl, text, type XmlElement } from './xml.ts';

export function readRss(root: XmlElement, docUrl: string, problems: string[], marking?: Marking<XmlElement>): Feed {
  const rdf = root.name.toLowerCase().endsWith('rdf');
  const channel = first(root, 'channel') ?? root;
  const base = baseOf(channel, docUrl);
  const items = rdf ? all(root, 'item') : all(channel, 'item');
  if (rdf && items.length === 0) items.push(...all(channel, 'item'));
  const link = resolveUrl(text(first(channel, 'link')).trim(), base) ?? resolveUrl(attr(first(channel, 'atom:link'), 'href'), base);
  const { entries, unchanged } = readEntries(items, (it) => readItem(it, docUrl), (it) => itemLink(it, baseOf(it, docUrl)), marking);
  const feed = withDescription(
    {
      format: rdf ? 'rdf' : 'rss',
      version: rdf ? 'rss10' : `rss${(attr(root, 'version') ?? '2.0').replace('.', '')}`,
      title: titleText(text(first(channel, 'title', 'dc:title'))),
      entries,
      unchanged,
      problems,
    },
    () => sanitize(text(first(channel, 'description', 'dc:description', 'itunes:summary')), base),
  );
  if (link) feed.link = link;
  const lang = text(first(channel, 'language', 'dc:language')).trim();
  if (lang) feed.language = lang;
  const updated = parseDate(text(first(channel, 'lastbuilddate', 'pubdate', 'dc:date')));
  if (updated) feed.updated = updated;
  const image = resolveUrl(text(first(first(channel, 'image'), 'url')).trim() || attr(first(channel, 'itunes:image'), 'href'), base);
  if (image) feed.image = image;
  const author = text(first(channel, 'author', 'managingeditor', 'dc:creator', 'itunes:author')).trim();
  if (author) feed.author = author;
  return feed;
}

function readItem(it: XmlElement, docUrl: string): FeedEntry {
  const base = baseOf(it, docUrl);
  const titleEl = first(it, 'title', 'dc:title');
  const guidText = text(first(it, 'guid')).trim();
  const link = itemLink(it, base);
  const description = first(it, 'description', 'dc:description', 'itunes:summary');
  const descHtml = hasElements(description) ? innerXml(description) : text(description);
  // Relative URLs in an entry's HTML are relative to the entry's page, where a reader would meet them.
  const htmlBase = link ?? base;
  const titleRaw = text(titleEl);
  const entry: FeedEntry = withHtml({
    title: titleText(titleRaw),
    titleRaw,
    categories: categoriesOf(it),
    enclosures: enclosures(it, base),
  }, descHtml, text(first(it, 'content:encoded')), htmlBase);
  const id = guidText || attr(it, 'rdf:about');
  if (id) entry.id = id;
  if (link) entry.link = link;
  const author = text(first(it, 'author', 'dc:creator', 'itunes:author')).trim();
  if (author) entry.author = author;
  const published = parseDate(text(first(it, 'pubdate', 'dc:date', 'dcterms:issued', 'dcterms:created')));
  if (published) entry.published = published;
  const updated = parseDate(text(first(it, 'dcterms:modified', 'atom:updated')));
  if (updated) entry.updated = updated;
  const image =
    resolveUrl(attr(first(it, 'itunes:image'), 'href'), base) ??
    resolveUrl(attr(first(it, 'media:thumbnail'), 'url'), base) ??
    resolveUrl(attr(first(first(it, 'media:group'), 'media:thumbnail'), 'url'), base) ??
    entry.enclosures.find((e) => e.type?.startsWith('image/'))?.url;
  if (image) entry.image = image;
  const duration = parseDuration(text(first(it, 'itunes:duration')));
  if (duration !== undefined) entry.duration = duration;
  const comments = resolveUrl(text(first(it, 'comments')).trim(), base);
  if (comments) entry.comments = comments;
  const count = Number(text(first(it, 'slash:comments')).trim());
  if (text(first(it, 'slash:comments')).trim() && Number.isFinite(count)) entry.commentCount = count;
  return entry;
}



/** Categories and subjects (one per line), then iTunes keywords (comma-separated). */
function categoriesOf(it: XmlElement): string[] {
  const out: string[] = [];
  const add = (el: XmlElement, by: string | RegExp) => {
    for (const part of text(el).split(by)) {
      const t = part.trim();
      if (t) out.push(t);
    }
  };
  for (const c of all(it, 'category', 'dc:subject')) add(c, /\n/);
  for (const c of all(it, 'itunes:keywords')) add(c, ',');
  return out;
}

/** An item's link: its own (as text, or as an Atom-style href that some podcast tools write
 * unprefixed), else its guid when that is a permalink, else the web address an RSS 1.0 item is
 * about; FeedBurner's original first. */
function itemLink(it: XmlElement, base: string): string | undefined {
  const guid = first(it, 'guid');
  const guidText = text(guid).trim();
  let link = resolveUrl(text(first(it, 'link')).trim(), base) ?? resolveUrl(pageHref(it), base) ?? resolveUrl(attr(first(it, 'atom:link'), 'href'), base);
  if (!link && guid && attr(guid, 'ispermalink') !== 'false' && /^https?:/i.test(guidText)) link = guidText;
  const about = attr(it, 'rdf:about')?.trim();
  if (!link && about && /^https?:/i.test(about)) link = about;
  const orig = text(first(it, 'feedburner:origlink')).trim();
  if (orig) link = resolveUrl(orig, base) ?? link;
  return link;
}

/** The href of an item's unprefixed <link href> to its page (no rel, or rel="alternate"). */
function pageHref(it: XmlElement): string | undefined {
  for (const el of all(it, 'link')) {
    const rel = attr(el, 'rel') ?? 'alternate';
    if (rel === 'alternate' && attr(el, 'href')) return attr(el, 'href');
  }
  return undefined;
}

function enclosures(it: XmlElement, base: string): Enclosure[] {
  const out: Enclosure[] = [];
  const add = (el: XmlElement, urlAttr: string) => {
    const url = resolveUrl(attr(el, urlAttr), base);
    if (!url || out.some((e) => e.url === url)) return;
    const e: Enclosure = { url };
    const type = attr(el, 'type');
    if (type) e.type = type;
    const length = Number(attr(el, 'length') ?? attr(el, 'filesize'));
    if (Number.isFinite(length) && length > 0) e.length = length;
    out.push(e);
  };
  for (const el of all(it, 'enclosure')) add(el, 'url');
  for (const el of all(it, 'link', 'atom:link')) if (attr(el, 'rel') === 'enclosure') add(el, 'href');
  for (const el of all(it, 'media:content')) add(el, 'url');
  for (const el of all(first(it, 'media:group'), 'media:content')) add(el, 'url');
  return out;
}

/** "1:02:03", "62:03", "3723" → seconds. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim();
  if (!t) return undefined;
  if (/^\d+$/.test(t)) return Number(t);
  const parts = t.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return undefined;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}
