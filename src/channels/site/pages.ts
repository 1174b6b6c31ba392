// The reader's website as pages: home, issues, archive by season, sections, tags, search,
// subscribe and member sign-in. Plain HTML and one stylesheet: every page works without
// JavaScript (the static copy's search is the one thing that needs it, and says so).

import { countItems, countsPhrase } from '../../core/counts.ts';
import { editionFor, issueTitle, postEditionFor, type EditionMoment, seasonOf, SEASON_LENGTH, sectionByKey, sectionItems, type Edition, type Issue, type Item, type Lang, type Publication, type SectionDef } from '../../core/model.ts';
import { safeLink } from '../../core/links.ts';
import { fill } from '../../core/template.ts';
import { escapeHtml as esc } from '../../html/escape.ts';
import type { Post } from '../../core/model.ts';
import { mark, search, snippet, type SearchEntry } from './search-core.js';
import { editionHtml, hasLang, inlineToHtml, itemPlain, itemTags, markdownToHtml, tagSlug } from './content.ts';
import { langTag, wordsFor } from './words.ts';
import { postText } from '../../markdown/post.ts';
import { plainText } from '../../text/word-count.ts';

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

const ANONYMOUS: Viewer = { member: false };

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
  /** Published issues whose content is at hand: all of them when served, what a build needs when built. */
  private loaded = new Map<number, Issue>();
  private headByNumber = new Map<number, IssueHead>();

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

  /**
   * A post's page. A season compilation holds its issues' full text, so it follows the site's
   * edition: members (or everyone, when the site gives the full edition) read it; others get its
   * title and where to read it. Digests (titles by section) and other posts are everyone's.
   */
  postPage(slug: string, lang: Lang, viewer: Viewer = ANONYMOUS): Page | undefined {
    const post = this.posts.find((p) => p.slug === slug && p.lang === lang);
    if (!post) return undefined;
    const w = wordsFor(lang);
    // The page shows the title itself: the front matter and an H1 are not repeated.
    const content =
      postEditionFor(this.pub, 'site', post, viewer.member) === 'teaser'
        ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${this.whereFull(lang)}</p></aside>`
        : `<div class="content">${markdownToHtml(postText(post, { title: false }))}</div>`;
    return {
      title: `${post.title} · ${this.name(lang)}`,
      path: this.postPath(slug, lang),
      body: `<article class="post" data-kind="${post.kind}"><h1>${esc(post.title)}</h1><p class="meta"><time datetime="${esc(post.date)}">${esc(post.date)}</time> · ${esc(w.postKinds[post.kind])}</p>${content}</article>`,
      lang,
      alternates: this.everyLang((l) => (this.posts.some((p) => p.slug === slug && p.lang === l) ? this.postPath(slug, l) : undefined)),
      type: 'article',
    };
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
    return style ? fill(style.titleTemplate, { number: issue.number, title: own, date: issue.date }) : own;
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

  // ---- pages

  home(lang: Lang, viewer: Viewer = ANONYMOUS): Page {
    const w = wordsFor(lang);
    const heads = this.issuesIn(lang);
    const latest = heads[0] && this.full(heads[0].number);
    const recent = heads.slice(1, HOME_LENGTH);
    const body = latest
      ? `<p class="kicker">${esc(w.latest)}</p>${this.issueArticle(latest, lang, viewer)}` +
        (recent.length ? `<section aria-labelledby="recent"><h2 id="recent">${esc(w.recent)}</h2>${this.issueList(recent, lang)}<p><a href="${this.href(`${this.prefix(lang)}/archive/`)}">${esc(w.archive)} →</a></p></section>` : '')
      : `<p>${esc(this.name(lang))}</p>`;
    return { title: this.name(lang), description: latest ? this.summary(latest, lang) : this.name(lang), path: `${this.prefix(lang)}/`, body, lang, alternates: this.everyLang((l) => `${this.prefix(l)}/`), image: latest && this.coverImage(latest), type: 'website' };
  }

  issuePage(n: number, lang: Lang, viewer: Viewer = ANONYMOUS): Page | undefined {
    const head = this.headByNumber.get(n);
    if (!head?.langs.includes(lang)) return undefined;
    const issue = this.full(n);
    const w = wordsFor(lang);
    const list = this.issuesIn(lang);
    const at = list.indexOf(head);
    const newer = list[at - 1];
    const older = list[at + 1];
    const nav = `<nav class="pager" aria-label="${esc(w.prev)} / ${esc(w.next)}">${older ? `<a rel="prev" href="${this.href(this.issuePath(older.number, lang))}">← ${esc(w.prev)}</a>` : '<span></span>'}${newer ? `<a rel="next" href="${this.href(this.issuePath(newer.number, lang))}">${esc(w.next)} →</a>` : ''}</nav>`;
    return {
      title: this.title(issue, lang),
      description: this.summary(issue, lang),
      path: this.issuePath(n, lang),
      body: this.issueArticle(issue, lang, viewer, true) + nav,
      lang,
      alternates: this.everyLang((l) => (head.langs.includes(l) ? this.issuePath(n, l) : undefined)),
      image: this.coverImage(issue),
      type: 'article',
    };
  }

  private issueArticle(issue: Issue, lang: Lang, viewer: Viewer, own = false): string {
    const w = wordsFor(lang);
    const edition = this.edition(issue, viewer);
    const heading = own ? `<h1>${esc(this.title(issue, lang))}</h1>` : `<h2><a href="${this.href(this.issuePath(issue.number, lang))}">${esc(this.title(issue, lang))}</a></h2>`;
    const teaser =
      edition === 'teaser'
        ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.teaser)} ${this.whereFull(lang)}</p></aside>`
        : '';
    const member = viewer.member && this.pub.publishing?.editions?.site === 'teaser' ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.signedIn)}</p></aside>` : '';
    const tags = [...new Set(issue.items.flatMap(itemTags))].slice(0, 12);
    const tagLinks = tags.length ? `<p class="tags">${tags.map((t) => `<a href="${this.href(`${this.prefix(lang)}/tags/${encodeURI(tagSlug(t))}/`)}">#${esc(t)}</a>`).join(' ')}</p>` : '';
    return `<article class="issue" data-edition="${edition}">${heading}<p class="meta"><time datetime="${esc(issue.date)}">${esc(issue.date)}</time> · <a href="${this.href(`${this.prefix(lang)}/archive/#season-${seasonOf(issue.number)}`)}">${esc(fill(w.season, { n: seasonOf(issue.number) }))}</a></p>${member}${teaser}<div class="content">${this.editionHtml(issue, lang, edition)}</div>${tagLinks}</article>`;
  }

  private issueList(issues: IssueHead[], lang: Lang): string {
    return `<ol class="issues" reversed>${issues.map((i) => `<li value="${i.number}"><a href="${this.href(this.issuePath(i.number, lang))}">${esc(this.title(i, lang))}</a> <time datetime="${esc(i.date)}">${esc(i.date)}</time></li>`).join('')}</ol>`;
  }

  archive(lang: Lang): Page {
    const w = wordsFor(lang);
    const seasons = this.seasons(lang);
    const toc = `<nav aria-label="${esc(w.allSeasons)}"><ul class="seasons">${seasons.map((s) => `<li><a href="#season-${s.season}">${esc(fill(w.season, { n: s.season }))}</a></li>`).join('')}</ul></nav>`;
    const body = seasons
      .map((s) => {
        const from = (s.season - 1) * SEASON_LENGTH + 1;
        return `<section id="season-${s.season}" aria-labelledby="season-${s.season}-h"><h2 id="season-${s.season}-h">${esc(fill(w.season, { n: s.season }))} <small>${esc(fill(w.seasonRange, { from, to: from + SEASON_LENGTH - 1 }))}</small></h2>${this.issueList(s.issues, lang)}</section>`;
      })
      .join('');
    const posts = this.postsIn(lang);
    const postList = posts.length
      ? `<section aria-labelledby="posts"><h2 id="posts">${esc(w.posts)}</h2><ul class="issues">${posts.map((p) => `<li><a href="${esc(encodeURI(this.href(this.postPath(p.slug, lang))))}">${esc(p.title)}</a> <small>${esc(w.postKinds[p.kind])}</small> <time datetime="${esc(p.date)}">${esc(p.date)}</time></li>`).join('')}</ul></section>`
      : '';
    const sections = `${postList}<h2>${esc(w.sections)}</h2><ul class="inline">${this.itemSections()
      .map((s) => `<li><a href="${this.href(`${this.prefix(lang)}/sections/${s.key}/`)}">${esc(s.emoji + (s.titles[lang] ?? s.key))}</a></li>`)
      .join('')}</ul>`;
    return { title: `${w.archive} · ${this.name(lang)}`, path: `${this.prefix(lang)}/archive/`, body: `<h1>${esc(w.archive)}</h1>${toc}${body}${sections}`, lang, alternates: this.everyLang((l) => `${this.prefix(l)}/archive/`) };
  }

  /** Links to a listing's pages by season, the one shown marked. */
  private seasonNav(lang: Lang, seasons: number[], shown: number | undefined, path: (s: number) => string): string {
    const w = wordsFor(lang);
    return `<nav aria-label="${esc(w.allSeasons)}"><ul class="seasons">${seasons
      .map((s) => (s === shown ? `<li><strong aria-current="page">${esc(fill(w.season, { n: s }))}</strong></li>` : `<li><a href="${this.href(path(s))}">${esc(fill(w.season, { n: s }))}</a></li>`))
      .join('')}</ul></nav>`;
  }

  /** Items of the issues given, grouped under their issue: a section's or a tag's page of a season. */
  private itemsByIssue(heads: IssueHead[], lang: Lang, viewer: Viewer, pick: (issue: Issue) => Item[]): string {
    return heads
      .map((head) => {
        const issue = this.full(head.number);
        const items = pick(issue);
        if (!items.length) return '';
        const edition = this.edition(issue, viewer);
        // A locked issue's titles say where its text is.
        const locked = edition === 'teaser' ? `<p class="meta">${this.whereFull(lang)}</p>` : '';
        return `<section aria-labelledby="i${issue.number}"><h2 id="i${issue.number}"><a href="${this.href(this.issuePath(issue.number, lang))}">${esc(this.title(issue, lang))}</a></h2>${locked}${this.itemList(items, lang, edition)}</section>`;
      })
      .join('');
  }

  /** A section's items of one season, by issue; with no season, the latest season's issues. */
  sectionPage(key: string, lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): Page | undefined {
    const def = this.itemSections().find((s) => s.key === key);
    if (!def) return undefined;
    const w = wordsFor(lang);
    const seasons = this.seasons(lang);
    const shown = season ?? seasons[0]?.season ?? 1;
    const issues = seasons.find((s) => s.season === shown)?.issues;
    if (season !== undefined && !issues) return undefined;
    const heading = def.emoji + (def.titles[lang] ?? def.key);
    const seasonPath = (s: number) => `${this.prefix(lang)}/sections/${key}/season-${s}/`;
    const nav = this.seasonNav(lang, seasons.map((s) => s.season), season, seasonPath);
    // The section's front page lists the latest season's issues; each season's page shows the items.
    const groups = season === undefined ? '' : this.itemsByIssue(issues ?? [], lang, viewer, (issue) => sectionItems(issue, key).filter((i) => i.texts[lang]?.title));
    const path = season === undefined ? `${this.prefix(lang)}/sections/${key}/` : seasonPath(shown);
    const index = season === undefined && issues ? `<h2>${esc(fill(w.season, { n: shown }))}</h2>${this.issueList(issues, lang)}` : '';
    return { title: `${heading} · ${fill(w.season, { n: shown })} · ${this.name(lang)}`, path, body: `<h1>${esc(heading)}</h1>${nav}${index}${groups}`, lang, alternates: this.everyLang((l) => path.replace(this.prefix(lang), this.prefix(l))) };
  }

  private blurbs = new WeakMap<Item, Map<string, string>>();
  /** Items as a list: the full edition's link, stars and blurb; the teaser's title alone, as its issue page shows it. */
  private itemList(items: Item[], lang: Lang, edition: Edition): string {
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

  /** A tag's items of one season (default its latest), by issue, with links to its other seasons. */
  tagPage(slug: string, lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): Page | undefined {
    const use = this.tags(lang).get(slug);
    if (!use) return undefined;
    const shown = season ?? this.tagFront(slug, lang)!;
    if (!use.seasons.has(shown)) return undefined;
    const w = wordsFor(lang);
    const base = `${this.prefix(lang)}/tags/${slug}/`;
    const seasonPath = (s: number) => `${base}season-${s}/`;
    const seasons = [...use.seasons.keys()].sort((a, b) => b - a);
    const nav = seasons.length > 1 ? this.seasonNav(lang, seasons, shown, seasonPath) : '';
    const heads = this.seasons(lang).find((s) => s.season === shown)?.issues ?? [];
    const body = this.itemsByIssue(heads, lang, viewer, (issue) => issue.items.filter((i) => i.texts[lang]?.title && itemTags(i).some((t) => tagSlug(t) === slug)));
    const path = season === undefined ? base : seasonPath(shown);
    return { title: `#${use.tag} · ${fill(w.season, { n: shown })} · ${this.name(lang)}`, path, body: `<h1>#${esc(use.tag)} <small>${esc(fill(w.items, { n: use.total }))}</small></h1>${nav}${body}`, lang };
  }

  /**
   * Search entries of the issues of a language (and of one season when given), as the reader may
   * see them: of an issue they get the teaser of, the titles alone (no text, no link).
   */
  searchEntries(lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): SearchEntry[] {
    const out: SearchEntry[] = [];
    for (const head of this.issuesIn(lang)) {
      if (season !== undefined && seasonOf(head.number) !== season) continue;
      const full = this.edition(head, viewer) === 'full';
      for (const item of this.full(head.number).items) {
        const p = this.plain(item, lang);
        if (p) out.push(full ? [head.number, item.section, p.title, p.text, safeLink(item.url) ?? ''] : [head.number, item.section, p.title, '', '']);
      }
    }
    return out;
  }

  /**
   * Search entries of a language's posts: the title and the opening of the text (a compilation's
   * items are in its issues' entries already); a compilation the reader may not read, its title.
   */
  postEntries(lang: Lang, viewer: Viewer = ANONYMOUS): SearchEntry[] {
    return this.postsIn(lang).map((p) => {
      const locked = postEditionFor(this.pub, 'site', p, viewer.member) === 'teaser';
      const text = locked ? '' : plainText(postText(p)).replace(/\s+/g, ' ').trim().slice(0, 2000);
      return [0, 'post', p.title, text, encodeURI(this.href(this.postPath(p.slug, lang)))];
    });
  }

  /** The search page: with entries (served), the results for q; without (static), a form and search.js. */
  searchPage(lang: Lang, q = '', entries?: SearchEntry[]): Page {
    const w = wordsFor(lang);
    const form = `<form role="search" method="get" action="${this.href(`${this.prefix(lang)}/search/`)}"><label for="q">${esc(w.searchLabel)}</label><div class="row"><input id="q" name="q" type="search" value="${esc(q)}" autocomplete="off"><button type="submit">${esc(w.searchButton)}</button></div></form>`;
    let results = '';
    if (entries && q.trim()) {
      const found = search(entries, q);
      results = `<p role="status">${esc(fill(found.total ? w.results : w.noResults, { n: found.total, q }))}</p><ol class="results">${found.hits
        .map(({ entry: [n, section, title, text, url] }) => {
          const href = safeLink(url);
          // A post's entry (issue 0, section "post") links the post; an item's, its issue.
          const where = section === 'post' ? `<a href="${esc(href ?? '')}">${esc(w.posts)}</a>` : `<a href="${this.href(this.issuePath(n, lang))}">${esc(fill(w.inIssue, { n }))}</a>`;
          return `<li><h3>${href ? `<a href="${esc(href)}">${mark(title, found.terms)}</a>` : mark(title, found.terms)}</h3><p>${mark(snippet(text, found.terms), found.terms)}</p><p class="meta">${where}</p></li>`;
        })
        .join('')}</ol>`;
    }
    const shards = [...this.seasons(lang).map((s) => this.href(`${this.prefix(lang)}/search/index-${s.season}.json`)), ...(this.postsIn(lang).length ? [this.href(`${this.prefix(lang)}/search/index-posts.json`)] : [])].join(' ');
    const client = this.opts.served
      ? ''
      : `<div id="results" aria-live="polite" data-shards="${esc(shards)}" data-words="${esc(JSON.stringify({ results: w.results, none: w.noResults, inIssue: w.inIssue, posts: w.posts, issueBase: this.href(`${this.prefix(lang)}/issues/`) }))}"></div><noscript><p>${esc(w.searchNeedsJs)}</p></noscript><script type="module" src="${this.href('/search.js')}"></script>`;
    return { title: `${w.search} · ${this.name(lang)}`, path: `${this.prefix(lang)}/search/`, body: `<h1>${esc(w.search)}</h1>${form}${results}${client}`, lang, noindex: q !== '', alternates: this.everyLang((l) => `${this.prefix(l)}/search/`) };
  }

  subscribePage(lang: Lang, message?: string): Page {
    const w = wordsFor(lang);
    const langs = this.pub.languages
      .map((l) => `<option value="${esc(l)}"${l === lang ? ' selected' : ''}>${esc(this.name(l))} (${esc(l)})</option>`)
      .join('');
    const body = `<h1>${esc(w.subscribe)}</h1>${message ? `<p role="status" class="notice">${esc(message)}</p>` : ''}<p>${esc(w.subscribeLead)}</p>
<form method="post" action="${this.formHref('/subscribe')}" class="stack"><label for="email">${esc(w.email)}</label><input id="email" name="email" type="email" required autocomplete="email"><label for="lang">${esc(w.language)}</label><select id="lang" name="lang">${langs}</select><div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div><button type="submit">${esc(w.subscribeButton)}</button></form>
<h2>${esc(w.feeds)}</h2><ul class="inline"><li><a href="${this.href(`${this.prefix(lang)}/feed.xml`)}">RSS</a></li><li><a href="${this.href(`${this.prefix(lang)}/atom.xml`)}">Atom</a></li><li><a href="${this.href(`${this.prefix(lang)}/feed.json`)}">JSON Feed</a></li></ul>`;
    return { title: `${w.subscribe} · ${this.name(lang)}`, path: `${this.prefix(lang)}/subscribe/`, body, lang, alternates: this.everyLang((l) => `${this.prefix(l)}/subscribe/`) };
  }

  membersPage(lang: Lang, viewer: Viewer = ANONYMOUS, message?: string): Page {
    const w = wordsFor(lang);
    const body = viewer.member
      ? `<h1>${esc(w.members)}</h1><p role="status" class="notice">${esc(w.signedIn)} (${esc(viewer.memberEmail ?? '')})</p><form method="post" action="${this.formHref('/members/logout')}"><input type="hidden" name="csrf" value="${esc(viewer.csrf ?? '')}"><button type="submit">${esc(w.signOut)}</button></form><form method="post" action="${this.formHref('/members/logout')}"><input type="hidden" name="csrf" value="${esc(viewer.csrf ?? '')}"><input type="hidden" name="everywhere" value="1"><button type="submit">${esc(w.signOutEverywhere)}</button></form>`
      : `<h1>${esc(w.members)}</h1>${message ? `<p role="status" class="notice">${esc(message)}</p>` : ''}<p>${esc(w.membersLead)}</p><form method="post" action="${this.formHref('/members/login')}" class="stack"><input type="hidden" name="lang" value="${esc(lang)}"><label for="member-email">${esc(w.email)}</label><input id="member-email" name="email" type="email" required autocomplete="email"><button type="submit">${esc(w.membersButton)}</button></form>`;
    return { title: `${w.members} · ${this.name(lang)}`, path: `${this.prefix(lang)}/members/`, body, lang, noindex: true };
  }

  /** A short page for the outcome of a form or a link from a mail. */
  messagePage(lang: Lang, title: string, text: string, form?: { action: string; fields: Record<string, string>; button: string }): Page {
    const f = form
      ? `<form method="post" action="${this.formHref(form.action)}">${Object.entries(form.fields)
          .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
          .join('')}<button type="submit">${esc(form.button)}</button></form>`
      : '';
    return { title: `${title} · ${this.name(lang)}`, path: `${this.prefix(lang)}/`, body: `<h1>${esc(title)}</h1><p role="status">${esc(text)}</p>${f}<p><a href="${this.href(`${this.prefix(lang)}/`)}">${esc(this.name(lang))}</a></p>`, lang, noindex: true };
  }

  /** Where the full text is, for a reader who has the teaser: "Members read the full text: sign in or subscribe". */
  private whereFull(lang: Lang): string {
    const w = wordsFor(lang);
    return `${esc(w.teaserMembers)} <a href="${this.formHref(`${this.prefix(lang)}/members/`)}">${esc(w.signIn)}</a> ${esc(w.or)} <a href="${this.href(`${this.prefix(lang)}/subscribe/`)}">${esc(w.subscribe)}</a>`;
  }

  private formHref(path: string): string {
    return this.opts.formsUrl ? this.opts.formsUrl.replace(/\/+$/, '') + path : this.href(path);
  }

  private everyLang(path: (l: Lang) => string | undefined): Partial<Record<Lang, string>> {
    const out: Partial<Record<Lang, string>> = {};
    for (const l of this.pub.languages) {
      const p = path(l);
      if (p !== undefined && (this.issuesIn(l).length || l === this.pub.primaryLang)) out[l] = p;
    }
    return out;
  }

  // ---- the page around a body

  /** The policy a static copy carries in its pages (a server adds its own header too): no inline script, forms to the site or its forms server. */
  private get csp(): string {
    const forms = this.opts.formsUrl ? ` ${new URL(this.opts.formsUrl).origin}` : '';
    return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; media-src 'self' https:; frame-src https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'${forms}`;
  }

  html(page: Page): string {
    const w = wordsFor(page.lang);
    const p = this.prefix(page.lang);
    const url = this.abs(page.path);
    const title = esc(page.title);
    const desc = page.description ? esc(page.description.slice(0, 300)) : '';
    const image = safeLink(page.image, 'image') ? esc(new URL(page.image!, url).href) : '';
    const alternates = Object.entries(page.alternates ?? {})
      .map(([l, path]) => `<link rel="alternate" hreflang="${esc(langTag(l))}" href="${esc(this.abs(path!))}">`)
      .join('');
    const switcher = Object.entries(page.alternates ?? {}).filter(([l]) => l !== page.lang);
    const langNav = switcher.length
      ? `<ul class="langs" aria-label="${esc(w.languages)}">${switcher.map(([l, path]) => `<li><a href="${this.href(path!)}" hreflang="${esc(langTag(l))}" lang="${esc(langTag(l))}">${esc(l.toUpperCase())}</a></li>`).join('')}</ul>`
      : '';
    return `<!doctype html>
<html lang="${esc(langTag(page.lang))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(this.csp)}">
<title>${title}</title>
${desc ? `<meta name="description" content="${desc}">` : ''}${page.noindex ? '<meta name="robots" content="noindex">' : ''}
<link rel="canonical" href="${esc(url)}">${alternates}
<link rel="alternate" type="application/rss+xml" title="${esc(this.name(page.lang))} (RSS)" href="${this.href(`${p}/feed.xml`)}">
<link rel="alternate" type="application/atom+xml" title="${esc(this.name(page.lang))} (Atom)" href="${this.href(`${p}/atom.xml`)}">
<link rel="alternate" type="application/feed+json" title="${esc(this.name(page.lang))} (JSON Feed)" href="${this.href(`${p}/feed.json`)}">
<meta property="og:site_name" content="${esc(this.name(page.lang))}">
<meta property="og:title" content="${title}">
<meta property="og:type" content="${page.type ?? 'website'}">
<meta property="og:url" content="${esc(url)}">
<meta property="og:locale" content="${esc(langTag(page.lang).replace('-', '_'))}">
${desc ? `<meta property="og:description" content="${desc}">` : ''}${image ? `<meta property="og:image" content="${image}">` : ''}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
${desc ? `<meta name="twitter:description" content="${desc}">` : ''}${image ? `<meta name="twitter:image" content="${image}">` : ''}
<link rel="stylesheet" href="${this.href('/style.css')}">
</head>
<body>
<a class="skip" href="#main">${esc(w.skip)}</a>
<header class="site">
<nav aria-label="${esc(this.name(page.lang))}"><a class="brand" href="${this.href(`${p}/`)}">${esc(this.name(page.lang))}</a><ul><li><a href="${this.href(`${p}/archive/`)}">${esc(w.archive)}</a></li><li><a href="${this.href(`${p}/search/`)}">${esc(w.search)}</a></li><li><a href="${this.href(`${p}/subscribe/`)}">${esc(w.subscribe)}</a></li><li><a href="${this.href(`${p}/feed.xml`)}">RSS</a></li></ul>${langNav}</nav>
</header>
<main id="main">
${page.body}
</main>
<footer class="site"><p>${esc(this.name(page.lang))} · <a href="${this.href(`${p}/archive/`)}">${esc(w.archive)}</a> · <a href="${this.formHref(`${p}/members/`)}">${esc(w.members)}</a> · <a href="${this.href(`${p}/feed.xml`)}">RSS</a> · <a href="${this.href(`${p}/atom.xml`)}">Atom</a> · <a href="${this.href(`${p}/feed.json`)}">JSON Feed</a></p></footer>
</body>
</html>
`;
  }
}

