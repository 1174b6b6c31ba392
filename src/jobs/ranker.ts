// Ranking the inbox reads every candidate the filters select and orders them: half a second for
// the 25,000 a first collection of 400 feeds leaves, in which a server doing it on its event loop
// answers nobody (/health waited 588 ms; so would a reader of the site). On the embedded store,
// `serve` ranks on a thread of its own, over a read-only connection beside the writer's (WAL lets
// it read what was committed, while the writer goes on). PostgreSQL's queries do not stop the
// event loop, and are made inline.

import { rankedPage, type RankedCandidate } from '../app/candidates.ts';
import type { CandidateFilter } from '../store/candidates.ts';
import type { Store } from '../store/db.ts';
import { WorkerLane } from './lane.ts';

export interface Ranker {
  rankedPage(publicationId: number, f: CandidateFilter, now: Date): Promise<{ candidates: RankedCandidate[]; total: number }>;
  close(): Promise<void>;
}

/** Ranks on the caller's thread, through the store it is given. */
export function inlineRanker(store: Store): Ranker {
  return { rankedPage: (pid, f, now) => rankedPage(store.db, pid, f, now), close: async () => {} };
}

/** Ranks on a thread of its own, over a read-only connection to the embedded store at `url`
 * (sqlite:PATH), started at the first call. A thread that cannot open the store, or dies under a
 * call, leaves that call to `fallback` (the inline ranking); the next call starts a new thread. */
export class ThreadRanker implements Ranker {
  #lane: WorkerLane | undefined;

  constructor(
    readonly url: string,
    private readonly fallback: Ranker,
  ) {}

  rankedPage(publicationId: number, f: CandidateFilter, now: Date): Promise<{ candidates: RankedCandidate[]; total: number }> {
    if (!this.#lane) {
      const lane: WorkerLane = new WorkerLane(new URL('./ranker-thread.js', import.meta.url), 'ranking thread', {
        workerData: { url: this.url },
        gone: () => {
          if (this.#lane === lane) this.#lane = undefined;
        },
      });
      this.#lane = lane;
    }
    return this.#lane
      .call<{ candidates: RankedCandidate[]; total: number }>({ args: [publicationId, f, now.toISOString()] })
      .catch((e: Error) => (e.message.startsWith('ranking thread:') ? this.fallback.rankedPage(publicationId, f, now) : Promise.reject(e)));
  }

  async close(): Promise<void> {
    const lane = this.#lane;
    this.#lane = undefined;
    await lane?.terminate();
  }
}
