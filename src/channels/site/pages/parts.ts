// What several pages show alike: an issue as an article, a list of issues, the links to a listing's seasons, and a season's items grouped under their issues.

import { seasonOf, type Issue, type Item, type Lang } from '../../../core/model.ts';
import { fill } from '../../../core/template.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { itemTags, tagSlug } from '../content.ts';
import { type Site, type Viewer, type IssueHead } from '../site.ts';
import { wordsFor } from '../words.ts';

export function issueArticle(site: Site, issue: Issue, lang: Lang, viewer: Viewer, own = false): string {
  const w = wordsFor(lang);
  const edition = site.edition(issue, viewer);
  const heading = own ? `<h1>${esc(site.title(issue, lang))}</h1>` : `<h2><a href="${site.href(site.issuePath(issue.number, lang))}">${esc(site.title(issue, lang))}</a></h2>`;
  const teaser =
    edition === 'teaser'
      ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.teaser)} ${site.whereFull(lang)}</p></aside>`
      : '';
  const member = viewer.member && site.pub.publishing?.editions?.site === 'teaser' ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${esc(w.signedIn)}</p></aside>` : '';
  const tags = [...new Set(issue.items.flatMap(itemTags))].slice(0, 12);
  const tagLinks = tags.length ? `<p class="tags">${tags.map((t) => `<a href="${site.href(`${site.prefix(lang)}/tags/${encodeURI(tagSlug(t))}/`)}">#${esc(t)}</a>`).join(' ')}</p>` : '';
  return `<article class="issue" data-edition="${edition}">${heading}<p class="meta"><time datetime="${esc(issue.date)}">${esc(issue.date)}</time> · <a href="${site.href(`${site.prefix(lang)}/archive/#season-${seasonOf(issue.number)}`)}">${esc(fill(w.season, { n: seasonOf(issue.number) }))}</a></p>${member}${teaser}<div class="content">${site.editionHtml(issue, lang, edition)}</div>${tagLinks}</article>`;
}

export function issueList(site: Site, issues: IssueHead[], lang: Lang): string {
  return `<ol class="issues" reversed>${issues.map((i) => `<li value="${i.number}"><a href="${site.href(site.issuePath(i.number, lang))}">${esc(site.title(i, lang))}</a> <time datetime="${esc(i.date)}">${esc(i.date)}</time></li>`).join('')}</ol>`;
}

/** Links to a listing's pages by season, the one shown marked. */
export function seasonNav(site: Site, lang: Lang, seasons: number[], shown: number | undefined, path: (s: number) => string): string {
  const w = wordsFor(lang);
  return `<nav aria-label="${esc(w.allSeasons)}"><ul class="seasons">${seasons
    .map((s) => (s === shown ? `<li><strong aria-current="page">${esc(fill(w.season, { n: s }))}</strong></li>` : `<li><a href="${site.href(path(s))}">${esc(fill(w.season, { n: s }))}</a></li>`))
    .join('')}</ul></nav>`;
}

/** Items of the issues given, grouped under their issue: a section's or a tag's page of a season. */
export function itemsByIssue(site: Site, heads: IssueHead[], lang: Lang, viewer: Viewer, pick: (issue: Issue) => Item[]): string {
  return heads
    .map((head) => {
      const issue = site.full(head.number);
      const items = pick(issue);
      if (!items.length) return '';
      const edition = site.edition(issue, viewer);
      // A locked issue's titles say where its text is.
      const locked = edition === 'teaser' ? `<p class="meta">${site.whereFull(lang)}</p>` : '';
      return `<section aria-labelledby="i${issue.number}"><h2 id="i${issue.number}"><a href="${site.href(site.issuePath(issue.number, lang))}">${esc(site.title(issue, lang))}</a></h2>${locked}${site.itemList(items, lang, edition)}</section>`;
    })
    .join('');
}
