// What every feed format is read into.

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
  /** Sanitised HTML. */
  summary: string;
  /** Sanitised HTML of the full content, when the feed carries it. */
  content: string;
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
}

export interface Feed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  version: string;
  title: string;
  link?: string;
  description: string;
  language?: string;
  updated?: string;
  image?: string;
  author?: string;
  entries: FeedEntry[];
  /** What was wrong with the feed; it was read anyway (feedparser's "bozo"). */
  problems: string[];
}

export class FeedError extends Error {
  override name = 'FeedError';
}
