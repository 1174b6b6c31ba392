// The archive: every issue by season, the posts, the sections.

import { seasonRange, type Lang } from '../../../core/model.ts';
import { fill } from '../../../core/template.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { type Page, type Site } from '../site.ts';
import { wordsFor } from '../words.ts';
import { issueList } from './parts.ts';
import { statsPublic } from './stats.ts';

/** A season's e-books, when the publication offers them: a link each, with its size. */
function ebookLinks(site: Site, season: number, lang: Lang): string {
  const access = site.pub.publishing?.ebooks?.access ?? 'members';
  const books = site.ebooks.filter((b) => b.season === season && b.lang === lang).sort((a, b) => a.format.localeCompare(b.format));
  if (access === 'off' || !books.length) return '';
  const w = wordsFor(lang);
  const links = books.map((b) => `<a href="${site.href(`/ebooks/${b.name}`)}" download>${b.format.toUpperCase()}</a> <small>${Math.max(1, Math.round(b.bytes / 1024))} KB</small>`).join(' · ');
  return `<p class="ebooks">${esc(w.ebook)}: ${links}${access === 'members' ? ` <small class="badge">${esc(w.membersOnly)}</small>` : ''}</p>`;
}

export function archivePage(site: Site, lang: Lang): Page {
  const w = wordsFor(lang);
  const seasons = site.seasons(lang);
  const toc = `<nav aria-label="${esc(w.allSeasons)}"><ul class="seasons">${seasons.map((s) => `<li><a href="#season-${s.season}">${esc(fill(w.season, { n: s.season }))}</a></li>`).join('')}</ul></nav>`;
  const body = seasons
    .map((s) => {
      const { first: from, last: to } = seasonRange(s.season);
      return `<section id="season-${s.season}" aria-labelledby="season-${s.season}-h"><h2 id="season-${s.season}-h">${esc(fill(w.season, { n: s.season }))} <small>${esc(fill(w.seasonRange, { from, to }))}</small></h2>${ebookLinks(site, s.season, lang)}${statsPublic(site) ? `<p class="stats-link"><a href="${site.href(`${site.prefix(lang)}/stats/season-${s.season}/`)}">${esc(w.stats)}</a></p>` : ''}${issueList(site, s.issues, lang)}</section>`;
    })
    .join('');
  const posts = site.postsIn(lang);
  const postList = posts.length
    ? `<section aria-labelledby="posts"><h2 id="posts">${esc(w.posts)}</h2><ul class="issues">${posts.map((p) => `<li><a href="${esc(encodeURI(site.href(site.postPath(p.slug, lang))))}">${esc(p.title)}</a> <small>${esc(w.postKinds[p.kind])}</small> <time datetime="${esc(p.date)}">${esc(p.date)}</time></li>`).join('')}</ul></section>`
    : '';
  const sections = `${postList}<h2>${esc(w.sections)}</h2><ul class="inline">${site.itemSections()
    .map((s) => `<li><a href="${site.href(`${site.prefix(lang)}/sections/${s.key}/`)}">${esc(s.emoji + (s.titles[lang] ?? s.key))}</a></li>`)
    .join('')}</ul>`;
  return { title: `${w.archive} · ${site.name(lang)}`, path: `${site.prefix(lang)}/archive/`, body: `<h1>${esc(w.archive)}</h1>${toc}${body}${sections}`, lang, alternates: site.everyLang((l) => `${site.prefix(l)}/archive/`) };
}
