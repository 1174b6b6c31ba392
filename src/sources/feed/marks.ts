// Marks: each entry as the feed wrote it, hashed, to know it again. A feed read daily brings back
// dozens of entries for each new one, and an entry whose markup is what this source read and
// stored last time would change nothing. Such an entry is not read again, nor even parsed: its
// markup is cut out of the document before the parser sees it (known()). Of it only a key of
// its link is kept, stored with its mark, since the links of all of a feed's entries decide how
// each is told apart (read.ts). A change anywhere in an entry (a comment count, a corrected
// title) changes its mark, and the entry is read like a new one.

import { hash } from 'node:crypto';
import type { FeedEntry, UnchangedEntry } from './types.ts';

/** Raised when what is read of an entry changes, so that every entry is read once more: it is
 * part of what the marks are stored under (SourceAdapter.readVersion). */
export const READ_VERSION = '2';

/** 96 bits of SHA-256 of the entry's markup (the fastest of Node's hashes where the CPU has SHA
 * instructions). Relative links in it resolve against the feed's address, which can change
 * while the markup does not: an entry stored before keeps the link it was stored with. */
export function markOf(raw: string): string {
  return hash('sha256', raw, 'base64url').slice(0, 16);
}

/** What an entry's link is counted by among its feed's entries (read.ts), and what its mark is
 * stored with: 48 bits of the link without fragment, trailing slash or case; '' for none. */
export function linkKey(link: string | undefined): string {
  return link ? hash('sha256', link.trim().replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase(), 'base64url').slice(0, 8) : '';
}

/** Marks of the entries read and stored before, each with its link's key (linkKey). */
export type KnownEntries = ReadonlyMap<string, string>;

export interface Marking<T> {
  /** The mark of an item, from its markup. */
  mark(item: T): string;
  known: KnownEntries | undefined;
}

/** Reads every item that is not known; of known ones keeps the mark and the link's key. */
export function readEntries<T>(items: T[], read: (item: T) => FeedEntry, linkOf: (item: T) => string | undefined, marking: Marking<T> | undefined): { entries: FeedEntry[]; unchanged: UnchangedEntry[] } {
  if (!marking) return { entries: items.map(read), unchanged: [] };
  const entries: FeedEntry[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const item of items) {
    const mark = marking.mark(item);
    if (marking.known?.has(mark)) {
      unchanged.push({ mark, key: linkKey(linkOf(item)) });
      continue;
    }
    const entry = read(item);
    entry.mark = mark;
    entries.push(entry);
  }
  return { entries, unchanged };
}

const SCAN = /<!\[CDATA\[|<!--|<(item|entry)(?=[\s>])/g;
const CLOSE = /<!\[CDATA\[|<!--|<\/(item|entry)\s*>/g;

/**
 * The document without the entries it is known to hold: every <item> or <entry> element (found
 * by a scan that steps over comments and CDATA, where markup is only text) whose markup has a
 * known mark is cut out, and listed. The marks are those the parser gives the same elements
 * (their markup from start tag to end tag), so a span the scan gets wrong matches no mark and
 * stays in the document, to be read.
 */
export function withoutKnown(xml: string, known: KnownEntries): { xml: string; unchanged: UnchangedEntry[] } {
  const unchanged: UnchangedEntry[] = [];
  let out = '';
  let kept = 0;
  SCAN.lastIndex = 0;
  for (let m = SCAN.exec(xml); m; m = SCAN.exec(xml)) {
    if (!m[1]) {
      const end = xml.indexOf(m[0] === '<!--' ? '-->' : ']]>', SCAN.lastIndex);
      if (end === -1) break;
      SCAN.lastIndex = end + 3;
      continue;
    }
    const start = m.index;
    CLOSE.lastIndex = SCAN.lastIndex;
    let end = -1;
    for (let c = CLOSE.exec(xml); c; c = CLOSE.exec(xml)) {
      if (c[1] === m[1]) {
        end = CLOSE.lastIndex;
        break;
      }
      if (c[1]) break; // the other element's end: not what the scan took this for
      const close = xml.indexOf(c[0] === '<!--' ? '-->' : ']]>', CLOSE.lastIndex);
      if (close === -1) break;
      CLOSE.lastIndex = close + 3;
    }
    if (end === -1) continue;
    SCAN.lastIndex = end;
    const mark = markOf(xml.slice(start, end));
    const key = known.get(mark);
    if (key === undefined) continue;
    out += xml.slice(kept, start);
    kept = end;
    unchanged.push({ mark, key });
  }
  return unchanged.length ? { xml: out + xml.slice(kept), unchanged } : { xml, unchanged };
}
