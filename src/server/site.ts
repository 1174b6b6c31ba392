// The readers' website as Pressroom serves it (the same pages `build-site` writes, rendered on
// request and kept until an issue changes), with what a static copy cannot do: search on the
// server, subscribing with double opt-in, one-click unsubscribe (RFC 8058), members signing in
// by a link sent to them (and then reading full editions), and a webhook for bounces and complaints.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../core/model.ts';
import { fill } from '../core/template.ts';
import { confirmMail, memberLinkMail, welcomeMail, type MailText } from '../channels/email/compose.ts';
import { parseDsn } from '../channels/email/dsn.ts';
import type { SmtpPool } from '../channels/email/smtp.ts';
import { sitemap } from '../channels/site/feeds.ts';
import { FEED_ROUTES, PAGE_ROUTES, siteLanguages, type PageRoute } from '../channels/site/routes.ts';
import { Site, type Page, type Viewer } from '../channels/site/site.ts';
import { STYLE_CSS } from '../channels/site/layout.ts';
import { sitemapPaths, SITE_ASSETS } from '../channels/site/build.ts';
import { wordsFor } from '../channels/site/words.ts';
import type { Store } from '../store/db.ts';
import { loadAllIssues, publishedStamp } from '../app/archive.ts';
import { listPosts, postsStamp } from '../app/archive.ts';
import type { StoredPublication } from '../store/publications.ts';
import { emailProblem } from '../app/subscribers.ts';
import { AppError } from '../app/errors.ts';
import { confirm, confirmationOf, memberLinkOf, memberLinkToken, memberOf, recordMailEvents, requestSubscription, signInMember, signOutMember, unsubscribeReader, unsubscriberOf, type ReadersDeps } from '../app/readers.ts';
import { cookie, HttpError, parseCookies, RateLimiter } from './http.ts';
import { membersPage, messagePage, subscribePage } from '../channels/site/pages/forms.ts';
import { postEntries, searchEntries, searchPage } from '../channels/site/pages/search.ts';

export const MEMBER_COOKIE = 'pressroom_member';

export interface SiteDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  secret: string;
  now: () => Date;
  /** Mail for confirmations, welcomes and member links; without it those forms say mail is not set up. */
  mail?: { pool: SmtpPool; from?: string | undefined } | undefined;
  secureCookies?: boolean | undefined;
  /** Shared secret of the bounce and complaint webhook (PRESSROOM_MAIL_WEBHOOK_SECRET). */
  webhookSecret?: string | undefined;
  formLimit?: { max: number; windowMs: number } | undefined;
  /**
   * The address this server was told to listen at, for when no site address is configured. Links
   * in mail come from configuration (or this), never from a request's Host header.
   */
  listenUrl?: (() => string | undefined) | undefined;
}

/** A Host header that is a host name or address with an optional port, and nothing else. */
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string>; Body: Record<string, string> }>;

