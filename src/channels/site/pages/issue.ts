// An issue's page, with the issues before and after it.

import { type Lang } from '../../../core/model.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { ANONYMOUS, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';
import { issueArticle } from './parts.ts';

export function issuePage(site: Site, n: number, lang: Lang, viewer: Viewer = ANONYMOUS): Page | undefined {
  const head = site.head(n);
  if (!head?.langs.includes(lang)) return undefined;
  const issue = site.full(n);
  const w = wordsFor(lang);
  const list = site.issuesIn(lang);
  const at = list.indexOf(head);
  const newer = list[at - 1];
  const older = list[at + 1];
  const nav = `<nav class="pager" aria-label="${esc(w.prev)} / ${esc(w.next)}">${older ? `<a rel="prev" href="${site.href(site.issuePath(older.number, lang))}">← ${esc(w.prev)}</a>` : '<span></span>'}${newer ? `<a rel="next" href="${site.href(site.issuePath(newer.number, lang))}">${esc(w.next)} →</a>` : ''}</nav>`;
  return {
    title: site.title(issue, lang),
    description: site.summary(issue, lang),
    path: site.issuePath(n, lang),
    body: issueArticle(site, issue, lang, viewer, true) + nav,
    lang,
    alternates: site.everyLang((l) => (head.langs.includes(l) ? site.issuePath(n, l) : undefined)),
    image: site.coverImage(issue),
    type: 'article',
  };
}
