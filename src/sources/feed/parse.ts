// One entry point for every feed format. A broken feed yields what can be read, with its
// problems listed; only a document that is no feed at all is an error.

import { readAtom } from './atom.ts';
import { readJsonFeed } from './json-feed.ts';
import { markOf, withoutKnown, type KnownEntries, type Marking } from './marks.ts';
import { readRss } from './rss.ts';
import { FeedError, type Feed, type UnchangedEntry } from './types.ts';
import { jsonItemSpans, withItems } from './json-items.ts';
import { parseXml, type XmlElement } from './xml.ts';

export interface ParseFeedOptions {
  /** The feed's own URL: relative links resolve against it. */
  url?: string;
  contentType?: string;
  /** Mark every entry (FeedEntry.mark), to know it the next time (marks.ts). */
  marks?: boolean;
  /** Marks of entries read before: those entries are not read again (Feed.unchanged). Implies marks. */
  known?: KnownEntries | undefined;
}

export function parseFeed(body: string, opts: ParseFeedOptions = {}): Feed {
  const url = opts.url ?? '';
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  const marking = <T>(mark: (item: T) => string): Marking<T> | undefined => (opts.marks || opts.known ? { mark, known: opts.known } : undefined);
  if (trimmed.startsWith('{') || /json/i.test(opts.contentType ?? '')) return opts.marks || opts.known ? jsonWithMarks(trimmed, url, opts.known) : readJsonFeed(trimmed, url);
  const problems: string[] = [];
  if (!trimmed.startsWith('<')) problems.push('content before the first element');
  if (/<!ENTITY/i.test(trimmed.slice(0, 20000))) problems.push('declares entities, which are not expanded');
  // Entries known from the last reading are cut out before parsing; the rest is read as usual.
  const cut = opts.known?.size ? withoutKnown(trimmed, opts.known) : undefined;
  const xml = cut?.xml ?? trimmed;
  const { root, balanced, bareAmpersand } = parseXml(xml);
  if (!root) throw new FeedError('no XML element found: not a feed');
  const name = root.name.toLowerCase().replace(/^[\w-]+:/, '');
  let feed: Feed;
  const xmlMarking = marking<XmlElement>((el) => markOf(xml.slice(el.start, el.end)));
  if (name === 'rss' || name === 'rdf' || name === 'channel') feed = readRss(root, url, problems, xmlMarking);
  else if (name === 'feed') feed = readAtom(root, url, problems, xmlMarking);
  else throw new FeedError(`root element <${root.name}> is not RSS, RDF or Atom`);
  // The parser said whether the markup was balanced; where it was not, say where.
  if (!balanced) misnesting(xml, problems);
  if (bareAmpersand) problems.push('bare "&" not escaped');
  if (cut) feed.unchanged.unshift(...cut.unchanged);
  return feed;
}

/**
 * A JSON Feed whose items are marked by their text as written (json-items.ts), the known ones cut
 * out before JSON.parse. Where the scan cannot say where the items are, they are marked by their
 * parsed form and all parsed.
 */
function jsonWithMarks(text: string, url: string, known: KnownEntries | undefined): Feed {
  const spans = jsonItemSpans(text);
  if (!spans) return readJsonFeed(text, url, { mark: (i) => markOf(JSON.stringify(i)), known });
  const marks = spans.elements.map((e) => (e.object ? markOf(text.slice(e.start, e.end)) : ''));
  const unchanged: UnchangedEntry[] = [];
  const cut = new Set<number>();
  if (known?.size) {
    marks.forEach((mark, k) => {
      const key = mark ? known.get(mark) : undefined;
      if (key === undefined) return;
      cut.add(k);
      unchanged.push({ mark, key });
    });
  }
  // The reader takes the items left, in order, and asks each one's mark once (marks.ts readEntries).
  const left = marks.filter((mark, k) => mark && !cut.has(k));
  let next = 0;
  const body = cut.size ? withItems(text, spans, (k) => !cut.has(k)) : text;
  let feed: Feed;
  try {
    feed = readJsonFeed(body, url, { mark: () => left[next++]!, known: undefined });
  } catch (e) {
    // What is wrong is said of the document as it came, not of what was left of it.
    if (body !== text) readJsonFeed(text, url);
    throw e;
  }
  feed.unchanged.unshift(...unchanged);
  return feed;
}

/** The first unclosed or misnested tag, as a problem. */
function misnesting(xml: string, problems: string[]): void {
  const stack: string[] = [];
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<\/?([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const name = m[1];
    if (!name) continue;
    if (m[0].startsWith('</')) {
      if (stack.at(-1) === name) stack.pop();
      else {
        problems.push(`mismatched </${name}>${stack.length ? `, expected </${stack.at(-1)}>` : ''}`);
        return;
      }
    } else if (m[2] !== '/') stack.push(name);
  }
  if (stack.length) problems.push(`unclosed <${stack.at(-1)}>`);
  else problems.push('misnested tags');
}
