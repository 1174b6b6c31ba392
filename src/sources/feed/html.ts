// Entry HTML is kept as the feed wrote it and sanitised the first time it is read: a collection
// stores only a short text preview of each entry, and feeds carry far more HTML than an inbox
// shows. Whoever reads `summary` or `content` gets sanitised HTML; nothing unsanitised leaves
// this module.

import { htmlPreview, type HtmlPreview } from '../../html/preview.ts';
import { sanitize } from '../../html/sanitize.ts';
import type { Feed, FeedEntry } from './types.ts';

type Fields = Omit<FeedEntry, 'summary' | 'content' | 'preview'>;

class Entry {
  readonly #summary: string;
  readonly #content: string;
  readonly #base: string;
  #cleanSummary: string | undefined;
  #cleanContent: string | undefined;

  constructor(fields: Fields, summary: string, content: string, base: string) {
    Object.assign(this, fields);
    this.#summary = summary;
    this.#content = content;
    this.#base = base;
  }

  get summary(): string {
    return (this.#cleanSummary ??= sanitize(this.#summary, this.#base));
  }

  get content(): string {
    return (this.#cleanContent ??= sanitize(this.#content, this.#base));
  }

  preview(maxChars = 500): HtmlPreview {
    const opts = { maxChars, base: this.#base };
    const summary = htmlPreview(this.#summary, opts);
    if (summary.text && summary.image) return summary;
    const content = this.#content ? htmlPreview(this.#content, opts) : undefined;
    if (!summary.text) return content ?? summary;
    return content?.image ? { ...summary, image: content.image } : summary;
  }

  /** Serialised, an entry carries its sanitised HTML. */
  toJSON(): Omit<FeedEntry, 'preview'> {
    return { ...(this as unknown as Fields), summary: this.summary, content: this.content };
  }
}

/** An entry with its summary and content, sanitised against `base` when first read. */
export function withHtml(fields: Fields, summary: string, content: string, base: string): FeedEntry {
  return new Entry(fields, summary, content, base) as unknown as FeedEntry;
}

/** A feed with its description (sanitised HTML) made when first read, once: a collection never reads it. */
export function withDescription(feed: Omit<Feed, 'description'>, make: () => string): Feed {
  let made: string | undefined;
  return Object.defineProperty(feed, 'description', { get: () => (made ??= make()), enumerable: true }) as Feed;
}
