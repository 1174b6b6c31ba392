// Atom 1.0 and 0.3.

import { sanitize, stripTags } from '../../html/sanitize.ts';
import { withDescription, withHtml } from './html.ts';
import { parseDate } from './date.ts';
import { readEntries, type Marking } from './marks.ts';
import type { Enclosure, Feed, FeedEntry } from './types.ts';
import { allIn, attr, baseOf, first, firstIn, hasElements, innerXml, resolveUrl, text, type XmlElement } from './xml.ts';
import { escapeText } from '../../html/escape.ts';

/** An element's names, Atom's namespace and none, in that order; made once, not per entry. */
const n = (...locals: string[]): readonly string[] => locals.flatMap((local) => [`atom:${local}`, local]);
const CATEGORY = n('category');
const LINK = n('link');
const NAME = n('name');
const EMAIL = n('email');
const ENTRY = n('entry');
const TITLE = n('title');
const SUBTITLE = n('subtitle', 'tagline');
const UPDATED = n('updated', 'modified');
const PUBLISHED = n('published', 'issued', 'created');
const LOGO = n('logo', 'icon');
const AUTHOR = n('author');
const SUMMARY = n('summary');
const CONTENT = n('content');
const ID = n('id');

/** Text constructs: type="text" (default), "html" or "xhtml"; returns sanitised HTML. */
function construct(el: XmlElement | undefined, base: string): string {
  return sanitize(constructHtml(el), base);
}

/** A text construct as HTML, not yet sanitised. */
function constructHtml(el: XmlElement | undefined): string {
  if (!el) return '';
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if ((attr(el, 'mode') ?? '') === 'base64') {
    const decoded = Buffer.from(text(el).replace(/\s+/g, ''), 'base64').toString('utf8');
    return type.includes('html') ? decoded : escapeText(decoded);
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    // The xhtml div is the container, not the content (RFC 4287, 3.1.1.3).
    const kids = el.children.filter((c) => c.type === 'tag' || c.data.trim());
    const only = kids.length === 1 && kids[0]!.type === 'tag' && kids[0]!.name.replace(/^[\w-]+:/, '') === 'div' ? kids[0]! : el;
    return innerXml(only);
  }
  // Atom 1.0: content of a type that is neither text nor XML is base64 (RFC 4287, 4.1.3.3).
  if (type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type)) {
    return escapeText(Buffer.from(text(el).replace(/\s+/g, ''), 'base64').toString('utf8'));
  }
  if (type === 'html' || type === 'text/html' || (attr(el, 'mode') ?? '') === 'escaped') return text(el);
  if (hasElements(el)) return innerXml(el);
  return escapeText(text(el));
}


interface Link {
  rel: string;
  href: string | undefined;
  type: string | undefined;
  length: string | undefined;
}

function links(el: XmlElement, base: string): Link[] {
  const out: Link[] = [];
  for (const l of allIn(el, LINK)) out.push({ rel: (attr(l, 'rel') ?? 'alternate').toLowerCase(), href: resolveUrl(attr(l, 'href'), base), type: attr(l, 'type'), length: attr(l, 'length') });
  return out;
}

/** An entry's page: its alternate link, else the first that is neither an enclosure nor itself. */
function entryLink(ls: Link[]): string | undefined {
  return ls.find((l) => l.rel === 'alternate')?.href ?? ls.find((l) => l.rel !== 'enclosure' && l.rel !== 'self')?.href;
}

function person(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const name = text(firstIn(el, NAME)).trim();
  const email = text(firstIn(el, EMAIL)).trim();
  if (name && email) return `${name} (${email})`;
  return name || email || text(el).trim() || undefined;
}

export function readAtom(root: XmlElement, docUrl: string, problems: string[], marking?: Marking<XmlElement>): Feed {
  const base = baseOf(root, docUrl);
  const feedLinks = links(root, base);
  const { entries, unchanged } = readEntries(allIn(root, ENTRY), (e) => readEntry(e, docUrl), (e) => entryLink(links(e, baseOf(e, docUrl))), marking);
  const titleEl = firstIn(root, TITLE);
  const feed = withDescription(
    {
      format: 'atom',
      version: attr(root, 'version') === '0.3' ? 'atom03' : 'atom10',
      title: stripTags(constructHtml(titleEl)),
      entries,
      unchanged,
      problems,
    },
    () => construct(firstIn(root, SUBTITLE), base),
  );
  const link = feedLinks.find((l) => l.rel === 'alternate')?.href ?? feedLinks[0]?.href;
  if (link) feed.link = link;
  const lang = attr(root, 'xml:lang');
  if (lang) feed.language = lang;
  const updated = parseDate(text(firstIn(root, UPDATED)));
  if (updated) feed.updated = updated;
  const image = resolveUrl(text(firstIn(root, LOGO)).trim(), base);
  if (image) feed.image = image;
  const author = person(firstIn(root, AUTHOR));
  if (author) feed.author = author;
  return feed;
}

function readEntry(el: XmlElement, docUrl: string): FeedEntry {
  const base = baseOf(el, docUrl);
  const ls = links(el, base);
  const titleEl = firstIn(el, TITLE);
  const enclosures: Enclosure[] = [];
  for (const l of ls) {
    if (l.rel !== 'enclosure' || !l.href) continue;
    const e: Enclosure = { url: l.href };
    if (l.type) e.type = l.type;
    if (Number(l.length) > 0) e.length = Number(l.length);
    enclosures.push(e);
  }
  const categories: string[] = [];
  for (const c of allIn(el, CATEGORY)) {
    const term = (attr(c, 'term') ?? text(c)).trim();
    if (term) categories.push(term);
  }
  const entry: FeedEntry = withHtml(
    {
      title: stripTags(constructHtml(titleEl)),
      titleRaw: text(titleEl),
      categories,
      enclosures,
    },
    // A video channel's entry (YouTube's) keeps its words in media:group's description.
    constructHtml(firstIn(el, SUMMARY)) || mediaDescription(el),
    constructHtml(firstIn(el, CONTENT)),
    base,
  );
  const id = text(firstIn(el, ID)).trim();
  if (id) entry.id = id;
  const link = entryLink(ls);
  if (link) entry.link = link;
  const author = person(firstIn(el, AUTHOR));
  if (author) entry.author = author;
  const published = parseDate(text(firstIn(el, PUBLISHED)));
  const updated = parseDate(text(firstIn(el, UPDATED)));
  if (published ?? updated) entry.published = (published ?? updated)!;
  if (updated) entry.updated = updated;
  const image =
    resolveUrl(attr(first(el, 'media:thumbnail'), 'url'), base) ??
    resolveUrl(attr(first(first(el, 'media:group'), 'media:thumbnail'), 'url'), base) ??
    enclosures.find((e) => e.type?.startsWith('image/'))?.url;
  if (image) entry.image = image;
  return entry;
}

/** media:description (in media:group or not) as HTML: plain text, escaped, its line breaks kept. */
function mediaDescription(el: XmlElement): string {
  const d = text(first(first(el, 'media:group'), 'media:description') ?? first(el, 'media:description')).trim();
  return d ? escapeText(d).replace(/\n/g, '<br>') : '';
}
