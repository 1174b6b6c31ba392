// The HTTP server: a health check and a read-only JSON API of publications, issues and items.

import Fastify, { type FastifyInstance } from 'fastify';
import { issueTitle } from '../core/model.ts';
import type { Store } from '../store/db.ts';
import { listIssues, loadIssue } from '../store/issues.ts';
import { findPublication, listPublications } from '../store/publications.ts';

export interface AppOptions {
  logger?: boolean;
}

export async function buildApp(store: Store, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false });

  app.get('/health', async () => {
    await store.db.selectFrom('publications').select('id').limit(1).execute();
    return { ok: true, db: store.kind };
  });

  app.get('/api/publications', async () => {
    const pubs = await listPublications(store.db);
    return pubs.map(({ pub }) => ({ slug: pub.slug, name: pub.name, primaryLang: pub.primaryLang, languages: pub.languages, sections: pub.sections }));
  });

  const publicationOr404 = async (slug: string) => {
    const found = await findPublication(store.db, slug);
    if (!found) throw Object.assign(new Error(`no publication "${slug}"`), { statusCode: 404 });
    return found;
  };

  app.get<{ Params: { slug: string } }>('/api/publications/:slug/issues', async (req) => {
    const { id, pub } = await publicationOr404(req.params.slug);
    const issues = await listIssues(store.db, id);
    return Promise.all(
      issues.map(async (s) => {
        const issue = (await loadIssue(store.db, id, s.number))!;
        const titles = Object.fromEntries(pub.languages.flatMap((l) => (issueTitle(issue, l) ? [[l, issueTitle(issue, l)]] : [])));
        return { number: s.number, date: s.date, status: s.status, edition: s.edition, title: titles, items: issue.items.length };
      }),
    );
  });

  app.get<{ Params: { slug: string; number: string } }>('/api/publications/:slug/issues/:number', async (req) => {
    const { id } = await publicationOr404(req.params.slug);
    const number = Number(req.params.number);
    const issue = Number.isInteger(number) ? await loadIssue(store.db, id, number) : undefined;
    if (!issue) throw Object.assign(new Error(`no issue #${req.params.number}`), { statusCode: 404 });
    return issue;
  });

  app.get<{ Params: { slug: string; number: string } }>('/api/publications/:slug/issues/:number/items', async (req) => {
    const { id } = await publicationOr404(req.params.slug);
    const issue = await loadIssue(store.db, id, Number(req.params.number));
    if (!issue) throw Object.assign(new Error(`no issue #${req.params.number}`), { statusCode: 404 });
    return issue.items;
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) app.log.error(err);
    void reply.status(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  return app;
}
