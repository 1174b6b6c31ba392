// Publishing from the editor: the preflight, publish now or schedule (the same use case as the
// CLI, with this server's configuration and secrets), and the live progress of each channel and
// of the mail campaign as server-sent events. Progress is kept in the database (the publish log,
// the campaign's rows), so a page opened or reloaded mid-publish shows where it stands.

import type { Fetcher } from '../http/client.ts';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { preflight } from '../app/preflight.ts';
import { parseChannels, publishIssue, PublishError, schedulePublish, type PublishDeps } from '../app/publish.ts';
import { publishProgress, type PublishProgress } from '../app/publish-progress.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { IssueParams } from '../api/schemas.ts';
import { HttpError } from './http.ts';

export interface PublishingDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  /** What publishing needs, resolved as the CLI resolves it (app/runtime.ts publishDeps). */
  publishDeps: (stored: StoredPublication) => Promise<PublishDeps>;
  now: () => Date;
  /** For the preflight's dead-link check; without one the preflight does not fetch. */
  fetcher?: Fetcher | undefined;
}

const PublishBody = Type.Object(
  { channels: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })), at: Type.Optional(Type.String({ maxLength: 40 })), acknowledged: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export function registerPublishing(app: FastifyInstance, deps: PublishingDeps): void {
  const db = deps.store.db;
  /** Publishes running in this process, by issue: who listens, and the channel running now. */
  const running = new Map<number, { listeners: Set<(p: PublishProgress) => void>; current?: string }>();

  const channelsOf = (list: string[] | undefined) => {
    try {
      return parseChannels(list?.join(','));
    } catch (e) {
      throw new HttpError(400, (e as Error).message);
    }
  };

  // ?links=1 fetches every link and image too, and lists those that cannot be reached.
  app.get<{ Params: { number: number }; Querystring: { links?: string } }>('/api/issues/:number/preflight', { schema: { params: IssueParams } }, async (req) => {
    const stored = await deps.publication();
    return preflight(db, stored, req.params.number, await deps.publishDeps(stored), { links: req.query.links === '1' ? deps.fetcher : undefined });
  });

  app.post<{ Params: { number: number }; Body: { channels?: string[]; at?: string; acknowledged?: boolean } }>(
    '/api/issues/:number/publish',
    { schema: { params: IssueParams, body: PublishBody } },
    async (req, reply) => {
      const stored = await deps.publication();
      const number = req.params.number;
      const pd = await deps.publishDeps(stored);
      const channels = channelsOf(req.body.channels);
      const check = await preflight(db, stored, number, pd);
      if (check.blocked) return reply.status(422).send({ error: 'the preflight found problems that stop the publish', code: 'blocked', preflight: check });
      if (check.findings.length && !req.body.acknowledged) return reply.status(409).send({ error: 'the preflight has warnings to look at first', code: 'warnings', preflight: check });
      if (req.body.at) {
        const at = new Date(req.body.at);
        if (Number.isNaN(at.getTime())) throw new HttpError(400, `"${req.body.at}" is not a time`);
        if (at.getTime() <= deps.now().getTime()) throw new HttpError(400, 'a scheduled time must be in the future');
        try {
          await schedulePublish(deps.store, stored, number, at, channels);
        } catch (e) {
          throw e instanceof PublishError ? new HttpError(409, e.message) : e;
        }
        return { scheduled: at.toISOString(), channels };
      }
      if (running.has(number)) throw new HttpError(409, `#${number} is being published already`, 'running');
      const run = { listeners: new Set<(p: PublishProgress) => void>(), current: undefined as string | undefined };
      running.set(number, run);
      const tell = async () => {
        if (!run.listeners.size) return;
        const p = await publishProgress(db, stored, number, { running: true, current: run.current });
        for (const l of run.listeners) l(p);
      };
      let last = 0;
      const publishing = publishIssue(deps.store, stored, number, channels, {
        ...pd,
        onChannel: (e) => {
          run.current = e.status === 'running' ? e.channel : undefined;
          void tell();
        },
        onCampaign: () => {
          // The campaign reports every quarter second; the page needs no more than that.
          if (Date.now() - last < 250) return;
          last = Date.now();
          void tell();
        },
      });
      void publishing
        .catch((e: Error) => req.log.error(`publish #${number}: ${e.message}`))
        .finally(async () => {
          running.delete(number);
          const p = await publishProgress(db, stored, number, { running: false });
          for (const l of run.listeners) l(p);
        });
      // What would stop publishIssue (no title, no items, an untitled item) stopped the preflight already.
      return reply.status(202).send({ started: true, channels });
    },
  );

  app.get<{ Params: { number: number } }>('/api/issues/:number/publish/progress', { schema: { params: IssueParams } }, async (req) => {
    const stored = await deps.publication();
    const run = running.get(req.params.number);
    return publishProgress(db, stored, req.params.number, { running: !!run, current: run?.current });
  });

  // The same progress as it changes, as server-sent events; the last one says the publish is over.
  app.get<{ Params: { number: number } }>('/api/issues/:number/publish/events', { schema: { params: IssueParams } }, async (req, reply) => {
    const stored = await deps.publication();
    const number = req.params.number;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    const send = (p: PublishProgress) => reply.raw.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`);
    const run = running.get(number);
    send(await publishProgress(db, stored, number, { running: !!run, current: run?.current }));
    if (!run) return void reply.raw.end();
    const listener = (p: PublishProgress) => {
      send(p);
      if (!p.running) {
        run.listeners.delete(listener);
        reply.raw.end();
      }
    };
    run.listeners.add(listener);
    req.raw.on('close', () => run.listeners.delete(listener));
  });
}
