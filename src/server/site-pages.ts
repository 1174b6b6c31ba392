// The served site's pages, from the route table (channels/site/routes.ts): rendered on request and
// kept until an issue changes (a member's are rendered for them), the search answered on the
// server, the feeds, the sitemap, robots.txt, the style sheet and the static search's scripts.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Lang } from '../core/model.ts';
import { sitemap } from '../channels/site/feeds.ts';
import { STYLE_CSS } from '../channels/site/layout.ts';
import { postEntries, searchEntries, searchPage } from '../channels/site/pages/search.ts';
import { FEED_ROUTES, PAGE_ROUTES, type PageRoute } from '../channels/site/routes.ts';
import type { Page, Site, Viewer } from '../channels/site/site.ts';
import { sitemapPaths, SITE_ASSETS } from '../channels/site/build.ts';
import { HttpError } from './http.ts';
import { countFeedReader, followClick } from '../app/reader-stats.ts';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml as esc } from '../html/escape.ts';
import { wordsFor } from '../channels/site/words.ts';
import type { Req, SiteContext } from './site.ts';

export function registerSitePages(app: FastifyInstance, ctx: SiteContext): void {
  const { current, langOf, viewerOf } = ctx;
  // Pages that look the same to everyone are kept; pages that differ for members are rendered each time.
  const html = (path: string, make: (site: Site, lang: Lang, req: Req, viewer: Viewer) => Page | undefined, opts: { perViewer?: boolean } = {}) => {
    const handler = async (req: Req, reply: FastifyReply) => {
      const { site, pages, stored } = await current(req);
      const lang = langOf(site, req);
      const viewer = opts.perViewer ? await viewerOf(req, stored) : { member: false };
      // What a member sees is theirs; everyone else sees the same page, kept.
      const key = req.url.split('?')[0]!;
      let body = viewer.member ? undefined : pages.get(key);
      if (body === undefined) {
        const page = make(site, lang, req, viewer);
        if (!page) throw new HttpError(404, `no page ${key}`);
        body = site.html(page);
        if (!viewer.member) pages.set(key, body);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Cookie').send(body);
    };
    app.get(path, { config: { access: 'public' } }, handler);
    app.get(`/:lang${path}`, { config: { access: 'public' } }, handler);
  };

  // Every page of the route table (routes.ts) but search, which answers its query here.
  for (const route of Object.values(PAGE_ROUTES) as PageRoute[]) {
    if (route === PAGE_ROUTES.search) continue;
    html(route.pattern, (site, lang, req, viewer) => route.render(site, lang, req.params, viewer), { perViewer: route.perViewer });
  }

  const search = async (req: Req, reply: FastifyReply) => {
    const { site, stored } = await current(req);
    const lang = langOf(site, req);
    const q = String(req.query.q ?? '').slice(0, 200);
    const viewer = await viewerOf(req, stored);
    return reply.header('vary', 'Cookie').type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(site.html(searchPage(site, lang, q, [...searchEntries(site, lang, undefined, viewer), ...postEntries(site, lang, viewer)])));
  };
  app.get(PAGE_ROUTES.search.pattern, { config: { access: 'public' } }, search);
  app.get(`/:lang${PAGE_ROUTES.search.pattern}`, { config: { access: 'public' } }, search);

  const feed = (name: string, type: string, make: (site: Site, lang: Lang) => string) => {
    const handler = async (req: Req, reply: FastifyReply) => {
      const { site, pages, stored } = await current(req);
      const lang = langOf(site, req);
      // Feed readers, counted by the service their request names (one small upsert, and none for a
      // browser); a failure to count is no failure to serve.
      await countFeedReader(ctx.db, stored, req.headers['user-agent'], `${lang === site.pub.primaryLang ? '' : `/${lang}`}/${name}`, ctx.now()).catch((e: Error) => req.log.warn(`feed readers: ${e.message}`));
      const key = `${name}|${lang}`;
      let body = pages.get(key);
      if (body === undefined) pages.set(key, (body = make(site, lang)));
      return reply.type(type).header('cache-control', 'public, max-age=300').send(body);
    };
    app.get(`/${name}`, { config: { access: 'public' } }, handler);
    app.get(`/:lang/${name}`, { config: { access: 'public' } }, handler);
  };
  for (const f of FEED_ROUTES) feed(f.name, f.type, f.make);
  app.get('/sitemap.xml', { config: { access: 'public' } }, async (req, reply) => {
    const { site } = await current(req);
    return reply.type('application/xml; charset=utf-8').send(sitemap(site, sitemapPaths(site)));
  });
  app.get('/robots.txt', { config: { access: 'public' } }, async (req, reply) => {
    const { site } = await current(req);
    return reply.type('text/plain; charset=utf-8').send(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /editor/\nSitemap: ${site.abs('/sitemap.xml')}\n`);
  });
  // A link in mail that counts its clicks: only a target signed for it is followed, never another.
  app.get<{ Params: { token: string } }>('/r/:token', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req as unknown as Req);
    const r = await followClick(ctx.db, stored, ctx.secret, req.params.token, ctx.now());
    if ('error' in r) {
      const lang = site.pub.primaryLang;
      return reply.status(400).type('text/html; charset=utf-8').send(site.html({ title: site.name(lang), path: '/r/', lang, body: `<h1>${esc(wordsFor(lang).linkInvalid)}</h1>` }));
    }
    return reply.status(302).header('location', r.url).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
  });

  // A season's e-book: everyone's, members' only, or nobody's, as the publication says.
  app.get<{ Params: { name: string } }>('/ebooks/:name', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req as unknown as Req);
    const book = site.ebooks.find((b) => b.name === req.params.name);
    const access = site.pub.publishing?.ebooks?.access ?? 'members';
    if (!book || access === 'off' || !ctx.deps.ebooksDir) throw new HttpError(404, `no e-book ${req.params.name}`);
    if (access === 'members' && !(await viewerOf(req as unknown as Req, stored)).member) {
      const w = wordsFor(book.lang);
      return reply.status(403).type('text/html; charset=utf-8').header('vary', 'Cookie').send(site.html({ title: `${w.ebook} · ${site.name(book.lang)}`, path: `/ebooks/${book.name}`, lang: book.lang, body: `<h1>${esc(w.ebook)}</h1><p>${esc(w.membersOnly)}: <a href="${site.href(`${site.prefix(book.lang)}/members/`)}">${esc(w.members)}</a></p>` }));
    }
    const type = book.format === 'epub' ? 'application/epub+zip' : 'application/pdf';
    return reply
      .type(type)
      .header('content-disposition', `attachment; filename="${site.pub.slug}-${book.name}"`)
      .header('cache-control', access === 'members' ? 'private, no-cache' : 'public, max-age=300')
      .header('vary', 'Cookie')
      .send(createReadStream(join(ctx.deps.ebooksDir, book.name)));
  });
  app.get('/style.css', { config: { access: 'public' } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLE_CSS));
  for (const [name, file] of Object.entries(SITE_ASSETS)) app.get(`/${name}`, { config: { access: 'public' } }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(file()));
}
