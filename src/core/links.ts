// The one rule for which links and images may be stored and written out: http, https and
// mailto links (images: http and https), and relative addresses where the place allows them.
// Everything that stores an item (import, collection, the editor, the API) and everything that
// writes one out (pages, search, feeds, mail, Telegram, previews) asks here, so a `javascript:`
// link, however it is spelled, never reaches a reader.

import type { Issue, Item } from './model.ts';

export type LinkKind = 'link' | 'image';

/** The address as a browser reads it: spaces and control characters trimmed, tabs and newlines inside removed. */
export function asBrowserReads(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Why a link may not be written, or undefined when it may. Relative addresses (no scheme) are
 * allowed unless `absolute` is asked for.
 */
export function linkProblem(url: string, kind: LinkKind = 'link', opts: { absolute?: boolean } = {}): string | undefined {
  const read = asBrowserReads(url);
  // Entities and backslashes are how a scheme hides from a check but not from a browser.
  if (/[\\]|&#|&[a-z]+;/i.test(read.split(/[/?]/)[0] ?? '')) return `${kind} ${quote(url)} is not a plain address`;
  const scheme = SCHEME.exec(read)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (opts.absolute) return `${kind} ${quote(url)} is not an absolute http(s) address`;
    return undefined;
  }
  const allowed = kind === 'image' ? ['http', 'https'] : ['http', 'https', 'mailto'];
  if (!allowed.includes(scheme)) return `${kind} ${quote(url)} uses "${scheme}:", which is not allowed (${allowed.join(', ')})`;
  return undefined;
}

/** The link when it may be written, else undefined. */
export function safeLink(url: string | null | undefined, kind: LinkKind = 'link'): string | undefined {
  if (!url) return undefined;
  return linkProblem(url, kind) === undefined ? url : undefined;
}

/** Every link of an item that may not be stored, as sentences naming the item. */
export function itemLinkProblems(item: Item): string[] {
  const title = Object.values(item.texts).find((t) => t.title)?.title ?? `item ${item.id ?? '(new)'}`;
  const out: string[] = [];
  const check = (url: string | null | undefined, kind: LinkKind) => {
    const p = url ? linkProblem(url, kind) : undefined;
    if (p) out.push(`"${title.slice(0, 80)}": ${p}`);
  };
  check(item.url, 'link');
  check(item.image, 'image');
  for (const t of Object.values(item.texts)) {
    check(t.layout?.url, 'link');
    check(t.layout?.image, 'image');
  }
  return out;
}

export class LinkError extends Error {
  override name = 'LinkError';
}

/** Throws LinkError naming the issue and the first item whose link may not be stored. */
export function assertSafeLinks(issue: Issue): void {
  for (const item of issue.items) {
    const [p] = itemLinkProblems(item);
    if (p) throw new LinkError(`issue #${issue.number}: ${p}`);
  }
}

function quote(url: string): string {
  const s = url.length > 60 ? `${url.slice(0, 60)}…` : url;
  return JSON.stringify(s);
}

/**
 * Text that goes into Markdown as words, not syntax: a title from a feed or a page. What can make
 * a link, an image or an autolink is escaped (backslash, brackets, angle brackets), so
 * `Great read](https://evil)` and `![x](…)` stay words; emphasis is left alone, as it links nowhere
 * and titles such as `snake_case` read better unescaped in the Git archive.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\[\]<>]/g, (c) => `\\${c}`);
}

/** A title as a person reads it where Markdown is not rendered (the builder's cards, lists):
 * the escapes escapeMarkdownText adds are taken out again, and nothing else is touched. */
export function unescapeMarkdownText(markdown: string): string {
  return markdown.includes('\\') ? markdown.replace(/\\([\\[\]<>])/g, '$1') : markdown;
}
