// The site's presentation, shared by its pages (pages/), its feeds, the mail and the channels:
// the published issues at hand and their heads, addresses, titles and summaries, the edition a
// reader gets, an issue's HTML and its items as lists, rendered once and kept, and the HTML page
// around a body. Plain HTML and one stylesheet: every page works without JavaScript (the static
// copy's search is the one thing that needs it, and says so).

import { countItems, countsPhrase } from '../../core/counts.ts';
import { editionFor, issueTitle, type EditionMoment, seasonOf, sectionByKey, type Edition, type Issue, type Item, type Lang, type Publication, type SectionDef } from '../../core/model.ts';
import { safeLink } from '../../core/links.ts';
import { fill } from '../../core/template.ts';
import { escapeHtml as esc } from '../../html/escape.ts';
import type { Post } from '../../core/model.ts';
import { editionHtml, hasLang, inlineToHtml, itemPlain, itemTags, tagSlug } from './content.ts';
import { pageHtml } from './layout.ts';
import { wordsFor } from './words.ts';

export interface SiteOptions {
  /** Absolute address of the site, e.g. "https://weekly.example.com/weekly". */
  siteUrl: string;
  /** Served by Pressroom (search and forms answer on the server), or a static copy. */
  served: boolean;
  /** Where the subscribe and member forms post; default the site itself. */
  formsUrl?: string | undefined;
  /** Today (YYYY-MM-DD), for issues whose full edition unlocks after so many days; default the clock's. */
  today?: string | undefined;
}

export interface Viewer {
  member: boolean;
  memberEmail?: string | undefined;
  /** The member's session, which signing out revokes. */
  sessionId?: string | undefined;
  csrf?: string | undefined;
}

export const ANONYMOUS: Viewer = { member: false };

export interface Page {
  title: string;
  description?: string;
  /** Path of this page, for canonical and OpenGraph URLs. */
  path: string;
  body: string;
  lang: Lang;
  /** The same page in other languages. */
  alternates?: Partial<Record<Lang, string>>;
  image?: string | undefined;
  type?: 'website' | 'article';
  noindex?: boolean;
}

/**
 * What the pages that list an issue need to know of it, without its items: enough to build the
 * archive, the home page's list, the section and tag indexes and the sitemap. An incremental build
 * keeps these for unchanged issues instead of loading them.
 */
export interface IssueHead {
  number: number;
  date: string;
  /** The issue's own title per language (the full edition's, as issueTitle gives it). */
  titles: Partial<Record<Lang, string>>;
  /** Languages the issue has anything to show in. */
  langs: Lang[];
  /** Tags of the items that have a title in a language, with how many items carry each, per language. */
  tags: Partial<Record<Lang, Record<string, number>>>;
}

export function headOf(issue: Issue, pub: Publication): IssueHead {
  const titles: IssueHead['titles'] = {};
  const tags: IssueHead['tags'] = {};
  const langs: Lang[] = [];
  for (const lang of pub.languages) {
    const t = issueTitle(issue, lang);
    if (t) titles[lang] = t;
    if (hasLang(issue, lang)) langs.push(lang);
    const own: Record<string, number> = {};
    let any = false;
    for (const item of issue.items) if (item.texts[lang]?.title) for (const t of itemTags(item)) (own[t] = (own[t] ?? 0) + 1), (any = true);
    if (any) tags[lang] = own;
  }
  return { number: issue.number, date: issue.date, titles, langs, tags };
}

/** One tag of a language: its name as first seen, and how many items carry it in each season. */
export interface TagUse {
  tag: string;
  total: number;
  seasons: Map<number, number>;
}

/** The value a cache keeps under a key, made the first time it is asked for. */
function kept<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

/** How many issues the home page shows: the latest whole, the others as a list. */
export const HOME_LENGTH = 11;

export class Site {
  readonly pub: Publication;
  /** Published issues, newest first: what every list shows. */
  readonly heads: IssueHead[];
  readonly origin: string;
  /** The site's path under its origin, "" at the root. */
  readonly root: string;
  /** The publication's posts (season compilations, link digests…), newest first. */
  posts: Post[] = [];
  /** The season e-books made so far (app/ebook.ts), offered on the archive page as the publication's setting says. */
  ebooks: { season: number; lang: Lang; format: 'epub' | 'pdf'; name: string; bytes: number }[] = [];
  /** Published issues whose content is at hand: all of them when served, what a build needs when built. */
  private loaded = new Map<number, Issue>();
  private headByNumber = new Map<number, IssueHead>();
  /** A published issue's head by its number. */
  head(n: number): IssueHead | undefined {
    return this.headByNumber.get(n);
  }