export const STYLE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--link:#0645ad;--line:#ddd;--note:#f4f6fb;--mark:#ffe58a}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#141414;--muted:#b0b0b0;--link:#8ab4f8;--line:#333;--note:#1f2330;--mark:#6b5500}}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.7 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Hiragino Sans",sans-serif}
a{color:var(--link)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header.site,main,footer.site{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site nav{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:1rem 0;border-bottom:1px solid var(--line)}
header.site ul,.inline,.langs,.seasons{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.brand{font-weight:700;text-decoration:none;color:var(--fg);margin-right:auto}
main{padding-top:1rem;padding-bottom:2rem}h1{font-size:1.6rem;line-height:1.3}h2{font-size:1.25rem;line-height:1.35;margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
.content img{max-width:100%;height:auto}.content pre{overflow-x:auto}
.meta,.kicker,small,time{color:var(--muted);font-size:.9em}.kicker{margin:0}
.notice{background:var(--note);border-left:4px solid var(--link);padding:.5rem 1rem;margin:1rem 0}
.issues li{margin:.25rem 0}.items{list-style:none;padding:0}.items li{margin:1rem 0}.items p{margin:.25rem 0}
.stars{color:var(--muted);font-weight:400;font-size:.85em}.tags a{margin-right:.5rem}
.pager{display:flex;justify-content:space-between;margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
mark{background:var(--mark);color:inherit}.results{padding-left:1.2rem}.results li{margin:1rem 0}
form .row{display:flex;gap:.5rem}.stack{display:grid;gap:.5rem;max-width:24rem}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
input[type=search]{flex:1;min-width:0}button{background:var(--link);color:var(--bg);border-color:var(--link);cursor:pointer}
.hp{position:absolute;left:-999px}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9em;padding-bottom:2rem}
`;