export function registerSite(app: FastifyInstance, deps: SiteDeps): void {
  const { store, secret, now } = deps;
  // Secure cookies when the reader came over TLS (directly, or through a trusted proxy that says so).
  const secureFor = (req: FastifyRequest) => deps.secureCookies ?? req.protocol === 'https';
  const db = store.db;
  const limit = deps.formLimit ?? { max: 10, windowMs: 60 * 60_000 };
  const forms = new RateLimiter(limit.max, limit.windowMs, () => now().getTime());
  app.addContentTypeParser('message/rfc822', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

  // The site is rebuilt from the database when a published issue or the publication changes.
  let cached: { stamp: string; site: Site; pages: Map<string, string>; configured: boolean } | undefined;
  const current = async (req: FastifyRequest) => {
    const stored = await deps.publication();
    const row = await publishedStamp(db, stored.id);
    // The configured address; else the one this server listens at; else, for the page's own links
    // only, the Host header when it is a plain host name (mail is refused then: see mailSite).
    const configured = stored.pub.publishing?.siteUrl ?? deps.listenUrl?.();
    const host = req.headers.host ?? '';
    const siteUrl = configured ?? `${req.protocol === 'https' ? 'https' : 'http'}://${PLAIN_HOST.test(host) ? host : 'localhost'}`;
    const today = now().toISOString().slice(0, 10);
    const postsAt = await postsStamp(db, stored.id);
    const stamp = `${row.n}|${String(row.at)}|${postsAt}|${JSON.stringify(stored.pub)}|${siteUrl}|${today}`;
    if (cached?.stamp !== stamp) {
      const issues = (await loadAllIssues(db, stored.id)).filter((i) => i.status === 'published');
      const site = new Site(stored.pub, issues, { siteUrl, served: true, today });
      site.posts = await listPosts(db, stored.id);
      cached = { stamp, site, pages: new Map(), configured: configured !== undefined };
    }
    return { ...cached, stored };
  };
  /** The site whose address mailed links may use: a configured one, or the request is refused. */
  const mailSite = async (req: FastifyRequest) => {
    const c = await current(req);
    if (!c.configured) throw new HttpError(503, wordsFor(c.site.pub.primaryLang).noSiteUrl, 'no-site-url');
    return c;
  };

  const readers: ReadersDeps = { db, secret, now };
  const viewerOf = async (req: FastifyRequest, stored: StoredPublication): Promise<Viewer> => {
    // The cookie names a session row: revoked or expired there, it is no longer a member's.
    const m = await memberOf(readers, stored, parseCookies(req.headers.cookie)[MEMBER_COOKIE]);
    return m ? { member: true, memberEmail: m.email, sessionId: m.sessionId, csrf: m.csrf } : { member: false };
  };

  const langOf = (site: Site, req: Req): Lang => {
    const l = req.params.lang;
    if (l === undefined) return site.pub.primaryLang;
    if (!siteLanguages(site).includes(l) || l === site.pub.primaryLang) throw new HttpError(404, `no page ${req.url}`);
    return l;
  };

  const send = (reply: FastifyReply, page: Page | string | undefined, type = 'text/html; charset=utf-8', site?: Site, status = 200) => {
    if (page === undefined) throw new HttpError(404, 'no such page');
    const body = typeof page === 'string' ? page : site!.html(page);
    return reply.status(status).type(type).header('cache-control', 'no-cache').send(body);
  };

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
      const { site, pages } = await current(req);
      const lang = langOf(site, req);
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
  app.get('/style.css', { config: { access: 'public' } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLE_CSS));
  for (const [name, file] of Object.entries(SITE_ASSETS)) app.get(`/${name}`, { config: { access: 'public' } }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(file()));

  // ---- subscribing

  const mailTo = async (to: string, m: MailText) => {
    if (!deps.mail) throw new HttpError(503, 'mail is not set up on this server (PRESSROOM_SMTP_URL)', 'no-mail');
    const stored = await deps.publication();
    const from = deps.mail.from ?? stored.pub.publishing?.mailFrom ?? `${stored.pub.name[stored.pub.primaryLang] ?? stored.pub.slug} <weekly@localhost>`;
    await deps.mail.pool.sendMail({ from, to, ...m });
  };
  const message = async (req: FastifyRequest, reply: FastifyReply, lang: Lang, title: string, text: string, status = 200, form?: Parameters<typeof messagePage>[4]) => {
    const { site } = await current(req);
    return send(reply, messagePage(site, site.pub.languages.includes(lang) ? lang : site.pub.primaryLang, title, text, form), undefined, site, status);
  };
  /** A link from a mail that is forged or too old; we do not know the reader's language, so the site's. */
  const badLink = async (req: FastifyRequest, reply: FastifyReply, error: 'invalid' | 'expired') => {
    const { site } = await current(req);
    const w = wordsFor(site.pub.primaryLang);
    return message(req, reply, site.pub.primaryLang, w.subscribe, error === 'expired' ? w.linkExpired : w.linkInvalid, 400);
  };
  const limited = (req: FastifyRequest) => {
    const wait = forms.hit(req.ip);
    if (wait) throw new HttpError(429, `Too many requests from your address; try again in ${Math.ceil(wait / 60)} minutes.`, 'rate-limited');
  };
  // A form's failure is a page a reader can read, not JSON.
  const asPage = <R extends FastifyRequest>(handler: (req: R, reply: FastifyReply) => Promise<unknown>) => async (req: R, reply: FastifyReply) => {
    try {
      return await handler(req, reply);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const lang = String((req.body as Record<string, string> | undefined)?.lang ?? 'en');
      return message(req, reply, lang, wordsFor(lang).subscribe, e.message, e.statusCode);
    }
  };

  app.post<{ Body: Record<string, string> }>('/subscribe', { config: { access: 'anyone' } }, asPage(async (req: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const { site, stored } = await mailSite(req);
    const body = req.body ?? {};
    const lang = site.pub.languages.includes(body.lang ?? '') ? body.lang! : site.pub.primaryLang;
    const w = wordsFor(lang);
    if (body.website) return message(req, reply, lang, w.subscribe, w.sent); // the honeypot: look the same, do nothing
    const email = String(body.email ?? '').trim();
    if (emailProblem(email.toLowerCase())) return send(reply, subscribePage(site, lang, `${email || '(empty)'} ${emailProblem(email.toLowerCase())}`), undefined, site, 400);
    limited(req);
    const r = await requestSubscription(readers, stored, email, lang);
    if (r.status === 'already') return message(req, reply, lang, w.subscribe, w.already);
    await mailTo(r.subscriber.email, confirmMail(site, lang, `${site.abs('/subscribe/confirm')}?t=${r.token}`));
    return message(req, reply, lang, w.subscribe, w.sent);
  }));

  const confirmToken = async (req: FastifyRequest, t: string) => confirmationOf(readers, (await current(req)).stored, t);
  // Opening the link shows a button: mail scanners that follow links do not confirm anyone.
  app.get<{ Querystring: { t?: string } }>('/subscribe/confirm', { config: { access: 'public' } }, async (req, reply) => {
    const s = await confirmToken(req, req.query.t ?? '');
    if (typeof s === 'string') return badLink(req, reply, s);
    const lang = s.lang;
    const w = wordsFor(lang);
    return message(req, reply, lang, w.subscribe, fill(w.confirmPrompt, { email: s.email }), 200, { action: '/subscribe/confirm', fields: { t: req.query.t ?? '' }, button: w.confirmButton });
  });
  app.post<{ Body: Record<string, string> }>('/subscribe/confirm', { config: { access: 'anyone' } }, async (req, reply) => {
    const s = await confirmToken(req, req.body?.t ?? '');
    if (typeof s === 'string') return badLink(req, reply, s);
    const { site, configured } = await current(req);
    if ((await confirm(readers, await deps.publication(), s)) && configured) await mailTo(s.email, welcomeMail(site, s.lang)).catch((e: Error) => req.log.warn(`welcome mail to ${s.email} failed: ${e.message}`));
    return message(req, reply, s.lang, wordsFor(s.lang).subscribe, fill(wordsFor(s.lang).confirmed, { email: s.email }));
  });

  // ---- one-click unsubscribe: the List-Unsubscribe URL answers a POST (RFC 8058) and, opened in a browser, shows a button.
  const unsubscriber = async (req: FastifyRequest, t: string) => unsubscriberOf(readers, (await current(req)).stored, t);
  app.get<{ Querystring: { t?: string } }>('/unsubscribe', { config: { access: 'public' } }, async (req, reply) => {
    const s = await unsubscriber(req, req.query.t ?? '');
    if (!s) return badLink(req, reply, 'invalid');
    const w = wordsFor(s.lang);
    return message(req, reply, s.lang, w.subscribe, fill(w.unsubscribePrompt, { email: s.email }), 200, { action: `/unsubscribe?t=${encodeURIComponent(req.query.t ?? '')}`, fields: {}, button: w.unsubscribeButton });
  });
  app.post<{ Querystring: { t?: string }; Body: Record<string, string> }>('/unsubscribe', { config: { access: 'anyone' } }, async (req, reply) => {
    const s = await unsubscriber(req, req.query.t ?? req.body?.t ?? '');
    if (!s) return badLink(req, reply, 'invalid');
    await unsubscribeReader(readers, await deps.publication(), s);
    return message(req, reply, s.lang, wordsFor(s.lang).subscribe, fill(wordsFor(s.lang).unsubscribed, { email: s.email }));
  });

  // ---- members

  app.post<{ Body: Record<string, string> }>('/members/login', { config: { access: 'anyone' } }, asPage(async (req: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const { site, stored } = await mailSite(req);
    const lang = site.pub.languages.includes(req.body?.lang ?? '') ? req.body!.lang! : site.pub.primaryLang;
    const email = String(req.body?.email ?? '').trim();
    if (emailProblem(email.toLowerCase())) return send(reply, membersPage(site, lang, { member: false }, `${email || '(empty)'} is not an email address`), undefined, site, 400);
    limited(req);
    // The answer is the same whether or not the address is a member's: it does not tell who is.
    const link = await memberLinkToken(readers, stored, email);
    if (link) await mailTo(link.email, memberLinkMail(site, lang, `${site.abs('/members/verify')}?t=${link.token}`));
    return send(reply, membersPage(site, lang, { member: false }, wordsFor(lang).memberSent), undefined, site);
  }));
  app.get<{ Querystring: { t?: string } }>('/members/verify', { config: { access: 'public' } }, async (req, reply) => {
    const email = memberLinkOf(readers, req.query.t ?? '');
    const { site } = await current(req);
    const lang = site.pub.primaryLang;
    if (email === 'invalid' || email === 'expired') return badLink(req, reply, email);
    return message(req, reply, lang, wordsFor(lang).members, email, 200, { action: '/members/verify', fields: { t: req.query.t ?? '' }, button: wordsFor(lang).signIn });
  });
  app.post<{ Body: Record<string, string> }>('/members/verify', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req);
    const signedIn = await signInMember(readers, stored, req.body?.t ?? '', String(req.headers['user-agent'] ?? ''));
    if (signedIn === 'invalid' || signedIn === 'expired') return badLink(req, reply, signedIn);
    if (signedIn === 'used') {
      const w = wordsFor(site.pub.primaryLang);
      return message(req, reply, site.pub.primaryLang, w.members, w.linkUsed, 400);
    }
    void reply.header('set-cookie', cookie(MEMBER_COOKIE, signedIn.cookie, { maxAgeSeconds: signedIn.maxAgeSeconds, secure: secureFor(req) }));
    return reply.redirect(site.href('/'), 303);
  });
  app.post<{ Body: Record<string, string> }>('/members/logout', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req);
    const viewer = await viewerOf(req, stored);
    if (viewer.member && req.body?.csrf !== viewer.csrf) throw new HttpError(403, 'missing or wrong form token (reload the page)', 'csrf');
    // Signing out ends the session where it is kept, not only in this browser; "everywhere" ends all of the address's.
    if (viewer.sessionId) await signOutMember(readers, stored, { email: viewer.memberEmail!, sessionId: viewer.sessionId, csrf: viewer.csrf! }, !!req.body?.everywhere);
    void reply.header('set-cookie', cookie(MEMBER_COOKIE, '', { maxAgeSeconds: 0, secure: secureFor(req) }));
    return reply.redirect(site.href('/members/'), 303);
  });

  // ---- bounces and complaints: JSON events from a mail provider, or DSN / ARF reports as message/rfc822 bodies.
  app.post<{ Body: unknown }>('/hooks/mail-events', { config: { access: 'anyone' } }, async (req) => {
    if (!deps.webhookSecret) throw new HttpError(404, 'the mail events webhook is off (set PRESSROOM_MAIL_WEBHOOK_SECRET)');
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${deps.webhookSecret}`) throw new HttpError(401, 'wrong or missing bearer token', 'unauthenticated');
    const stored = await deps.publication();
    const events: { type: string; email: string; detail?: string }[] =
      typeof req.body === 'string' || Buffer.isBuffer(req.body)
        ? parseDsn(String(req.body))
        : ((Array.isArray(req.body) ? req.body : [req.body]) as { type: string; email: string; detail?: string }[]);
    try {
      return await recordMailEvents(readers, stored, events);
    } catch (e) {
      // A malformed report is the sender's mistake: 400, and nothing of it is recorded.
      throw e instanceof AppError ? new HttpError(400, e.message) : e;
    }
  });
}
