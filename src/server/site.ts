// The readers' website as Pressroom serves it: the context its routes share (the site as it
// stands, rebuilt from the database when a published issue, a post or the publication changes;
// the reader, member or not; the page writer), its pages (site-pages.ts) and its forms
// (reader-forms.ts), which do what a static copy cannot.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../core/model.ts';
import type { SmtpPool } from '../channels/email/smtp.ts';
import { siteLanguages } from '../channels/site/routes.ts';
import { Site, type Page, type Viewer } from '../channels/site/site.ts';
import { wordsFor } from '../channels/site/words.ts';
import type { Store } from '../store/db.ts';
import { listPosts, liveIssues, postsStamp, publishedStamp } from '../app/archive.ts';
import { listEbooks } from '../app/ebook.ts';
import type { StoredPublication } from '../store/publications.ts';
import { memberOf, type ReadersDeps } from '../app/readers.ts';
import { HttpError, parseCookies, RateLimiter } from './http.ts';
import { registerReaderForms } from './reader-forms.ts';
import { registerSitePages } from './site-pages.ts';
import { MAX_MAIL_BYTES } from '../app/newsletters.ts';

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
  /** Where the season e-books are kept (DATA/ebooks); without it the site offers none. */
  ebooksDir?: string | undefined;
}

/** A Host header that is a host name or address with an optional port, and nothing else. */
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string>; Body: Record<string, string> }>;

/** What the site's routes share: the site as it stands (rebuilt when an issue changes), the reader, the page writer. */
function siteContext(deps: SiteDeps) {
  const { store, secret, now } = deps;
  // Secure cookies when the reader came over TLS (directly, or through a trusted proxy that says so).
  const secureFor = (req: FastifyRequest) => deps.secureCookies ?? req.protocol === 'https';
  const db = store.db;
  const limit = deps.formLimit ?? { max: 10, windowMs: 60 * 60_000 };
  const forms = new RateLimiter(limit.max, limit.windowMs, () => now().getTime());

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
    const ebooks = deps.ebooksDir ? await listEbooks(deps.ebooksDir) : [];
    const stamp = `${row.n}|${String(row.at)}|${postsAt}|${JSON.stringify(stored.pub)}|${siteUrl}|${today}|${JSON.stringify(ebooks)}`;
    if (cached?.stamp !== stamp) {
      const issues = await liveIssues(db, stored.id);
      const site = new Site(stored.pub, issues, { siteUrl, served: true, today });
      site.posts = await listPosts(db, stored.id);
      site.ebooks = ebooks;
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

  return { deps, db, secret, now, forms, secureFor, current, mailSite, readers, viewerOf, langOf, send };
}

export type SiteContext = ReturnType<typeof siteContext>;
export type { Req };

/** The served site: its pages (site-pages.ts) and the readers' forms (reader-forms.ts), over one context. */
export function registerSite(app: FastifyInstance, deps: SiteDeps): void {
  // A mail message is bytes: a newsletter sent 8bit in GBK is read in its own charset
  // (app/newsletters.ts), not as UTF-8 guessed here. Up to the limit on mail taken in; routes
  // open to anyone (the bounce hook) set a smaller one of their own.
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: MAX_MAIL_BYTES }, (_req, body, done) => done(null, body));
  const ctx = siteContext(deps);
  registerSitePages(app, ctx);
  registerReaderForms(app, ctx);
}
