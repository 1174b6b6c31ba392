// One collection run: every due source fetched (politely, in parallel), what it saw written in
// one transaction with its new fetch state (transactions shared between sources that finish
// together, see store/group-commit.ts). A failing source keeps its error and backs off.

import { ThreadReader, type Reader } from '../jobs/reader.ts';
import type { Fetcher } from '../http/client.ts';
import { adapterFor } from '../sources/registry.ts';
import type { Platforms, Source, SourceContext } from '../sources/types.ts';
import { snapshotRepo, starGain } from '../store/candidates.ts';
import { recordSightings } from './candidates.ts';
import { inTransaction, type Store, type Tx } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { claimSources, dueSources, getSource, marksUnder, recordFailure, recordSuccess, saveSourceMarks, storedMarks, type StoredMarks } from '../store/sources.ts';
import { Semaphore } from '../http/limiter.ts';
import { LASTING_KINDS } from '../sources/kinds.ts';
import { GroupCommit } from '../store/group-commit.ts';

export interface CollectOptions {
  fetcher: Fetcher;
  platforms: Platforms;
  now?: () => Date;
  /** Sources worked on at once (the fetcher limits hosts on top). */
  concurrency?: number;
  /** Only these sources, due or not. */
  sourceIds?: number[];
  /** Every enabled source, due or not. */
  force?: boolean;
  /** Entries published longer ago than this are not candidates for a weekly (default 30). */
  maxAgeDays?: number;
  onProgress?: (p: CollectProgress) => void;
  /** Where fetched feeds are read: the server's reader threads; without one, threads of the run's
   * own when it has many feeds to read whole (READ_ON_THREADS), else inline. */
  reader?: Reader | undefined;
}

export interface SourceOutcome {
  source: Source;
  /** busy: another run was collecting it, so this one left it. */
  status: 'ok' | 'not-modified' | 'failed' | 'busy';
  created: number;
  /** Entries or links the source gave: the unchanged ones and those too old to be candidates included. */
  seen: number;
  /** Of those, entries left unread as unchanged since they were stored (sources/feed/marks.ts). */
  unchanged?: number;
  problems: string[];
  error?: string;
}

export interface CollectProgress {
  total: number;
  done: number;
  created: number;
  errors: number;
  notModified: number;
  /** Sources another run was collecting at the time. */
  busy: number;
  last?: SourceOutcome;
}

export interface CollectRun {
  progress: CollectProgress;
  outcomes: SourceOutcome[];
  /** Reader threads the run started for itself (0: it read inline, or on the reader it was given). */
  threads: number;
}

export async function collect(store: Store, pub: StoredPublication, opts: CollectOptions): Promise<CollectRun> {
  const now = opts.now ?? (() => new Date());
  let sources: Source[];
  if (opts.sourceIds) sources = (await Promise.all(opts.sourceIds.map((id) => getSource(store.db, id)))).filter((s): s is Source => !!s);
  else if (opts.force) sources = await dueSources(store.db, pub.id);
  else sources = await dueSources(store.db, pub.id, now());
  // Two runs at once (a cron job and the server, two shells) must not fetch a source twice.
  const claimed = await claimSources(store.db, sources.map((s) => s.id), now(), undefined, !(opts.force || opts.sourceIds));
  const progress: CollectProgress = { total: sources.length, done: 0, created: 0, errors: 0, notModified: 0, busy: 0 };
  opts.onProgress?.(progress);
  // Every source's marks in one query, not one each.
  const marks = await storedMarks(store.db, sources.filter((s) => claimed.has(s.id) && s.lastFetchedAt).map((s) => s.id));
  // Many feeds to read whole (with no marks stored: new sources, a first collection) are parsed on
  // threads of the run's own while this one fetches and stores. The daily run, whose known
  // entries are cut out unread (sources/feed/marks.ts), and a run of a few feeds read inline:
  // there a thread's start and its cold code cost more than they save.
  const whole = sources.filter((s) => s.kind === 'feed' && claimed.has(s.id) && !marks.has(s.id)).length;
  const own = !opts.reader && whole >= READ_ON_THREADS ? new ThreadReader().warm() : undefined;
  const reader = opts.reader ?? own;
  const sem = new Semaphore(opts.concurrency ?? 64);
  const writer = new GroupCommit(store.db);
  const one = async (source: Source): Promise<SourceOutcome> => {
    if (!claimed.has(source.id)) {
      const outcome: SourceOutcome = { source, status: 'busy', created: 0, seen: 0, problems: [], error: 'collected, or being collected, by another run' };
      progress.done++;
      progress.busy++;
      progress.last = outcome;
      opts.onProgress?.(progress);
      return outcome;
    }
    const release = await sem.acquire();
    try {
      const outcome = await collectSource(store, pub, source, { fetcher: opts.fetcher, platforms: opts.platforms, now: now(), maxAgeDays: opts.maxAgeDays, writer, reader, claimed: true, storedMarks: marks });
      progress.done++;
      progress.created += outcome.created;
      if (outcome.status === 'failed') progress.errors++;
      if (outcome.status === 'not-modified') progress.notModified++;
      progress.last = outcome;
      opts.onProgress?.(progress);
      return outcome;
    } finally {
      release();
    }
  };
  try {
    return { progress, outcomes: await Promise.all(sources.map(one)), threads: own?.threads ?? 0 };
  } finally {
    await own?.close();
  }
}

