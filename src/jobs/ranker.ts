// Ranking the inbox reads every candidate the filters select and orders them: half a second for
// the 25,000 a first collection of 400 feeds leaves, in which a server doing it on its event loop
// answers nobody (/health waited 588 ms; so would a reader of the site). On the embedded store,
// `serve` ranks on a thread of its own, over a read-only connection beside the writer's (WAL lets
// it read what was committed, while the writer goes on). PostgreSQL's queries do not stop the
// event loop, and are made inline.

import { Worker } from 'node:worker_threads';
import { rankedPage, type RankedCandidate } from '../app/candidates.ts';
import type { CandidateFilter } from '../store/candidates.ts';
import type { Store } from '../store/db.ts';

export interface Ranker {
  rankedPage(publicationId: number, f: CandidateFilter, now: Date): Promise<{ candidates: RankedCandidate[]; total: number }>;
  close(): Promise<void>;
}

/** Ranks on the caller's thread, through the store it is given. */
export function inlineRanker(store: Store): Ranker {
  return { rankedPage: (pid, f, now) => rankedPage(store.db, pid, f, now), close: async () => {} };
}

/** Ranks on a thread of its own, over a read-only connection to the embedded store at `url`
 * (sqlite:PATH). A thread that fails is replaced at the next call; the call that met the failure
 * is ranked inline, through `fallback`. */
export class ThreadRanker implements Ranker {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #seq = 0;
  readonly #pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();

  constructor(
    readonly url: string,
    private readonly fallback: Ranker,
  ) {}

  async rankedPage(publicationId: number, f: CandidateFilter, now: Date): Promise<{ candidates: RankedCandidate[]; total: number }> {
    let worker: Worker;
    try {
      worker = await this.#start();
    } catch {
      return this.fallback.rankedPage(publicationId, f, now);
    }
    const id = ++this.#seq;
    const answer = new Promise<{ candidates: RankedCandidate[]; total: number }>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ id, args: [publicationId, f, now.toISOString()] });
    });
    // A thread that died under the call: this one is ranked inline, the next starts a new thread.
    return answer.catch((e: Error) => (e.message.startsWith('ranking thread:') ? this.fallback.rankedPage(publicationId, f, now) : Promise.reject(e)));
  }

  #start(): Promise<Worker> {
    if (this.#worker && this.#ready) return this.#ready.then(() => this.#worker!);
    const worker = new Worker(new URL('./ranker-thread.js', import.meta.url), { workerData: { url: this.url }, execArgv: [] });
    worker.unref();
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: { ready?: true; id?: number; result?: unknown; error?: { name: string; message: string } }) => {
        if (m.ready) return resolve();
        const p = this.#pending.get(m.id!);
        this.#pending.delete(m.id!);
        if (!p) return;
        if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
        else p.resolve(m.result as never);
      });
      const fail = (e: Error) => {
        if (this.#worker === worker) {
          this.#worker = undefined;
          this.#ready = undefined;
        }
        reject(e);
        for (const p of this.#pending.values()) p.reject(new Error(`ranking thread: ${e.message}`));
        this.#pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`stopped (exit ${code})`)));
    });
    return this.#ready.then(() => worker);
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    await w?.terminate();
  }
}
