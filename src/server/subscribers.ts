// The subscribers page's API: the list (searched, filtered by status, language and membership),
// CSV import (refused whole when its header lacks an email column; Mailchimp's and Substack's
// exports read as they are) and export, the suppression list with reasons, and every campaign's numbers.

import type { FastifyInstance } from 'fastify';
import { exportSubscribers, importSubscribers, listCampaigns, listSubscribers, subscriberCounts, suppressions, type SubscriberStatus } from '../app/subscribers.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { HttpError, sized } from './http.ts';

export interface SubscribersDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  now: () => Date;
}

const STATUSES = ['active', 'pending', 'unsubscribed'];

export function registerSubscribers(app: FastifyInstance, deps: SubscribersDeps): void {
  const db = deps.store.db;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get<{ Querystring: { status?: string; lang?: string; q?: string; member?: string; limit?: string } }>('/api/subscribers', async (req) => {
    const stored = await deps.publication();
    const { status, lang, q, member } = req.query;
    if (status && !STATUSES.includes(status)) throw new HttpError(400, `status is one of ${STATUSES.join(', ')}`);
    const limit = Math.min(Number(req.query.limit ?? 500) || 500, 5000);
    let list = await listSubscribers(db, stored.id, { ...(status ? { status: status as SubscriberStatus } : {}), ...(lang ? { lang } : {}) });
    if (member === '1' || member === '0') list = list.filter((s) => s.member === (member === '1'));
    if (q) {
      const needle = q.toLowerCase();
      list = list.filter((s) => s.email.includes(needle) || s.name.toLowerCase().includes(needle));
    }
    return { total: list.length, subscribers: list.slice(0, limit), counts: await subscriberCounts(db, stored.id) };
  });

  app.post<{ Body: string }>('/api/subscribers/import', sized(20 * 1024 * 1024), async (req) => {
    if (typeof req.body !== 'string') throw new HttpError(415, 'send the CSV file as the request body (text/csv)');
    try {
      return await importSubscribers(db, (await deps.publication()).id, req.body, deps.now());
    } catch (e) {
      throw new HttpError(422, (e as Error).message);
    }
  });

  app.get('/api/subscribers.csv', async (_req, reply) => {
    const stored = await deps.publication();
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${stored.pub.slug}-subscribers.csv"`).send(await exportSubscribers(db, stored.id));
  });

  app.get('/api/suppressions', async () => suppressions(db, (await deps.publication()).id));
  app.get('/api/campaigns', async () => listCampaigns(db, (await deps.publication()).id));
}
