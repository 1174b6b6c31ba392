// A post's page: a season compilation, a link digest, an anniversary note.

import { postEditionFor, type Lang } from '../../../core/model.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { postText } from '../../../markdown/post.ts';
import { markdownToHtml } from '../content.ts';
import { ANONYMOUS, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';

/**
 * A post's page. A season compilation holds its issues' full text, so it follows the site's
 * edition: members (or everyone, when the site gives the full edition) read it; others get its
 * title and where to read it. Digests (titles by section) and other posts are everyone's.
 */
export function postPage(site: Site, slug: string, lang: Lang, viewer: Viewer = ANONYMOUS): Page | undefined {
  const post = site.posts.find((p) => p.slug === slug && p.lang === lang);
  if (!post) return undefined;
  const w = wordsFor(lang);
  // The page shows the title itself: the front matter and an H1 are not repeated.
  const content =
    postEditionFor(site.pub, 'site', post, viewer.member) === 'teaser'
      ? `<aside class="notice" aria-label="${esc(w.members)}"><p>${site.whereFull(lang)}</p></aside>`
      : `<div class="content">${markdownToHtml(postText(post, { title: false }), { lines: post.kind === 'digest' })}</div>`;
  return {
    title: `${post.title} · ${site.name(lang)}`,
    path: site.postPath(slug, lang),
    body: `<article class="post" data-kind="${post.kind}"><h1>${esc(post.title)}</h1><p class="meta"><time datetime="${esc(post.date)}">${esc(post.date)}</time> · ${esc(w.postKinds[post.kind])}</p>${content}</article>`,
    lang,
    alternates: site.everyLang((l) => (site.posts.some((p) => p.slug === slug && p.lang === l) ? site.postPath(slug, l) : undefined)),
    type: 'article',
  };
}
