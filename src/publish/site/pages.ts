// The reader's website as pages: home, issues, archive by season, sections, tags, search,
// subscribe and member sign-in. Plain HTML and one stylesheet: every page works without
// JavaScript (the static copy's search is the one thing that needs it, and says so).

import { countItems, countsPhrase } from '../../core/counts.ts';
import { editionFor, issueTitle, seasonOf, SEASON_LENGTH, sectionItems, type Issue, type Item, type Lang, type Publication, type SectionDef } from '../../core/model.ts';
import { fill } from '../../core/template.ts';
import { escapeHtml as esc } from '../../text/html.ts';
import { mark, search, snippet, type SearchEntry } from './search-core.js';
import { editionHtml, hasLang, inlineToHtml, itemPlain, itemTags, tagSlug } from './content.ts';
import { langTag, wordsFor } from './words.ts';

export interface SiteOptions {
  /** Absolute address of the site, e.g. "https://weekly.example.com/weekly". */
  siteUrl: string;
  /** Served by Pressroom (search and forms answer on the server), or a static copy. */
  served: boolean;
  /** Where the subscribe and member forms post; default the site itself. */
  formsUrl?: string | undefined;
}

export interface Viewer {
  member: boolean;
  memberEmail?: string | undefined;
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

export class Site {
  readonly pub: Publication;
  /** Published issues, newest first. */
  readonly issues: Issue[];
  readonly origin: string;
  /** The site's path under its origin, "" at the root. */
  readonly root: string;
  private byNumber = new Map<number, Issue>();