/** Feeds to read whole from which a run reads on threads of its own (when not given a reader).
 * Measured on 2 cores with feeds of 20 to 100 entries (bench/generate-feeds.ts): threads cost
 * 0.1 s more than inline reading for 25 to 100 feeds (a thread's start and its cold code), and
 * gain from about 200 (1.29-1.41 s against 1.35-1.57 s), 0.3 s at 500. */
export const READ_ON_THREADS = 150;

export const DEFAULT_MAX_AGE_DAYS = 30;

export interface CollectSourceContext extends SourceContext {
  maxAgeDays?: number | undefined;
  /** Shares transactions with other sources; without one, the source commits alone. */
  writer?: GroupCommit | undefined;
  /** The run holds the source's lease already (collect() claims its sources at once). */
  claimed?: boolean | undefined;
  /** How long this run's lease lasts; a queue worker's is its job's expiry, so a job retried after a dead worker can take it. */
  leaseMs?: number | undefined;
  /** The run's sources' stored marks, read at once; without them the source's own are read. */
  storedMarks?: Map<number, StoredMarks> | undefined;
}

export async function collectSource(store: Store, pub: StoredPublication, source: Source, ctx: CollectSourceContext): Promise<SourceOutcome> {
  const { now, maxAgeDays = DEFAULT_MAX_AGE_DAYS } = ctx;
  if (!ctx.claimed && !(await claimSources(store.db, [source.id], now, ctx.leaseMs)).has(source.id)) return { source, status: 'busy', created: 0, seen: 0, problems: [], error: 'collected, or being collected, by another run' };
  // Entries this source stored before, as they were (sources/feed/marks.ts), under what they
  // were stored with: the source's tags, which a sighting adds to its candidate, and the age limit.
  const adapter = adapterFor(source.kind);
  const salt = JSON.stringify([adapter.readVersion, maxAgeDays, source.tags]);
  const stored = !source.lastFetchedAt || !adapter.readVersion ? undefined : ctx.storedMarks ? ctx.storedMarks.get(source.id) : (await storedMarks(store.db, [source.id])).get(source.id);
  const known = marksUnder(stored, salt);
  const lasting = LASTING_KINDS.includes(source.kind);
  const oldest = new Date(now.getTime() - maxAgeDays * 86_400_000).toISOString();
  let result;
  try {
    result = await adapter.collect(source, { ...ctx, known, ...(lasting ? {} : { oldest }) });
  } catch (e) {
    const error = (e as Error).message;
    await recordFailure(store.db, source, now, error);
    return { source, status: 'failed', created: 0, seen: 0, problems: [], error };
  }
  const fresh = result.sightings.filter((x) => !x.published || x.published >= oldest || lasting);
  const write = async (tx: Tx) => {
    let gain: number | undefined;
    if (result.snapshot) {
      gain = await starGain(tx, result.snapshot.repo, result.snapshot.stars, now);
      await snapshotRepo(tx, result.snapshot, now);
    }
    // A trending search: each repository's own gain, from its own snapshots.
    for (const snap of result.snapshots ?? []) {
      const g = await starGain(tx, snap.repo, snap.stars, now);
      await snapshotRepo(tx, snap, now);
      const s = fresh.find((x) => x.url === snap.url);
      if (s && g !== undefined) s.starGain = g;
    }
    const out = result.notModified ? { created: 0, seen: 0 } : await recordSightings(tx, pub, source, fresh, now, { starGain: gain, sqlite: store.sqlite });
    await recordSuccess(tx, source.id, now, { etag: result.etag, lastModified: result.lastModified, title: result.title }, store.sqlite);
    if (result.marks) await saveSourceMarks(tx, source.id, salt, result.marks, store.sqlite);
    // Seen: every entry the source gave, read or known, too old to be a candidate or not.
    return { created: out.created, seen: result.notModified ? 0 : result.sightings.length + (result.unchanged ?? 0) + (result.tooOld ?? 0) };
  };
  let written;
  try {
    written = ctx.writer ? await ctx.writer.write(write) : await inTransaction(store.db, write);
  } catch (e) {
    // Nothing of this source was written; it is tried again at its next turn.
    const error = `store: ${(e as Error).message}`;
    await recordFailure(store.db, source, now, error);
    return { source, status: 'failed', created: 0, seen: 0, problems: result.problems, error };
  }
  return { source, status: result.notModified ? 'not-modified' : 'ok', ...written, ...(result.unchanged ? { unchanged: result.unchanged } : {}), problems: result.problems };
}
