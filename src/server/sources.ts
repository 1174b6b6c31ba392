// The sources page's API: every source with its health (collecting now, or not), add one (its
// address normalised by its kind, a web page's feed found for it), change or switch one off,
// collect one now and say what came of it, collect all now in the background, OPML in and out.

import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { collect } from '../app/collect.ts';
import { addSource, changeSource, importOpml, sourcesHealth, type SourceChange } from '../app/sources.ts';
import { AppError } from '../app/errors.ts';
import type { Fetcher } from '../http/client.ts';
import { writeOpml } from '../sources/opml.ts';
import type { Platforms } from '../sources/types.ts';
import { listSources, nextDue } from '../app/sources.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { IdParams } from '../api/schemas.ts';
import { allowSender, dropHeldMail, heldLinks, listHeld, MAX_MAIL_BYTES, receiveMail } from '../app/newsletters.ts';
import { HttpError, sized } from './http.ts';

export interface SourcesDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  fetcher?: Fetcher | undefined;
  platforms?: Platforms | undefined;
  now: () => Date;
  /** The configuration's collect.maxAgeDays, as the schedule and the workers take it. */
  maxAgeDays?: number | undefined;
}

const NewSourceBody = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    address: Type.String({ minLength: 1, maxLength: 2000 }),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
    lang: Type.Optional(Type.String({ maxLength: 10 })),
    section: Type.Optional(Type.String({ maxLength: 60 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const ChangeBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    lang: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
    section: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export function registerSources(app: FastifyInstance, deps: SourcesDeps): void {
  const db = deps.store.db;
  app.get('/api/sources', async () => sourcesHealth(db, await deps.publication(), deps.now()));

  // Every enabled source now, whatever its schedule: after an OPML import of 400 feeds, the editor
  // need not wait for the schedule. It runs in the background; the sources it holds say
  // "collecting" (GET /api/sources) until each is done, whoever started it.
  let running: Promise<unknown> | undefined;
  app.addHook('onClose', async () => void (await running));
  app.post('/api/sources/collect', async () => {
    const stored = await deps.publication();
    if (!deps.fetcher || !deps.platforms) throw new HttpError(503, 'this server has no HTTP client to collect with');
    if (running) throw new AppError('conflict', 'a collection started here is under way: its sources say "collecting" until each is done');
    const { sources } = await nextDue(db, stored.id);
    if (sources === 0) throw new AppError('invalid', 'no source to collect: add a feed first, or switch one on');
    running = collect(deps.store, stored, { fetcher: deps.fetcher, platforms: deps.platforms, force: true, now: deps.now, maxAgeDays: deps.maxAgeDays })
      .then(({ progress }) => app.log.info(`collected ${progress.total} sources from the sources page: ${progress.created} new candidates, ${progress.errors} failed`))
      .catch((e: Error) => app.log.warn(`the collection started from the sources page failed: ${e.message}`))
      .finally(() => (running = undefined));
    return { sources };
  });
  // Newsletters by mail: what is held from senders not on the allow list, allowed or dropped here;
  // a message can also be given as a file (message/rfc822), as `inbox mail` takes it.
  app.get('/api/inbound/held', async () => listHeld(db, await deps.publication()));
  app.get<{ Params: { id: number } }>('/api/inbound/held/:id/links', { schema: { params: IdParams } }, async (req) => heldLinks(db, await deps.publication(), req.params.id));
  app.post<{ Params: { id: number } }>('/api/inbound/held/:id/allow', { schema: { params: IdParams } }, async (req) => allowSender(db, await deps.publication(), req.params.id));
  app.post<{ Params: { id: number } }>('/api/inbound/held/:id/drop', { schema: { params: IdParams } }, async (req) => {
    await dropHeldMail(db, await deps.publication(), req.params.id);
    return { ok: true };
  });
  app.post<{ Body: Buffer }>('/api/inbound/mail', sized(MAX_MAIL_BYTES), async (req) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('bad-request', 'send the message as the request body (message/rfc822)');
    return receiveMail(db, await deps.publication(), req.body);
  });
  app.get('/api/sources/sections', async () => {
    const { pub } = await deps.publication();
    return pub.sections.filter((s) => s.kind === 'items').map((s) => ({ key: s.key, title: `${s.emoji}${s.titles[pub.primaryLang] ?? s.key}` }));
  });

  app.post<{ Body: { kind?: string; address: string; title?: string; weight?: number; lang?: string; section?: string; tags?: string[] } }>('/api/sources', { schema: { body: NewSourceBody } }, async (req) => {
    const stored = await deps.publication();
    return addSource(db, stored, req.body, { fetcher: deps.fetcher, keepExisting: true });
  });

  app.post<{ Params: { id: number }; Body: SourceChange }>('/api/sources/:id', { schema: { params: IdParams, body: ChangeBody } }, async (req) => {
    await changeSource(db, await deps.publication(), req.params.id, req.body);
    return { ok: true };
  });

  // Collects one source now, whatever its schedule or backoff, and answers with what came of it.
  app.post<{ Params: { id: number } }>('/api/sources/:id/collect', { schema: { params: IdParams } }, async (req) => {
    const stored = await deps.publication();
    if (!deps.fetcher || !deps.platforms) throw new HttpError(503, 'this server has no HTTP client to collect with');
    const { outcomes } = await collect(deps.store, stored, { fetcher: deps.fetcher, platforms: deps.platforms, sourceIds: [req.params.id], now: deps.now, maxAgeDays: deps.maxAgeDays });
    const o = outcomes[0];
    if (!o) throw new HttpError(404, `no source #${req.params.id}`);
    return { status: o.status, created: o.created, seen: o.seen, problems: o.problems, error: o.error ?? null };
  });

  // An OPML file (another reader's export) in whole: every outline a source, or nothing when one is of a kind Pressroom cannot read.
  app.addContentTypeParser('text/x-opml', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post<{ Body: string; Querystring: { replace?: string } }>('/api/sources/opml', sized(5 * 1024 * 1024), async (req) => {
    if (typeof req.body !== 'string') throw new HttpError(415, 'send the OPML file as the request body (text/x-opml)');
    try {
      return await importOpml(db, await deps.publication(), req.body, 'the OPML file', { replace: req.query.replace === '1' });
    } catch (e) {
      throw e instanceof AppError ? e : new HttpError(422, (e as Error).message);
    }
  });

  app.get('/api/sources.opml', async (_req, reply) => {
    const stored = await deps.publication();
    const pub = stored.pub;
    return reply
      .type('text/x-opml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${pub.slug}-sources.opml"`)
      .send(writeOpml(pub.name[pub.primaryLang] ?? pub.slug, await listSources(db, stored.id)));
  });
}