  constructor(
    pub: Publication,
    issues: Issue[],
    readonly opts: SiteOptions,
  ) {
    this.pub = pub;
    this.issues = issues.filter((i) => i.status === 'published').sort((a, b) => b.number - a.number);
    for (const i of this.issues) this.byNumber.set(i.number, i);
    const u = new URL(opts.siteUrl);
    this.origin = u.origin;
    this.root = u.pathname.replace(/\/+$/, '');
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
  private inLang = new Map<Lang, Issue[]>();
  issuesIn(lang: Lang): Issue[] {
    let list = this.inLang.get(lang);
    if (!list) this.inLang.set(lang, (list = this.issues.filter((i) => hasLang(i, lang))));
    return list;
  }
  issue(n: number): Issue | undefined {
    return this.byNumber.get(n);
  }
  seasons(lang: Lang): { season: number; issues: Issue[] }[] {
    const out = new Map<number, Issue[]>();
    for (const i of this.issuesIn(lang)) out.set(seasonOf(i.number), [...(out.get(seasonOf(i.number)) ?? []), i]);
    return [...out].map(([season, issues]) => ({ season, issues })).sort((a, b) => b.season - a.season);
  }
  itemSections(): SectionDef[] {
    return this.pub.sections.filter((s) => s.kind === 'items');
  }
  title(issue: Issue, lang: Lang): string {
    const style = this.pub.style.langs[lang];
    const own = issueTitle(issue, lang) || issueTitle(issue, this.pub.primaryLang);
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
      .filter((i) => this.pub.sections.find((s) => s.key === i.section)?.kind === 'items')
      .sort((a, b) => this.sectionOrder(a.section) - this.sectionOrder(b.section) || a.position - b.position)
      .slice(0, 3)
      .map((i) => itemPlain(i, lang)?.title)
      .filter(Boolean);
    return [counts, titles.join(' · ')].filter(Boolean).join(lang === 'zh' || lang === 'ja' ? '：' : ': ');
  }
  private sectionOrder(key: string): number {
    return this.pub.sections.findIndex((s) => s.key === key);
  }
  coverImage(issue: Issue): string | undefined {
    return issue.items.find((i) => i.image)?.image ?? undefined;
  }

  // ---- pages

  home(lang: Lang, viewer: Viewer = ANONYMOUS): Page {
    const w = wordsFor(lang);
    const issues = this.issuesIn(lang);
    const latest = issues[0];
    const recent = issues.slice(1, 11);
    const body = latest
      ? `<p class="kicker">${esc(w.latest)}</p>${this.issueArticle(latest, lang, viewer)}` +
        (recent.length ? `<section aria-labelledby="recent"><h2 id="recent">${esc(w.recent)}</h2>${this.issueList(recent, lang)}<p><a href="${this.href(`${this.prefix(lang)}/archive/`)}">${esc(w.archive)} →</a></p></section>` : '')
      : `<p>${esc(this.name(lang))}</p>`;
    return { title: this.name(lang), description: latest ? this.summary(latest, lang) : this.name(lang), path: `${this.prefix(lang)}/`, body, lang, alternates: this.everyLang((l) => `${this.prefix(l)}/`), image: latest && this.coverImage(latest), type: 'website' };
  }

  issuePage(n: number, lang: Lang, viewer: Viewer = ANONYMOUS): Page | undefined {
    const issue = this.byNumber.get(n);
    if (!issue || !hasLang(issue, lang)) return undefined;
    const w = wordsFor(lang);
    const list = this.issuesIn(lang);
    const at = list.indexOf(issue);
    const newer = list[at - 1];
    const older = list[at + 1];
    const nav = `<nav class="pager" aria-label="${esc(w.prev)} / ${esc(w.next)}">${older ? `<a rel="prev" href="${this.href(this.issuePath(older.number, lang))}">← ${esc(w.prev)}</a>` : '<span></span>'}${newer ? `<a rel="next" href="${this.href(this.issuePath(newer.number, lang))}">${esc(w.next)} →</a>` : ''}</nav>`;
    return {
      title: this.title(issue, lang),
      description: this.summary(issue, lang),
      path: this.issuePath(n, lang),
      body: this.issueArticle(issue, lang, viewer, true) + nav,
      lang,
      alternates: this.everyLang((l) => (hasLang(issue, l) ? this.issuePath(n, l) : undefined)),
      image: this.coverImage(issue),
      type: 'article',
    };
  }

  private issueArticle(issue: Issue, lang: Lang, viewer: Viewer, own = false): string {
    const w = wordsFor(lang);
    const edition = editionFor(this.pub, 'site', viewer.member);
    const heading = own ? `<h1>${esc(this.title(issue, lang))}</h1>` : `<h2><a href="${this.href(this.issuePath(issue.number, lang))}">${esc(this.title(issue, lang))}</a></h2>`;
    const teaser =
      edition === 'teaser'
        ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.teaser)} ${esc(w.teaserMembers)} <a href="${this.formHref(`${this.prefix(lang)}/members/`)}">${esc(w.signIn)}</a> ${esc(w.or)} <a href="${this.href(`${this.prefix(lang)}/subscribe/`)}">${esc(w.subscribe)}</a></p></aside>`
        : '';
    const member = viewer.member && this.pub.publishing?.editions?.site === 'teaser' ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.signedIn)}</p></aside>` : '';
    const tags = [...new Set(issue.items.flatMap(itemTags))].slice(0, 12);
    const tagLinks = tags.length ? `<p class="tags">${tags.map((t) => `<a href="${this.href(`${this.prefix(lang)}/tags/${encodeURI(tagSlug(t))}/`)}">#${esc(t)}</a>`).join(' ')}</p>` : '';
    return `<article class="issue" data-edition="${edition}">${heading}<p class="meta"><time datetime="${esc(issue.date)}">${esc(issue.date)}</time> · <a href="${this.href(`${this.prefix(lang)}/archive/#season-${seasonOf(issue.number)}`)}">${esc(fill(w.season, { n: seasonOf(issue.number) }))}</a></p>${member}${teaser}<div class="content">${editionHtml(issue, this.pub, lang, edition)}</div>${tagLinks}</article>`;
  }

