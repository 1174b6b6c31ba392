// Collection spread over worker processes on PostgreSQL, through pg-boss. Each due source is
// one job; the "stately" policy with the source as singleton key keeps at most one queued and
// one running job per source, so one worker at a time fetches it. A worker that dies mid-job
// leaves its job active until it expires; pg-boss then hands it to another worker.

import type { Reader } from './reader.ts';
import PgBoss from 'pg-boss';
import type { Fetcher } from '../http/client.ts';
import type { Platforms } from '../sources/types.ts';
import { withAdvisoryLock, type Store } from '../store/db.ts';
import { getPublication, listPublications, type StoredPublication } from '../store/publications.ts';
import { dueSources, getSource } from '../store/sources.ts';
import { collectSource, DEFAULT_MAX_AGE_DAYS, type SourceOutcome } from '../app/collect.ts';

/** How long a collection job may run before the queue gives it to another worker (a dead worker's job comes back then). */
export const DEFAULT_EXPIRE_SECONDS = 300;

export const COLLECT_QUEUE = 'pressroom-collect-source';
/** Advisory lock key held while a process sets up the queue ("prsq" in ASCII). */
const INIT_LOCK = 0x70727371;

export interface QueueOptions {
  /** A job not finished in this time is taken to be lost and retried (default 300 s). */
  expireInSeconds?: number;
  /** How often pg-boss looks for expired jobs (default 30 s). */
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
}

interface CollectJob {
  publicationId: number;
  sourceId: number;
}

export async function startBoss(url: string, opts: QueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (e: Error) => console.error(`queue: ${e.message}`));
  // Workers started together on a fresh database would create pg-boss's schema and queue at
  // the same time, and can wait on each other for ever; one at a time they cannot.
  await withAdvisoryLock(url, INIT_LOCK, async () => {
    await boss.start();
    await boss.createQueue(COLLECT_QUEUE, {
      name: COLLECT_QUEUE,
      policy: 'stately',
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: opts.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
    });
  });
  return boss;
}

/** Queues every due source of every publication; returns how many jobs were new. */
export async function enqueueDue(boss: PgBoss, store: Store, now = new Date(), opts: QueueOptions = {}): Promise<number> {
  let queued = 0;
  for (const { id } of await listPublications(store.db)) {
    for (const s of await dueSources(store.db, id, now)) {
      const job = await boss.send(COLLECT_QUEUE, { publicationId: id, sourceId: s.id } satisfies CollectJob, {
        singletonKey: `source-${s.id}`,
        expireInSeconds: opts.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
      });
      if (job) queued++;
    }
  }
  return queued;
}

export interface WorkerOptions extends QueueOptions {
  fetcher: Fetcher;
  platforms: Platforms;
  /** Jobs worked on at once by this process. */
  concurrency?: number;
  onOutcome?: (o: SourceOutcome) => void;
  /** Entries older than this many days are not candidates (collect.maxAgeDays; default 30). */
  maxAgeDays?: number | undefined;
  /** Where fetched feeds are read (a worker thread in the server). */
  reader?: Reader | undefined;
}

/** Works on collection jobs until the boss stops. */
export async function work(boss: PgBoss, store: Store, opts: WorkerOptions): Promise<void> {
  const pubs = new Map<number, StoredPublication>();
  const handler = async ([job]: PgBoss.Job<CollectJob>[]) => {
    if (!job) return;
    const { publicationId, sourceId } = job.data;
    let pub = pubs.get(publicationId);
    if (!pub) {
      pub = await getPublication(store.db, publicationId);
      if (!pub) return; // the publication was deleted since the job was queued
      pubs.set(publicationId, pub);
    }
    const source = await getSource(store.db, sourceId);
    if (!source || !source.enabled) return;
    // The queue may hold two jobs for a source (a retry of one whose worker died, and a fresh one):
    // the one that comes second finds the source collected, and leaves it.
    if (source.nextFetchAt && source.nextFetchAt > new Date().toISOString()) return;
    const outcome = await collectSource(store, pub, source, { fetcher: opts.fetcher, platforms: opts.platforms, now: new Date(), maxAgeDays: opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS, reader: opts.reader, leaseMs: (opts.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS) * 1000 });
    opts.onOutcome?.(outcome);
  };
  for (let i = 0; i < (opts.concurrency ?? 4); i++) {
    await boss.work<CollectJob>(COLLECT_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, handler);
  }
}
