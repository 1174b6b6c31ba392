// The HTTP server: the health check, the public JSON API of published issues, the editor's
// sign-in and API, the assistant, the readers' submission page, the readers' website (at /) and
// the editor app itself (at /editor/).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { editionFor, issueTitle, type Issue } from '../core/model.ts';
import { effectivePublication, type Config } from '../app/config.ts';
import { AppError, STATUS_OF } from '../app/errors.ts';
import { pingStore } from '../store/db.ts';
import { publishDeps } from '../app/runtime.ts';
import type { PublishDeps } from '../app/publish.ts';
import { registerPublishing } from './publishing.ts';
import { registerSources } from './sources.ts';
import { registerSubscribers } from './subscribers.ts';
import { registerSettings } from './settings.ts';
import { registerLookback } from './lookback.ts';
import { registerSave } from './save.ts';
import type { Fetcher } from '../http/client.ts';
import type { Ranker } from '../jobs/ranker.ts';
import type { ChatClient } from '../llm/client.ts';
import type { Platforms } from '../sources/types.ts';
import type { Store } from '../store/db.ts';
import { listIssues, liveIssue, loadIssue } from '../app/archive.ts';
import { findPublication, listPublications, usePublication } from '../app/publications.ts';
import { signingSecret } from '../app/archive.ts';
import { registerAssist } from './assist.ts';
import { registerAuth } from './auth.ts';
import { registerEditor } from './editor.ts';
import { HttpError } from './http.ts';
import { sizeText } from '../text/size.ts';
import { registerSite, type SiteDeps } from './site.ts';
import { registerSubmit } from './submit.ts';

export interface AppOptions {
  logger?: boolean;
  /** The publication the editor works on; the first (or the demo) when not named. */
  publication?: string | undefined;
  llm?: ChatClient | undefined;
  /** For link checks and star counts. */
  fetcher?: Fetcher | undefined;
  platforms?: Platforms | undefined;
  /** Uploaded images live in DATA/uploads. Default ./data. */
  dataDir?: string;
  /** The built editor app; null serves none. Default web/dist when it exists. */
  webDir?: string | null;
  now?: () => Date;
  secureCookies?: boolean;
  loginLimit?: { max: number; windowMs: number };
  submit?: { minFillMs?: number; limit?: { max: number; windowMs: number } };
  /** Mail for subscriptions and member sign-in. */
  mail?: SiteDeps['mail'];
  webhookSecret?: string | undefined;
  formLimit?: SiteDeps['formLimit'];
  /** The configuration file's settings, over the publication's (see app/config.ts). */
  config?: Config | undefined;
  /** Where the inbox is ranked: `serve` on the embedded store gives a thread of its own
   * (jobs/ranker.ts); without one, on the event loop. */
  ranker?: Ranker | undefined;
  /** The address the server listens at, once it does: the site's address when none is configured. */
  listenUrl?: (() => string | undefined) | undefined;
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-* headers are believed; default PRESSROOM_TRUST_PROXY. */
  trustProxy?: string | undefined;
  /** What publishing from the editor uses; default resolved from the configuration and the environment, as the CLI does. */
  publish?: PublishDeps | undefined;
}

/**
 * PRESSROOM_TRUST_PROXY: a comma-separated list of proxy addresses or CIDR ranges. "1" (or "true")
 * means a proxy on this machine (loopback), never "anyone": a client's own X-Forwarded-For is not
 * believed unless it came through a listed proxy.
 */
