// JSON Feed 1.0 and 1.1.

import { sanitize, titleText } from '../../html/sanitize.ts';
import { withDescription, withHtml } from './html.ts';
import { parseDate } from './date.ts';
import { readEntries, type Marking } from './marks.ts';
import { FeedError, type Feed, type FeedEntry } from './types.ts';
import { resolveUrl } from './xml.ts';
import { escapeText } from '../../html/escape.ts';

type J = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function readJsonFeed(textBody: string, docUrl: string, marking?: Marking<J>): Feed {
  let data: J;
  try {
    data = JSON.parse(textBody) as J;
  } catch (e) {
    throw new FeedError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || !Array.isArray(data.items)) throw new FeedError('JSON without an "items" list is not a JSON Feed');
  const problems: string[] = [];
  const version = str(data.version) ?? '';
  if (!/jsonfeed\.org\/version\/1/.test(version)) problems.push(`unknown JSON Feed version "${version}"`);
  const base = str(data.home_page_url) ?? docUrl;
  const authorOf = (o: J) => {
    const authors = (Array.isArray(o.authors) ? o.authors : o.author ? [o.author] : []) as J[];
    return authors.map((a) => str(a?.name)).filter(Boolean).join(', ') || undefined;
  };
  const itemLink = (i: J) => resolveUrl(str(i.url) ?? str(i.external_url), base);
  const items = (data.items as J[]).filter((i) => i && typeof i === 'object');
  const { entries, unchanged } = readEntries(
    items,
    (i) => {
      const link = itemLink(i);
      const e: FeedEntry = withHtml({
        title: titleText(str(i.title) ?? ''),
        titleRaw: str(i.title) ?? '',
        categories: Array.isArray(i.tags) ? (i.tags as unknown[]).filter((t): t is string => typeof t === 'string') : [],
        enclosures: (Array.isArray(i.attachments) ? (i.attachments as J[]) : []).flatMap((a) => {
          const url = resolveUrl(str(a.url), base);
          return url ? [{ url, ...(str(a.mime_type) ? { type: str(a.mime_type)! } : {}), ...(typeof a.size_in_bytes === 'number' ? { length: a.size_in_bytes } : {}) }] : [];
        }),
      }, str(i.summary) ?? '', str(i.content_html) ?? (str(i.content_text) ? escapeText(str(i.content_text)!).replace(/\n/g, '<br>') : ''), link ?? base);
      if (i.id !== undefined) e.id = String(i.id);
      if (link) e.link = link;
      const author = authorOf(i) ?? authorOf(data);
      if (author) e.author = author;
      const published = parseDate(str(i.date_published));
      if (published) e.published = published;
      const updated = parseDate(str(i.date_modified));
      if (updated) e.updated = updated;
      const image = resolveUrl(str(i.image) ?? str(i.banner_image), base);
      if (image) e.image = image;
      return e;
    },
    itemLink,
    marking,
  );
  const feed = withDescription(
    {
      format: 'json',
      version: version.endsWith('1.1') ? 'json11' : 'json10',
      title: titleText(str(data.title) ?? ''),
      entries,
      unchanged,
      problems,
    },
    () => sanitize(str(data.description) ?? ''),
  );
  const home = resolveUrl(str(data.home_page_url), docUrl);
  if (home) feed.link = home;
  const lang = str(data.language);
  if (lang) feed.language = lang;
  const icon = resolveUrl(str(data.icon) ?? str(data.favicon), base);
  if (icon) feed.image = icon;
  const author = authorOf(data);
  if (author) feed.author = author;
  return feed;
}

