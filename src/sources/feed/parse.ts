// One entry point for every feed format. A broken feed yields what can be read, with its
// problems listed; only a document that is no feed at all is an error.

import { readAtom } from './atom.ts';
import { readJsonFeed } from './json-feed.ts';
import { markOf, withoutKnown, type KnownEntries, type Marking } from './marks.ts';
import { readRss } from './rss.ts';
import { FeedError, type Feed } from './types.ts';
import { jsonWithoutKnown } from './json-items.ts';
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
  if (trimmed.startsWith('{') || /json/i.test(opts.contentType ?? '')) return opts.marks || opts.known ? jsonWithMarks(trimmed, url, opts.known) : readJsonFeed(trimmed, url);
  const problems: string[] = [];
  if (!trimmed.startsWith('<')) problems.push('content before the first element');
  // Entities are declared in the DOCTYPE, before the first element.
  const first = FIRST_ELEMENT.exec(trimmed)?.index ?? trimmed.length;
  if (/<!ENTITY/i.test(trimmed.slice(0, Math.min(first, 20000)))) problems.push('declares entities, which are not expanded');
  // Entries known from the last reading are cut out before parsing; the rest is read as usual.
  const cut = opts.known?.size ? withoutKnown(trimmed, opts.known) : undefined;
  const xml = cut?.xml ?? trimmed;
  const { root, balanced, bareAmpersand } = parseXml(xml);
  if (!root) throw new FeedError('no XML element found: not a feed');
  const name = root.name.toLowerCase().replace(/^[\w-]+:/, '');
  let feed: Feed;
  const xmlMarking: Marking<XmlElement> | undefined = opts.marks || opts.known ? { mark: (el) => markOf(xml.slice(el.start, el.end)), known: opts.known } : undefined;
  if (name === 'rss' || name === 'rdf' || name === 'channel') feed = readRss(root, url, problems, xmlMarking);
  else if (name === 'feed') feed = readAtom(root, url, problems, xmlMarking);
  else throw new FeedError(`root element <${root.name}> is not RSS, RDF or Atom`);
  // The parser said whether the markup was balanced; where it was not, say where.
  if (!balanced) misnesting(xml, problems);
  if (bareAmpersand) problems.push('bare "&" not escaped');
  if (cut) feed.unchanged.unshift(...cut.unchanged);
  return feed;
}

const FIRST_ELEMENT = /<[A-Za-z_]/;

/** A JSON Feed read with marks: its known items cut out before JSON.parse (json-items.ts); where
 * the scan cannot say where the items are, each is marked by its parsed form and all are parsed. */
function jsonWithMarks(text: string, url: string, known: KnownEntries | undefined): Feed {
  const cut = jsonWithoutKnown(text, known);
  if (!cut) return readJsonFeed(text, url, { mark: (i) => markOf(JSON.stringify(i)), known });
  // The reader takes the items left, in order, and asks each one's mark once (marks.ts readEntries).
  let next = 0;
  let feed: Feed;
  try {
    feed = readJsonFeed(cut.text, url, { mark: () => cut.marks[next++]!, known: undefined });
  } catch (e) {
    // What is wrong is said of the document as it came, not of what was left of it.
    if (cut.text !== text) readJsonFeed(text, url);
    throw e;
  }
  feed.unchanged.unshift(...cut.unchanged);
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
