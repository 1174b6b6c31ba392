// The site's pages and files, listed once: the served site (server/site.ts) registers a route for
// each, under the primary language's root and under /LANG/ for the others, and the static build
// (build.ts) writes each of its instances. Adding a page is an entry here and the Site method
// that renders it; both sites then have it.

import type { Lang } from '../../core/model.ts';
import { atom, jsonFeed, rss } from './feeds.ts';
import type { Page, Site, Viewer } from './site.ts';
import { archivePage } from './pages/archive.ts';
import { membersPage, subscribePage } from './pages/forms.ts';
import { homePage } from './pages/home.ts';
import { issuePage } from './pages/issue.ts';
import { sectionPage, tagPage } from './pages/listings.ts';
import { postPage } from './pages/post.ts';
import { searchPage } from './pages/search.ts';
import { statsPage, statsPublic } from './pages/stats.ts';

export type Params = Record<string, string>;

export interface PageRoute {
  /** The path under a language's root, with :params, as the served site matches it. */
  pattern: string;
  /** A member may see more on it than anyone else (the full edition): served per reader, never from the shared cache. */
  perViewer: boolean;
  /** Only the served site has it (a static build has no instances of it). */
  servedOnly?: boolean;
  /** The params of every instance of the page a built site has, in a language. */
  instances(site: Site, lang: Lang): Params[];
  render(site: Site, lang: Lang, params: Params, viewer?: Viewer): Page | undefined;
}

const one = (): Params[] => [{}];
const seasonsOf = (site: Site, lang: Lang) => site.seasons(lang).map((s) => String(s.season));

export const PAGE_ROUTES = {
  home: { pattern: '/', perViewer: true, instances: one, render: (site, lang, _p, viewer) => homePage(site, lang, viewer) },
  issue: {
    pattern: '/issues/:n/',
    perViewer: true,
    instances: (site, lang) => site.issuesIn(lang).map((i) => ({ n: String(i.number) })),
    render: (site, lang, p, viewer) => issuePage(site, Number(p.n), lang, viewer),
  },
  archive: { pattern: '/archive/', perViewer: false, instances: one, render: (site, lang) => archivePage(site, lang) },
  post: {
    pattern: '/posts/:slug/',
    perViewer: true,
    instances: (site, lang) => site.postsIn(lang).map((p) => ({ slug: p.slug })),
    render: (site, lang, p, viewer) => postPage(site, p.slug!, lang, viewer),
  },
  // Listings of items show a member the full edition and everyone else the channel's.
  section: {
    pattern: '/sections/:key/',
    perViewer: true,
    instances: (site) => site.itemSections().map((s) => ({ key: s.key })),
    render: (site, lang, p, viewer) => sectionPage(site, p.key!, lang, undefined, viewer),
  },
  sectionSeason: {
    pattern: '/sections/:key/season-:season/',
    perViewer: true,
    instances: (site, lang) => seasonsOf(site, lang).flatMap((season) => site.itemSections().map((s) => ({ key: s.key, season }))),
    render: (site, lang, p, viewer) => sectionPage(site, p.key!, lang, Number(p.season), viewer),
  },
  tag: {
    pattern: '/tags/:slug/',
    perViewer: true,
    instances: (site, lang) => [...site.tags(lang).keys()].map((slug) => ({ slug })),
    render: (site, lang, p, viewer) => tagPage(site, p.slug!, lang, undefined, viewer),
  },
  tagSeason: {
    pattern: '/tags/:slug/season-:season/',
    perViewer: true,
    // A tag seen in one season has no season pages: its page is that season's.
    instances: (site, lang) => [...site.tags(lang)].flatMap(([slug, use]) => (use.seasons.size > 1 ? [...use.seasons.keys()].map((s) => ({ slug, season: String(s) })) : [])),
    render: (site, lang, p, viewer) => tagPage(site, p.slug!, lang, Number(p.season), viewer),
  },
  // Served, the search page answers ?q= itself; built, it searches in the browser (search.js).
  search: { pattern: '/search/', perViewer: true, instances: one, render: (site, lang) => searchPage(site, lang) },
  // The stats pages, when public; served only (see pages/stats.ts).
  stats: { pattern: '/stats/', perViewer: false, servedOnly: true, instances: (site) => (statsPublic(site) ? [{}] : []), render: (site, lang) => statsPage(site, lang) },
  statsSeason: {
    pattern: '/stats/season-:season/',
    perViewer: false,
    servedOnly: true,
    instances: (site, lang) => (statsPublic(site) ? seasonsOf(site, lang).map((season) => ({ season })) : []),
    render: (site, lang, p) => statsPage(site, lang, Number(p.season)),
  },
  subscribe: { pattern: '/subscribe/', perViewer: false, instances: one, render: (site, lang) => subscribePage(site, lang) },
  members: { pattern: '/members/', perViewer: true, instances: one, render: (site, lang, _p, viewer) => membersPage(site, lang, viewer) },
} satisfies Record<string, PageRoute>;

export type PageName = keyof typeof PAGE_ROUTES;

/** The path of a page's instance in a language: "/en/issues/12/". */
export function pagePath(site: Site, route: PageRoute, lang: Lang, params: Params = {}): string {
  return site.prefix(lang) + route.pattern.replace(/:([a-z]+)/g, (_m, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`site: the path ${route.pattern} needs :${k}`);
    return v;
  });
}

export interface FeedRoute {
  /** The file under a language's root. */
  name: string;
  type: string;
  make(site: Site, lang: Lang): string;
}

/** A language's feeds; the build writes them and the server serves them, from this one list. */
export const FEED_ROUTES: FeedRoute[] = [
  { name: 'feed.xml', type: 'application/rss+xml; charset=utf-8', make: rss },
  { name: 'atom.xml', type: 'application/atom+xml; charset=utf-8', make: atom },
  { name: 'feed.json', type: 'application/feed+json; charset=utf-8', make: jsonFeed },
];

/** The languages the site has pages in: the primary one always, another once an issue is written in it. */
export function siteLanguages(site: Site): Lang[] {
  return site.pub.languages.filter((l) => l === site.pub.primaryLang || site.issuesIn(l).length > 0);
}
