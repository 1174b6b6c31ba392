// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a language's latest issues, with each issue's text in
// the edition the publication gives feed readers.

import type { Issue, Lang } from '../../core/model.ts';
import { escapeHtml } from '../../html/escape.ts';
import type { Site } from './site.ts';
import { langTag } from './words.ts';

export const FEED_LENGTH = 20;

/** Text for XML: characters XML 1.0 forbids dropped, the specials escaped. */
function xml(s: string): string {
  // Most text has none: a quick look before the slow Unicode-aware replacement.
  const clean = !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s) && (s as string & { isWellFormed(): boolean }).isWellFormed();
  return escapeHtml(clean ? s : s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
}

const when = (issue: Issue) => new Date(`${issue.date}T00:00:00Z`);

interface Entry {
  issue: Issue;
  url: string;
  title: string;
  summary: string;
  html: string;
}

const made = new WeakMap<Site, Map<Lang, Entry[]>>();

/** The feed's entries, rendered once for the three formats. */
function entries(site: Site, lang: Lang): Entry[] {
  const bySite = made.get(site) ?? new Map<Lang, Entry[]>();
  made.set(site, bySite);
  let list = bySite.get(lang);
  if (!list) bySite.set(lang, (list = render(site, lang)));
  return list;
}

function render(site: Site, lang: Lang): Entry[] {
  return site
    .issuesIn(lang)
    .slice(0, FEED_LENGTH)
    .map((head) => site.full(head.number))
    .map((issue) => ({ issue, url: site.abs(site.issuePath(issue.number, lang)), title: site.title(issue, lang), summary: site.summary(issue, lang), html: site.editionHtml(issue, lang, site.edition(issue, undefined, 'feed')) }));
}

function updated(list: Entry[]): Date {
  return list[0] ? when(list[0].issue) : new Date(0);
}

export function rss(site: Site, lang: Lang): string {
  const list = entries(site, lang);
  const p = site.prefix(lang);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${xml(site.name(lang))}</title>
<link>${xml(site.abs(`${p}/`))}</link>
<description>${xml(site.pub.style.langs[lang]?.intro || site.name(lang))}</description>
<language>${xml(langTag(lang))}</language>
<lastBuildDate>${updated(list).toUTCString()}</lastBuildDate>
<atom:link href="${xml(site.abs(`${p}/feed.xml`))}" rel="self" type="application/rss+xml"/>
${list
  .map(
    (e) => `<item>
<title>${xml(e.title)}</title>
<link>${xml(e.url)}</link>
<guid isPermaLink="true">${xml(e.url)}</guid>
<pubDate>${when(e.issue).toUTCString()}</pubDate>
<description>${xml(e.summary)}</description>
<content:encoded>${xml(e.html)}</content:encoded>
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`;
}

export function atom(site: Site, lang: Lang): string {
  const list = entries(site, lang);
  const p = site.prefix(lang);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(langTag(lang))}">
<id>${xml(site.abs(`${p}/`))}</id>
<title>${xml(site.name(lang))}</title>
<updated>${updated(list).toISOString()}</updated>
<link rel="self" type="application/atom+xml" href="${xml(site.abs(`${p}/atom.xml`))}"/>
<link rel="alternate" type="text/html" href="${xml(site.abs(`${p}/`))}"/>
<author><name>${xml(site.pub.style.langs[lang]?.author ?? site.name(lang))}</name></author>
${list
  .map(
    (e) => `<entry>
<id>${xml(e.url)}</id>
<title>${xml(e.title)}</title>
<link rel="alternate" type="text/html" href="${xml(e.url)}"/>
<published>${when(e.issue).toISOString()}</published>
<updated>${when(e.issue).toISOString()}</updated>
<summary>${xml(e.summary)}</summary>
<content type="html">${xml(e.html)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}

export function jsonFeed(site: Site, lang: Lang): string {
  const list = entries(site, lang);
  const p = site.prefix(lang);
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: site.name(lang),
      home_page_url: site.abs(`${p}/`),
      feed_url: site.abs(`${p}/feed.json`),
      language: langTag(lang),
      items: list.map((e) => ({ id: e.url, url: e.url, title: e.title, summary: e.summary, content_html: e.html, date_published: when(e.issue).toISOString(), ...(site.coverImage(e.issue) ? { image: site.coverImage(e.issue) } : {}) })),
    },
    null,
    1,
  );
}

export function sitemap(site: Site, paths: { path: string; lastmod?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((p) => `<url><loc>${xml(site.abs(p.path))}</loc>${p.lastmod ? `<lastmod>${xml(p.lastmod)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
