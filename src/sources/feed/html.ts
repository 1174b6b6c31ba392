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

type FeedFields = Omit<Feed, 'description'>;

/** The getter is the class's, shared by every feed. A getter defined on each feed object instead
 * gave each its own hidden class, which V8 keeps outside the young generation: through its
 * closure, every feed's whole XML tree outlived the next minor collections, and reading the 500
 * bench feeds spent a third of its time copying trees that were already garbage. */
class FeedRecord {
  readonly #make: () => string;
  #made: string | undefined;

  constructor(fields: FeedFields, make: () => string) {
    Object.assign(this, fields);
    this.#make = make;
  }

  get description(): string {
    return (this.#made ??= this.#make());
  }

  /** Serialised, a feed carries its description. */
  toJSON(): Feed {
    return { ...(this as unknown as FeedFields), description: this.description };
  }
}

/** A feed with its description (sanitised HTML) made when first read, once: a collection never reads it. */
export function withDescription(feed: FeedFields, make: () => string): Feed {
  return new FeedRecord(feed, make) as unknown as Feed;
}