  private issueList(issues: Issue[], lang: Lang): string {
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
    const sections = `<h2>${esc(w.sections)}</h2><ul class="inline">${this.itemSections()
      .map((s) => `<li><a href="${this.href(`${this.prefix(lang)}/sections/${s.key}/`)}">${esc(s.emoji + (s.titles[lang] ?? s.key))}</a></li>`)
      .join('')}</ul>`;
    return { title: `${w.archive} · ${this.name(lang)}`, path: `${this.prefix(lang)}/archive/`, body: `<h1>${esc(w.archive)}</h1>${toc}${body}${sections}`, lang, alternates: this.everyLang((l) => `${this.prefix(l)}/archive/`) };
  }

  /** A section's items of one season, by issue; with no season, the latest. */
  sectionPage(key: string, lang: Lang, season?: number): Page | undefined {
    const def = this.itemSections().find((s) => s.key === key);
    if (!def) return undefined;
    const w = wordsFor(lang);
    const seasons = this.seasons(lang);
    const shown = season ?? seasons[0]?.season ?? 1;
    const issues = seasons.find((s) => s.season === shown)?.issues;
    if (season !== undefined && !issues) return undefined;
    const heading = def.emoji + (def.titles[lang] ?? def.key);
    const nav = `<nav aria-label="${esc(w.allSeasons)}"><ul class="seasons">${seasons
      .map((s) => (s.season === shown && season !== undefined ? `<li><strong aria-current="page">${esc(fill(w.season, { n: s.season }))}</strong></li>` : `<li><a href="${this.href(`${this.prefix(lang)}/sections/${key}/season-${s.season}/`)}">${esc(fill(w.season, { n: s.season }))}</a></li>`))
      .join('')}</ul></nav>`;
    // The section's front page lists the latest season's issues; each season's page shows the items.
    const groups = (issues ?? [])
      .map((issue) => {
        if (season === undefined) return '';
        const items = sectionItems(issue, key).filter((i) => i.texts[lang]?.title);
        if (!items.length) return '';
        return `<section aria-labelledby="i${issue.number}"><h2 id="i${issue.number}"><a href="${this.href(this.issuePath(issue.number, lang))}">${esc(this.title(issue, lang))}</a></h2>${this.itemList(items, lang)}</section>`;
      })
      .join('');
    const path = season === undefined ? `${this.prefix(lang)}/sections/${key}/` : `${this.prefix(lang)}/sections/${key}/season-${shown}/`;
    const index = season === undefined && issues ? `<h2>${esc(fill(w.season, { n: shown }))}</h2>${this.issueList(issues, lang)}` : '';
    return { title: `${heading} · ${fill(w.season, { n: shown })} · ${this.name(lang)}`, path, body: `<h1>${esc(heading)}</h1>${nav}${index}${groups}`, lang, alternates: this.everyLang((l) => path.replace(this.prefix(lang), this.prefix(l))) };
  }

  private itemList(items: Item[], lang: Lang): string {
    return `<ul class="items">${items
      .map((i) => {
        const t = i.texts[lang]!;
        const title = esc(itemPlain(i, lang)!.title);
        const link = i.url ? `<a href="${esc(i.url)}">${title}</a>` : title;
        const stars = typeof i.meta.stars === 'number' ? ` <span class="stars">★ ${i.meta.stars.toLocaleString('en')}</span>` : '';
        return `<li><h3>${link}${stars}</h3>${t.blurb ? `<p>${inlineToHtml(t.blurb)}</p>` : ''}</li>`;
      })
      .join('')}</ul>`;
  }

  /** Every tag used in the issues of a language, with its items (newest first). */
  tags(lang: Lang): Map<string, { tag: string; items: { issue: Issue; item: Item }[] }> {
    const out = new Map<string, { tag: string; items: { issue: Issue; item: Item }[] }>();
    for (const issue of this.issuesIn(lang))
      for (const item of issue.items) {
        if (!item.texts[lang]?.title) continue;
        for (const tag of itemTags(item)) {
          const slug = tagSlug(tag);
          const entry = out.get(slug) ?? { tag, items: [] };
          entry.items.push({ issue, item });
          out.set(slug, entry);
        }
      }
    return out;
  }