  /**
   * `issues` are the issues at hand; `heads` (default: theirs) are every published issue. A page
   * that needs the content of an issue that is not at hand is a mistake of the caller, and throws.
   */
  constructor(
    pub: Publication,
    issues: Issue[],
    readonly opts: SiteOptions,
    heads?: IssueHead[],
  ) {
    this.pub = pub;
    for (const i of issues) if (i.status === 'published') this.loaded.set(i.number, i);
    this.heads = (heads ?? [...this.loaded.values()].map((i) => headOf(i, pub))).sort((a, b) => b.number - a.number);
    for (const h of this.heads) this.headByNumber.set(h.number, h);
    const u = new URL(opts.siteUrl);
    this.origin = u.origin;
    this.root = u.pathname.replace(/\/+$/, '');
    this.moment = { latest: this.heads[0]?.number ?? 0, today: opts.today ?? new Date().toISOString().slice(0, 10) };
  }

  /** The latest issue and today: what unlocking an old issue's full edition is decided against. */
  readonly moment: EditionMoment;

  /** The edition a reader gets of an issue on the site (or in its feeds): the one rule, core's editionFor. */
  edition(issue: { number: number; date: string }, viewer: Viewer = ANONYMOUS, channel: 'site' | 'feed' = 'site'): Edition {
    return editionFor(this.pub, channel, viewer.member, issue, this.moment);
  }

  // ---- addresses

  /** "" for the primary language, "/en" for the others. */
  prefix(lang: Lang): string {
    return lang === this.pub.primaryLang ? '' : `/${lang}`;
  }
  href(path: string): string {
    return this.root + path;
  }
  abs(path: string): string {
    return this.origin + this.root + path;
  }
  issuePath(n: number, lang: Lang): string {
    return `${this.prefix(lang)}/issues/${n}/`;
  }
  postPath(slug: string, lang: Lang): string {
    return `${this.prefix(lang)}/posts/${slug}/`;
  }
  postsIn(lang: Lang): Post[] {
    return this.posts.filter((p) => p.lang === lang);
  }

  private inLang = new Map<Lang, IssueHead[]>();
  issuesIn(lang: Lang): IssueHead[] {
    return kept(this.inLang, lang, () => this.heads.filter((h) => h.langs.includes(lang)));
  }
  /** A published issue's content; it must be at hand. */
  full(n: number): Issue {
    const issue = this.loaded.get(n);
    if (!issue) throw new Error(`site: issue #${n} is needed but was not loaded`);
    return issue;
  }
  private bySeason = new Map<Lang, { season: number; issues: IssueHead[] }[]>();
  seasons(lang: Lang): { season: number; issues: IssueHead[] }[] {
    return kept(this.bySeason, lang, () => {
      const out = new Map<number, IssueHead[]>();
      for (const h of this.issuesIn(lang)) kept(out, seasonOf(h.number), () => []).push(h);
      return [...out].map(([season, issues]) => ({ season, issues })).sort((a, b) => b.season - a.season);
    });
  }
  itemSections(): SectionDef[] {
    return this.pub.sections.filter((s) => s.kind === 'items');
  }
  title(issue: Issue | IssueHead, lang: Lang): string {
    const style = this.pub.style.langs[lang];
    const of = (l: Lang) => ('titles' in issue ? (issue.titles[l] ?? '') : issueTitle(issue, l));
    const own = of(lang) || of(this.pub.primaryLang);
    if (!style) return own;
    const full = fill(style.titleTemplate, { number: issue.number, title: own, date: issue.date });
    // An issue without a title yet reads "Python 潮流周刊#3", not "Python 潮流周刊#3：".
    return own ? full : full.replace(/[\s:：·|—–-]+$/u, '');
  }
  name(lang: Lang): string {
    return this.pub.name[lang] ?? this.pub.name[this.pub.primaryLang] ?? this.pub.slug;
  }
  /** A sentence about an issue: its counts and first titles. */
  summary(issue: Issue, lang: Lang): string {
    const style = this.pub.style.langs[lang];
    const counts = style ? countsPhrase(style, countItems(issue, this.pub, lang)) : '';
    const titles = issue.items
      .filter((i) => sectionByKey(this.pub, i.section)?.kind === 'items')
      .sort((a, b) => this.sectionOrder(a.section) - this.sectionOrder(b.section) || a.position - b.position)
      .slice(0, 3)
      .map((i) => this.plain(i, lang)?.title)
      .filter(Boolean);
    return [counts, titles.join(' · ')].filter(Boolean).join(lang === 'zh' || lang === 'ja' ? '：' : ': ');
  }
  private sectionOrder(key: string): number {
    return this.pub.sections.findIndex((s) => s.key === key);
  }
  coverImage(issue: Issue): string | undefined {
    for (const i of issue.items) {
      const image = safeLink(i.image, 'image');
      if (image) return image;
    }
    return undefined;
  }