export function trustedProxies(value: string | undefined): string | false {
  const v = (value ?? '').trim();
  if (!v || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return '127.0.0.1/8,::1';
  for (const part of v.split(',')) if (!/^[0-9a-f:.]+(?:\/\d{1,3})?$/i.test(part.trim())) throw new Error(`PRESSROOM_TRUST_PROXY: ${JSON.stringify(part.trim())} is not an address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/8)`);
  return v;
}

/** The site's and the editor's Content-Security-Policy: no inline script at all, nothing framed but video players, no plugins. */
export function contentSecurityPolicy(formsOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    'img-src * data: blob:',
    "media-src 'self' https:",
    'frame-src https:',
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${formsOrigin ? ` ${formsOrigin}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(store: Store, opts: AppOptions = {}): Promise<FastifyInstance> {
  // removeAdditional off: with it, ajv strips properties while trying each branch of a oneOf.
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: trustedProxies(opts.trustProxy ?? process.env.PRESSROOM_TRUST_PROXY), ajv: { customOptions: { removeAdditional: false, allowUnionTypes: true } } });
  // Routes take the error handler in force when they are declared: set it first.
  app.setNotFoundHandler((req, reply) => void reply.status(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown; revision?: number }, req, reply) => {
    // A use case's refusal (app/errors.ts) is the editor's to read, with the status its kind says.
    if (err instanceof AppError) {
      if (err.retryAfter) void reply.header('retry-after', String(err.retryAfter));
      return void reply.status(STATUS_OF[err.kind]).send({ error: err.message, ...(err.code ? { code: err.code } : {}) });
    }
    const status = err.statusCode ?? 500;
    // Fastify's own words name no size: say the one this address takes.
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.routeOptions.config.bodyLimit;
      return void reply.status(413).send({ error: limit ? `the request body is over ${sizeText(limit)}, the most ${req.url.split('?')[0]} takes` : 'the request body is larger than this address takes', code: 'too-large' });
    }
    const ours = err instanceof HttpError;
    if (status >= 500 && !ours) app.log.error(err);
    const body: Record<string, unknown> = { error: status >= 500 && !ours ? 'internal error' : err.message };
    if (err instanceof HttpError && err.code) body.code = err.code;
    else if (err.validation) body.code = 'invalid-request';
    if (err.revision !== undefined) body.revision = err.revision;
    void reply.status(status).send(body);
  });

  const now = opts.now ?? (() => new Date());
  // Every route sees the publication with the settings in force: the database's, under the file's and the environment's.
  const config = opts.config ?? {};
  const publication = async () => {
    const stored = await usePublication(store.db, opts.publication);
    return { ...stored, pub: effectivePublication(stored.pub, config) };
  };
  const dataDir = resolve(opts.dataDir ?? './data');

  const csp = contentSecurityPolicy();
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('content-security-policy', csp);
    // Over TLS (directly, or as a trusted proxy says), browsers are told to keep to it.
    if (req.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000');
  });

  registerAuth(app, store, { ...(opts.secureCookies !== undefined ? { secureCookies: opts.secureCookies } : {}), ...(opts.loginLimit ? { loginLimit: opts.loginLimit } : {}), now, primaryLang: async () => (await publication()).pub.primaryLang });
  registerEditor(app, { store, publication, fetcher: opts.fetcher, platforms: opts.platforms, uploadsDir: join(dataDir, 'uploads'), now, ranker: opts.ranker });
  registerAssist(app, { store, publication, llm: opts.llm });
  registerSources(app, { store, publication, fetcher: opts.fetcher, platforms: opts.platforms, now, maxAgeDays: config.collect?.maxAgeDays });
  registerSubscribers(app, { store, publication, now });
  registerLookback(app, {
    store,
    publication,
    fetcher: opts.fetcher,
    platforms: opts.platforms,
    ebooksDir: join(dataDir, 'ebooks'),
    siteUrl: async () => (await publication()).pub.publishing?.siteUrl ?? opts.listenUrl?.() ?? 'http://127.0.0.1:8080',
  });
  registerSettings(app, { store, stored: () => usePublication(store.db, opts.publication), config });
  registerPublishing(app, {
    store,
    publication,
    now,
    fetcher: opts.fetcher,
    // The server's own settings and secrets, resolved as the CLI resolves them; with no site
    // address configured, links point where this server listens.
    publishDeps: async (stored) => {
      if (opts.publish) return opts.publish;
      const d = await publishDeps(store, stored, config);
      const listen = opts.listenUrl?.();
      if (!d.publishing.siteUrl && listen) d.siteUrl = listen;
      return d;
    },
  });
  const secret = await signingSecret(store.db);
  registerSubmit(app, { store, publication, secret, now, ...opts.submit });
  registerSave(app, { store, publication, now });
  registerSite(app, { store, publication, secret, now, mail: opts.mail, secureCookies: opts.secureCookies, webhookSecret: opts.webhookSecret ?? process.env.PRESSROOM_MAIL_WEBHOOK_SECRET, formLimit: opts.formLimit, listenUrl: opts.listenUrl, ebooksDir: join(dataDir, 'ebooks') });

  app.get('/health', { config: { access: 'public' } }, async () => {
    await pingStore(store);
    return { ok: true, db: store.kind };
  });

  // Readers see published issues; a signed-in editor sees drafts too.
  const visible = (req: FastifyRequest, status: string) => status === 'published' || req.session !== null;

  app.get('/api/publications', { config: { access: 'public' } }, async () => {
    const pubs = await listPublications(store.db);
    return pubs.map(({ pub }) => ({ slug: pub.slug, name: pub.name, primaryLang: pub.primaryLang, languages: pub.languages, sections: pub.sections }));
  });

  const publicationOr404 = async (slug: string) => {
    const found = await findPublication(store.db, slug);
    if (!found) throw new HttpError(404, `no publication "${slug}"`);
    return found;
  };

  app.get<{ Params: { slug: string } }>('/api/publications/:slug/issues', { config: { access: 'public' } }, async (req) => {
    const { id, pub } = await publicationOr404(req.params.slug);
    const issues = (await listIssues(store.db, id)).filter((s) => visible(req, s.status));
    return Promise.all(
      issues.map(async (s) => {
        // A reader gets a published issue as it was published; an editor, as it is now.
        const issue = (req.session || s.status !== 'published' ? await loadIssue(store.db, id, s.number) : await liveIssue(store.db, id, s.number))!;
        const titles = Object.fromEntries(pub.languages.flatMap((l) => (issueTitle(issue, l) ? [[l, issueTitle(issue, l)]] : [])));
        return { number: s.number, date: s.date, status: s.status, edition: s.edition, title: titles, items: issue.items.length };
      }),
    );
  });

  const issueOr404 = async (req: FastifyRequest<{ Params: { slug: string; number: string } }>) => {
    const { id, pub } = await publicationOr404(req.params.slug);
    const number = Number(req.params.number);
    const current = Number.isInteger(number) ? await loadIssue(store.db, id, number) : undefined;
    if (!current || !visible(req, current.status)) throw new HttpError(404, `no issue #${req.params.number}`);
    if (req.session) return current;
    const issue = (await liveIssue(store.db, id, number)) ?? current;
    // Readers get what the site gives them: the teaser's words of an issue that is not unlocked.
    const latest = Math.max(0, ...(await listIssues(store.db, id)).filter((s) => s.status === 'published').map((s) => s.number));
    const edition = editionFor(effectivePublication(pub, config), 'site', false, issue, { latest, today: now().toISOString().slice(0, 10) });
    return edition === 'full' ? issue : teaserOnly(issue);
  };
  app.get<{ Params: { slug: string; number: string } }>('/api/publications/:slug/issues/:number', { config: { access: 'public' } }, issueOr404);
  app.get<{ Params: { slug: string; number: string } }>('/api/publications/:slug/issues/:number/items', { config: { access: 'public' } }, async (req) => (await issueOr404(req)).items);

  const uploads = join(dataDir, 'uploads');
  await app.register(fastifyStatic, { root: uploads, prefix: '/uploads/', decorateReply: false, index: false, allowedPath: () => existsSync(uploads) });
  // The editor app lives under /editor/; the readers' site has the rest.
  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  app.get('/editor', { config: { access: 'public' } }, async (_req, reply) => reply.redirect('/editor/', 301));
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/editor/', index: 'index.html', decorateReply: false, cacheControl: false, setHeaders: (reply, path) => void reply.header('cache-control', /\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache') });
  } else {
    app.get('/editor/', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>Pressroom</title><p>The editor app is not built. Run <code>npm run build:web</code>, then reload.</p>'),
    );
  }

  return app;
}

/** What the teaser shows of an issue: titles, and nothing of the items' links, images, blurbs or notes. */
export function teaserOnly(issue: Issue): Issue {
  return {
    ...issue,
    editions: issue.editions.map(({ layout: _layout, ...e }) => e),
    items: issue.items.map((i) => ({
      ...(i.id !== undefined ? { id: i.id } : {}),
      section: i.section,
      position: i.position,
      url: null,
      image: null,
      meta: {},
      texts: Object.fromEntries(Object.entries(i.texts).filter(([, t]) => t.title).map(([l, t]) => [l, { title: t.title, blurb: '' }])),
    })),
  };
}
