// The feeds a web page names in its head (<link rel="alternate" type="application/rss+xml" …>):
// what lets an editor paste a blog's address instead of hunting for its feed.

import { Parser } from 'htmlparser2';

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|json|rdf\+xml)$/i;

/** The feed addresses of a page, absolute, in the page's order (RSS and Atom before JSON Feed when both are named). */
export function discoverFeeds(html: string, pageUrl: string): string[] {
  const found: string[] = [];
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'body') inBody = true;
        if (inBody || name !== 'link') return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        if (!rel.includes('alternate') || !FEED_TYPES.test((attrs.type ?? '').trim()) || !attrs.href) return;
        try {
          const url = new URL(attrs.href, pageUrl);
          if ((url.protocol === 'http:' || url.protocol === 'https:') && !found.includes(url.href)) found.push(url.href);
        } catch {
          /* not an address */
        }
      },
    },
    { decodeEntities: true },
  );
  // The head is near the top: no more than the first 256 KB is read.
  parser.end(html.slice(0, 256 * 1024));
  return found.sort((a, b) => Number(/json/i.test(a)) - Number(/json/i.test(b)));
}
