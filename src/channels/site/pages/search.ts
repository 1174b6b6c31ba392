// Search: the entries a reader may see (the served search and the static shards), and the page.

import { safeLink } from '../../../core/links.ts';
import { seasonOf, postEditionFor, type Lang } from '../../../core/model.ts';
import { fill } from '../../../core/template.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { postText } from '../../../markdown/post.ts';
import { plainText } from '../../../text/word-count.ts';
import { mark, search, snippet, type SearchEntry } from '../search-core.js';
import { ANONYMOUS, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';

/**
 * Search entries of the issues of a language (and of one season when given), as the reader may
 * see them: of an issue they get the teaser of, the titles alone (no text, no link).
 */
export function searchEntries(site: Site, lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const head of site.issuesIn(lang)) {
    if (season !== undefined && seasonOf(head.number) !== season) continue;
    const full = site.edition(head, viewer) === 'full';
    for (const item of site.full(head.number).items) {
      const p = site.plain(item, lang);
      if (p) out.push(full ? [head.number, item.section, p.title, p.text, safeLink(item.url) ?? ''] : [head.number, item.section, p.title, '', '']);
    }
  }
  return out;
}

/**
 * Search entries of a language's posts: the title and the opening of the text (a compilation's
 * items are in its issues' entries already); a compilation the reader may not read, its title.
 */
export function postEntries(site: Site, lang: Lang, viewer: Viewer = ANONYMOUS): SearchEntry[] {
  return site.postsIn(lang).map((p) => {
    const locked = postEditionFor(site.pub, 'site', p, viewer.member) === 'teaser';
    const text = locked ? '' : plainText(postText(p)).replace(/\s+/g, ' ').trim().slice(0, 2000);
    return [0, 'post', p.title, text, encodeURI(site.href(site.postPath(p.slug, lang)))];
  });
}

/** The search page: with entries (served), the results for q; without (static), a form and search.js. */
export function searchPage(site: Site, lang: Lang, q = '', entries?: SearchEntry[]): Page {
  const w = wordsFor(lang);
  const form = `<form role="search" method="get" action="${site.href(`${site.prefix(lang)}/search/`)}"><label for="q">${esc(w.searchLabel)}</label><div class="row"><input id="q" name="q" type="search" value="${esc(q)}" autocomplete="off"><button type="submit">${esc(w.searchButton)}</button></div></form>`;
  let results = '';
  if (entries && q.trim()) {
    const found = search(entries, q);
    results = `<p role="status">${esc(fill(found.total ? w.results : w.noResults, { n: found.total, q }))}</p><ol class="results">${found.hits
      .map(({ entry: [n, section, title, text, url] }) => {
        const href = safeLink(url);
        // A post's entry (issue 0, section "post") links the post; an item's, its issue.
        const where = section === 'post' ? `<a href="${esc(href ?? '')}">${esc(w.posts)}</a>` : `<a href="${site.href(site.issuePath(n, lang))}">${esc(fill(w.inIssue, { n }))}</a>`;
        return `<li><h3>${href ? `<a href="${esc(href)}">${mark(title, found.terms)}</a>` : mark(title, found.terms)}</h3><p>${mark(snippet(text, found.terms), found.terms)}</p><p class="meta">${where}</p></li>`;
      })
      .join('')}</ol>`;
  }
  const shards = [...site.seasons(lang).map((s) => site.href(`${site.prefix(lang)}/search/index-${s.season}.json`)), ...(site.postsIn(lang).length ? [site.href(`${site.prefix(lang)}/search/index-posts.json`)] : [])].join(' ');
  const client = site.opts.served
    ? ''
    : `<div id="results" aria-live="polite" data-shards="${esc(shards)}" data-words="${esc(JSON.stringify({ results: w.results, none: w.noResults, inIssue: w.inIssue, posts: w.posts, issueBase: site.href(`${site.prefix(lang)}/issues/`) }))}"></div><noscript><p>${esc(w.searchNeedsJs)}</p></noscript><script type="module" src="${site.href('/search.js')}"></script>`;
  return { title: `${w.search} · ${site.name(lang)}`, path: `${site.prefix(lang)}/search/`, body: `<h1>${esc(w.search)}</h1>${form}${results}${client}`, lang, noindex: q !== '', alternates: site.everyLang((l) => `${site.prefix(l)}/search/`) };
}