  // ---- content, rendered once per site: an issue's page, the feeds and the mail share it

  private editions = new Map<string, string>();
  editionHtml(issue: Issue, lang: Lang, edition: Edition): string {
    return kept(this.editions, `${issue.number}|${lang}|${edition}`, () => editionHtml(issue, this.pub, lang, edition));
  }
  private plains = new WeakMap<Item, Map<Lang, { title: string; text: string } | null>>();
  /** An item's title and text as plain words (see itemPlain), remembered. */
  plain(item: Item, lang: Lang): { title: string; text: string } | undefined {
    return kept(kept(this.plains, item, () => new Map()), lang, () => itemPlain(item, lang) ?? null) ?? undefined;
  }

  private blurbs = new WeakMap<Item, Map<string, string>>();
  /** Items as a list: the full edition's link, stars and blurb; the teaser's title alone, as its issue page shows it. */
  itemList(items: Item[], lang: Lang, edition: Edition): string {
    return `<ul class="items">${items
      .map((i) =>
        kept(kept(this.blurbs, i, () => new Map()), `${lang}|${edition}`, () => {
          const t = i.texts[lang]!;
          const title = esc(this.plain(i, lang)!.title);
          if (edition === 'teaser') return `<li><h3>${title}</h3></li>`;
          const url = safeLink(i.url);
          const link = url ? `<a href="${esc(url)}">${title}</a>` : title;
          const stars = typeof i.meta.stars === 'number' ? ` <span class="stars">★ ${i.meta.stars.toLocaleString('en')}</span>` : '';
          return `<li><h3>${link}${stars}</h3>${t.blurb ? `<p>${inlineToHtml(t.blurb)}</p>` : ''}</li>`;
        }),
      )
      .join('')}</ul>`;
  }

  private tagUses = new Map<Lang, Map<string, TagUse>>();
  /** Every tag used in the issues of a language, by slug, with its items counted by season. */
  tags(lang: Lang): Map<string, TagUse> {
    return kept(this.tagUses, lang, () => {
      const out = new Map<string, TagUse>();
      for (const head of this.issuesIn(lang)) {
        const season = seasonOf(head.number);
        for (const [tag, n] of Object.entries(head.tags[lang] ?? {})) {
          const use = kept(out, tagSlug(tag), () => ({ tag, total: 0, seasons: new Map() }));
          use.total += n;
          use.seasons.set(season, (use.seasons.get(season) ?? 0) + n);
        }
      }
      return out;
    });
  }

  /** The latest season a tag is used in, where its page without a season shows. */
  tagFront(slug: string, lang: Lang): number | undefined {
    const use = this.tags(lang).get(slug);
    return use && Math.max(...use.seasons.keys());
  }

  /** Where the full text is, for a reader who has the teaser: "Members read the full text: sign in or subscribe". */
  whereFull(lang: Lang): string {
    const w = wordsFor(lang);
    return `${esc(w.teaserMembers)} <a href="${this.formHref(`${this.prefix(lang)}/members/`)}">${esc(w.signIn)}</a> ${esc(w.or)} <a href="${this.href(`${this.prefix(lang)}/subscribe/`)}">${esc(w.subscribe)}</a>`;
  }

  /** Where a form posts: the forms server of a static copy, else the site. */
  formHref(path: string): string {
    return this.opts.formsUrl ? this.opts.formsUrl.replace(/\/+$/, '') + path : this.href(path);
  }

  /** The same page in every language the site has, for the language switch. */
  everyLang(path: (l: Lang) => string | undefined): Partial<Record<Lang, string>> {
    const out: Partial<Record<Lang, string>> = {};
    for (const l of this.pub.languages) {
      const p = path(l);
      if (p !== undefined && (this.issuesIn(l).length || l === this.pub.primaryLang)) out[l] = p;
    }
    return out;
  }

  /** The HTML page around a body (layout.ts). */
  html(page: Page): string {
    return pageHtml(this, page);
  }
}
