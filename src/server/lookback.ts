// The editor's look back: the charts and word cloud of a season or the whole archive, the
// season's compilation, link digest and e-books made from the app (the same use cases as the
// CLI's), the posts with their state, and the e-books for the editor to download.

import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listEbooks, makeEbook } from '../app/ebook.ts';
import { listPosts } from '../app/archive.ts';
import { generateSeasonPost, setPostPublished } from '../app/season.ts';
import { lookBack } from '../app/stats.ts';
import { featuredProjects } from '../app/featured-projects.ts';
import { linkReport, sweepLinks, type SweepProgress } from '../app/link-sweep.ts';
import { readerStats } from '../app/reader-stats.ts';
import type { Platforms } from '../sources/types.ts';
import type { Fetcher } from '../http/client.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { HttpError } from './http.ts';

export interface LookbackDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  ebooksDir: string;
  siteUrl: () => Promise<string>;
  fetcher?: Fetcher | undefined;
  platforms?: Platforms | undefined;
}

const SeasonParams = Type.Object({ season: Type.Integer({ minimum: 1, maximum: 10_000 }) });
const MakeBody = Type.Object(
  { what: Type.Union([Type.Literal('compilation'), Type.Literal('digest'), Type.Literal('epub'), Type.Literal('pdf')]), lang: Type.Optional(Type.String({ maxLength: 16 })), replace: Type.Optional(Type.Boolean()), date: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: false },
);
const PostParams = Type.Object({ slug: Type.String({ maxLength: 200 }), lang: Type.String({ maxLength: 16 }) });

export function registerLookback(app: FastifyInstance, deps: LookbackDeps): void {
  const db = deps.store.db;
  app.get<{ Querystring: { season?: string; lang?: string; ui?: string } }>('/api/lookback', async (req) => {
    const stored = await deps.publication();
    const season = req.query.season ? Number(req.query.season) : undefined;
    if (season !== undefined && !(Number.isInteger(season) && season >= 1)) throw new HttpError(400, `season is a number from 1, not "${req.query.season}"`);
    const [report, posts] = await Promise.all([lookBack(db, stored, { season, lang: req.query.lang, ui: req.query.ui }), listPosts(db, stored.id, { drafts: true })]);
    return { ...report, posts: posts.map((p) => ({ slug: p.slug, lang: p.lang, kind: p.kind, date: p.date, title: p.title, status: p.status ?? 'published' })), ebooks: await listEbooks(deps.ebooksDir) };
  });

  app.post<{ Params: { season: number }; Body: { what: 'compilation' | 'digest' | 'epub' | 'pdf'; lang?: string; replace?: boolean; date?: string } }>(
    '/api/seasons/:season/make',
    { schema: { params: SeasonParams, body: MakeBody } },
    async (req) => {
      const stored = await deps.publication();
      const { what, lang, replace, date } = req.body;
      if (what === 'compilation' || what === 'digest') {
        const r = await generateSeasonPost(db, stored, { season: req.params.season, kind: what, lang, date, replace, siteUrl: await deps.siteUrl() });
        return { kind: what, slug: r.slug, lang: r.lang, title: r.title, issues: r.issues.length, links: r.links, result: r.result };
      }
      const r = await makeEbook(db, stored, { season: req.params.season, lang, format: what, fetcher: deps.fetcher, dir: deps.ebooksDir });
      return { kind: what, name: r.name, bytes: r.bytes, issues: r.issues, items: r.items, images: r.images, replaced: r.replaced };
    },
  );

  app.post<{ Params: { slug: string; lang: string }; Body: { published: boolean } }>(
    '/api/posts/:slug/:lang/status',
    { schema: { params: PostParams, body: Type.Object({ published: Type.Boolean() }, { additionalProperties: false }) } },
    async (req) => {
      await setPostPublished(db, await deps.publication(), req.params.slug, req.params.lang, req.body.published);
      return { ok: true };
    },
  );

  // What became of what we featured: the projects (refreshed from GitHub on request) and the links
  // (one sweep at a time, in the background; its progress is read here while it runs).
  let sweep: { running: boolean; progress: SweepProgress | null; error: string | null } = { running: false, progress: null, error: null };
  app.get('/api/lookback/featured', async () => {
    const stored = await deps.publication();
    const [projects, links] = await Promise.all([featuredProjects(db, stored), linkReport(db, stored)]);
    return { projects: projects.projects, links, sweep };
  });
  app.post('/api/lookback/projects/refresh', async () => {
    if (!deps.fetcher || !deps.platforms) throw new HttpError(503, 'this server has no HTTP client to ask GitHub with');
    const r = await featuredProjects(db, await deps.publication(), { fetcher: deps.fetcher, platforms: deps.platforms });
    return { refreshed: r.refreshed, stopped: r.stopped };
  });
  app.post('/api/lookback/links/sweep', async (_req, reply) => {
    if (!deps.fetcher) throw new HttpError(503, 'this server has no HTTP client to check links with');
    if (sweep.running) return reply.status(409).send({ error: 'a sweep is running already', code: 'running' });
    const stored = await deps.publication();
    sweep = { running: true, progress: null, error: null };
    void sweepLinks(db, stored, deps.fetcher, { onProgress: (p) => (sweep.progress = p) })
      .then((r) => (sweep = { running: false, progress: r, error: null }))
      .catch((e: Error) => (sweep = { running: false, progress: sweep.progress, error: e.message }));
    return { started: true };
  });
  app.get('/api/lookback/readers', async () => readerStats(db, await deps.publication()));

  // The editor downloads any e-book, whatever readers may.
  app.get<{ Params: { name: string } }>('/api/ebooks/:name', async (req, reply) => {
    const book = (await listEbooks(deps.ebooksDir)).find((b) => b.name === req.params.name);
    if (!book) throw new HttpError(404, `no e-book ${req.params.name}`);
    return reply
      .type(book.format === 'epub' ? 'application/epub+zip' : 'application/pdf')
      .header('content-disposition', `attachment; filename="${book.name}"`)
      .send(createReadStream(join(deps.ebooksDir, book.name)));
  });
}
