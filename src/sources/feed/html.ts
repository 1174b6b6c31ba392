// Entry HTML is kept as the feed wrote it and sanitised the first time it is read: a collection
// stores only a short text preview of each entry, and feeds carry far more HTML than an inbox
// shows. Whoever reads `summary` or `content` gets sanitised HTML, as before; nothing unsanitised
// leaves this module.

import { htmlPreview, type HtmlPreview } from '../../text/preview.ts';
import { sanitize } from '../../text/sanitize.ts';
import type { FeedEntry } from './types.ts';

type Fields = Omit<FeedEntry, 'summary' | 'content'>;

class Entry {
  readonly #summary: string;
  readonly #content: string;
  readonly #base: string;
  #clean: { summary?: string; content?: string } = {};

  constructor(fields: Fields, summary: string, content: string, base: string) {
    Object.assign(this, fields);
    this.#summary = summary;
    this.#content = content;
    this.#base = base;
  }

  get summary(): string {
    return (this.#clean.summary ??= sanitize(this.#summary, this.#base));
  }

  set summary(v: string) {
    this.#clean.summary = v;
  }

  get content(): string {
    return (this.#clean.content ??= sanitize(this.#content, this.#base));
  }

  set content(v: string) {
    this.#clean.content = v;
  }

  /** The entry's text, from its summary or else its content, and a lead image from either. */
  preview(maxChars: number): HtmlPreview {
    const opts = { maxChars, base: this.#base };
    const summary = htmlPreview(this.#summary, opts);
    if (summary.text && summary.image) return summary;
    const content = this.#content ? htmlPreview(this.#content, opts) : undefined;
    if (!summary.text) return content ?? summary;
    return content?.image ? { ...summary, image: content.image } : summary;
  }

  toJSON(): FeedEntry {
    return { ...(this as unknown as Fields), summary: this.summary, content: this.content };
  }
}

/** Gives an entry its summary and content, sanitised against `base` when first read. */
export function withHtml(fields: Fields, summary: string, content: string, base: string): FeedEntry {
  return new Entry(fields, summary, content, base) as unknown as FeedEntry;
}

/** An entry's text preview and lead image, read from its HTML as the feed wrote it. */
export function entryPreview(entry: FeedEntry, maxChars = 500): HtmlPreview {
  if (entry instanceof Entry) return entry.preview(maxChars);
  const summary = htmlPreview(entry.summary, { maxChars });
  return summary.text ? summary : htmlPreview(entry.content, { maxChars });
}
