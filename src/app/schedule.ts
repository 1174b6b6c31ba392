// What a running server does on its own: publish the issues whose time has come (and resume
// campaigns another server left half-sent), and collect due sources, in-process on SQLite or
// through the job queue on PostgreSQL, where workers on any host share them.

import type { Fetcher } from '../http/client.ts';
import type { Reader } from '../jobs/reader.ts';
import type { Platforms } from '../sources/types.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { collect } from './collect.ts';
import type { Config } from './config.ts';
import { publishDue, resumeCampaigns, type PublishDeps } from './publish.ts';

export interface ScheduleDeps {
  store: Store;
  stored: StoredPublication;
  config: Config;
  publish: PublishDeps;
  fetcher: Fetcher;
  platforms: Platforms;
  reader: Reader;
  /** The database's address, for the job queue's own connections (PostgreSQL only). */
  dbUrl: string;
  /** Collect due sources (false: `serve --no-schedule`, publishing only). */
  collect: boolean;
  log: (line: string) => void;
  warn: (line: string) => void;
}

/** Starts the schedules; the functions it returns stop them, in the order given. */
export async function startSchedules(d: ScheduleDeps): Promise<(() => Promise<void>)[]> {
  const { store, stored, config } = d;
  const stops: (() => Promise<void>)[] = [];
  // Scheduled publishes: the schedule is in the database, so one set before a restart still goes out.
  let publishing = false;
  const campaigns = new Set<number>();
  const publishTick = async () => {
    if (publishing) return;
    publishing = true;
    try {
      for (const p of await publishDue(store, stored, d.publish)) d.log(`serve: published #${p.number}: ${p.outcomes.map((o) => `${o.channel} ${o.status}`).join(', ')}`);
      // A campaign another server (or this one, before a restart) left half-sent goes on from here.
      for (const p of await resumeCampaigns(store, stored, d.publish, campaigns)) d.log(`serve: campaign #${p.issue} resumed: ${p.sent} sent, ${p.failed} failed, ${p.remaining} remaining of ${p.total}`);
    } catch (e) {
      d.warn(`serve: scheduled publish failed: ${(e as Error).message}`);
    } finally {
      publishing = false;
    }
  };
  void publishTick();
  const publishTimer = setInterval(() => void publishTick(), 1000 * (config.publishing?.checkSeconds ?? 30));
  stops.push(async () => clearInterval(publishTimer));
  if (!d.collect) return stops;

  const every = (config.collect?.intervalSeconds ?? 60) * 1000;
  let tick: () => Promise<unknown>;
  if (store.kind === 'postgres') {
    const { enqueueDue, startBoss, work } = await import('../jobs/queue.ts');
    const boss = await startBoss(d.dbUrl, config.queue);
    await work(boss, store, { ...config.queue, fetcher: d.fetcher, platforms: d.platforms, reader: d.reader, maxAgeDays: config.collect?.maxAgeDays });
    tick = () => enqueueDue(boss, store, new Date(), config.queue);
    stops.unshift(() => boss.stop({ graceful: true, wait: true }));
  } else {
    let running = false;
    tick = async () => {
      if (running) return;
      running = true;
      try {
        const { progress } = await collect(store, stored, { fetcher: d.fetcher, platforms: d.platforms, reader: d.reader, ...(config.collect?.maxAgeDays ? { maxAgeDays: config.collect.maxAgeDays } : {}) });
        if (progress.total) d.log(`serve: collected ${progress.total} sources, ${progress.created} new candidates, ${progress.errors} failed`);
      } finally {
        running = false;
      }
    };
  }
  const guarded = () => void tick().catch((e: Error) => d.warn(`serve: collection failed: ${e.message}`));
  guarded();
  const timer = setInterval(guarded, every);
  stops.unshift(async () => clearInterval(timer));
  return stops;
}
