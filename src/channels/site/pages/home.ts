// The home page: the latest issue whole, the ones before it as a list.

import { type Lang } from '../../../core/model.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { ANONYMOUS, HOME_LENGTH, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';
import { issueArticle, issueList } from './parts.ts';

export function homePage(site: Site, lang: Lang, viewer: Viewer = ANONYMOUS): Page {
  const w = wordsFor(lang);
  const heads = site.issuesIn(lang);
  const latest = heads[0] && site.full(heads[0].number);
  const recent = heads.slice(1, HOME_LENGTH);
  const body = latest
    ? `<p class="kicker">${esc(w.latest)}</p>${issueArticle(site, latest, lang, viewer)}` +
      (recent.length ? `<section aria-labelledby="recent"><h2 id="recent">${esc(w.recent)}</h2>${issueList(site, recent, lang)}<p><a href="${site.href(`${site.prefix(lang)}/archive/`)}">${esc(w.archive)} →</a></p></section>` : '')
    : `<p>${esc(site.name(lang))}</p>`;
  return { title: site.name(lang), description: latest ? site.summary(latest, lang) : site.name(lang), path: `${site.prefix(lang)}/`, body, lang, alternates: site.everyLang((l) => `${site.prefix(l)}/`), image: latest && site.coverImage(latest), type: 'website' };
}