  tagPage(slug: string, lang: Lang, tags = this.tags(lang)): Page | undefined {
    const entry = tags.get(slug);
    if (!entry) return undefined;
    const w = wordsFor(lang);
    const byIssue = new Map<Issue, Item[]>();
    for (const { issue, item } of entry.items) byIssue.set(issue, [...(byIssue.get(issue) ?? []), item]);
    const body = [...byIssue]
      .map(([issue, items]) => `<section aria-labelledby="i${issue.number}"><h2 id="i${issue.number}"><a href="${this.href(this.issuePath(issue.number, lang))}">${esc(this.title(issue, lang))}</a></h2>${this.itemList(items, lang)}</section>`)
      .join('');
    const path = `${this.prefix(lang)}/tags/${slug}/`;
    return { title: `#${entry.tag} · ${this.name(lang)}`, path, body: `<h1>#${esc(entry.tag)} <small>${esc(fill(w.items, { n: entry.items.length }))}</small></h1>${body}`, lang };
  }

  /** Search entries of the issues of a language (and of one season when given). */
  searchEntries(lang: Lang, season?: number): SearchEntry[] {
    const out: SearchEntry[] = [];
    for (const issue of this.issuesIn(lang)) {
      if (season !== undefined && seasonOf(issue.number) !== season) continue;
      for (const item of issue.items) {
        const p = itemPlain(item, lang);
        if (p) out.push([issue.number, item.section, p.title, p.text, item.url ?? '']);
      }
    }
    return out;
  }

  /** The search page: with entries (served), the results for q; without (static), a form and search.js. */
  searchPage(lang: Lang, q = '', entries?: SearchEntry[]): Page {
    const w = wordsFor(lang);
    const form = `<form role="search" method="get" action="${this.href(`${this.prefix(lang)}/search/`)}"><label for="q">${esc(w.searchLabel)}</label><div class="row"><input id="q" name="q" type="search" value="${esc(q)}" autocomplete="off"><button type="submit">${esc(w.searchButton)}</button></div></form>`;
    let results = '';
    if (entries && q.trim()) {
      const found = search(entries, q);
      results = `<p role="status">${esc(fill(found.total ? w.results : w.noResults, { n: found.total, q }))}</p><ol class="results">${found.hits
        .map(({ entry: [n, , title, text, url] }) => {
          const issueHref = this.href(this.issuePath(n, lang));
          return `<li><h3>${url ? `<a href="${esc(url)}">${mark(title, found.terms)}</a>` : mark(title, found.terms)}</h3><p>${mark(snippet(text, found.terms), found.terms)}</p><p class="meta"><a href="${issueHref}">${esc(fill(w.inIssue, { n }))}</a></p></li>`;
        })
        .join('')}</ol>`;
    }
    const shards = this.seasons(lang)
      .map((s) => this.href(`${this.prefix(lang)}/search/index-${s.season}.json`))
      .join(' ');
    const client = this.opts.served
      ? ''
      : `<div id="results" aria-live="polite" data-shards="${esc(shards)}" data-words="${esc(JSON.stringify({ results: w.results, none: w.noResults, inIssue: w.inIssue, issueBase: this.href(`${this.prefix(lang)}/issues/`) }))}"></div><noscript><p>${esc(w.searchNeedsJs)}</p></noscript><script type="module" src="${this.href('/search.js')}"></script>`;
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
      ? `<h1>${esc(w.members)}</h1><p role="status" class="notice">${esc(w.signedIn)} (${esc(viewer.memberEmail ?? '')})</p><form method="post" action="${this.formHref('/members/logout')}"><input type="hidden" name="csrf" value="${esc(viewer.csrf ?? '')}"><button type="submit">${esc(w.signOut)}</button></form>`
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

  html(page: Page): string {
    const w = wordsFor(page.lang);
    const p = this.prefix(page.lang);
    const url = this.abs(page.path);
    const title = esc(page.title);
    const desc = page.description ? esc(page.description.slice(0, 300)) : '';
    const image = page.image ? esc(new URL(page.image, url).href) : '';
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
