// What every feed format is read into.

import type { HtmlPreview } from '../../html/preview.ts';

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface FeedEntry {
  id?: string;
  title: string;
  /** Title as the feed wrote it (may hold markup), for conformance checks. */
  titleRaw?: string;
  link?: string;
  /** Sanitised HTML (sanitised when first read). */
  readonly summary: string;
  /** Sanitised HTML of the full content, when the feed carries it. */
  readonly content: string;
  /** The entry's text from its summary, else its content, and a lead image from either, read
   * from the HTML as the feed wrote it: what a collection stores. */
  preview(maxChars?: number): HtmlPreview;
  author?: string;
  published?: string;
  updated?: string;
  categories: string[];
  enclosures: Enclosure[];
  image?: string;
  /** Seconds, from itunes:duration. */
  duration?: number;
  comments?: string;
  commentCount?: number;
  /** The entry's mark (marks.ts), when the feed was read with marks. */
  mark?: string;
}

/** An entry known from the last reading of the feed: not read again. */
export interface UnchangedEntry {
  mark: string;
  /** Its link's key (marks.ts linkKey), '' for none. */
  key: string;
}

export interface Feed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  version: string;
  title: string;
  link?: string;
  /** Sanitised HTML, made when first read (html.ts withDescription): a collection never reads it. */
  description: string;
  language?: string;
  updated?: string;
  image?: string;
  author?: string;
  entries: FeedEntry[];
  /** Entries left unread as known (ParseFeedOptions.known); none without marks. */
  unchanged: UnchangedEntry[];
  /** What was wrong with the feed; it was read anyway (feedparser's "bozo"). */
  problems: string[];
}

export class FeedError extends Error {
  override name = 'FeedError';
}
