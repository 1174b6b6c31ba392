// Reading what was fetched (a feed into sightings, a page into an article) is CPU work that can
// take a second on a large document. The server cannot spend that on its event loop, and a
// collection of hundreds of feeds should not spend it on the thread that fetches and stores:
// both read on worker threads (a pool of them, one per spare core), so /health, the site and the
// editor answer during any collection, and feeds are parsed while others are fetched and written.
// A collection of a few sources, where starting a thread costs more than it saves, reads inline.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readFeed, type FeedRead, type ReadOptions } from '../sources/feed/read.ts';
import type { Article } from '../html/extract.ts';

export interface Reader {
  /** Reads a fetched feed. A thread reader takes the body's memory over: the caller must not use it after. */
  readFeed(body: Uint8Array, contentType: string | undefined, url: string, opts?: ReadOptions): Promise<FeedRead>;
  extract(html: string, url: string): Promise<Article | null>;
  close(): Promise<void>;
}

export const inlineReader: Reader = {
  readFeed: async (body, contentType, url, opts) => readFeed(body, contentType, url, opts),
  // The extractor (Readability over a DOM, 200 ms to load) comes with the first page to read, not
  // with every command that collects.
  extract: async (html, url) => (await import('../html/extract.ts')).extractArticle(html, url),
  close: async () => {},
};

type Job = { id: number; op: 'readFeed'; args: [Uint8Array, string | undefined, string, ReadOptions | undefined] } | { id: number; op: 'extract'; args: [string, string] };

/** Threads a pool has by default: one per core beyond the one the caller runs on, at most four. */
export function defaultReaderThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

interface Lane {
  worker: Worker;
  /** Jobs sent to this thread and not answered yet. */
  pending: Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>;
}

/** Worker threads that read in turn, each job to the least busy; a thread that dies is replaced,
 * failing only the jobs it held. */
export class ThreadReader implements Reader {
  readonly threads: number;
  private lanes: (Lane | undefined)[];
  private seq = 0;

  constructor(opts: { threads?: number } = {}) {
    this.threads = Math.max(1, opts.threads ?? defaultReaderThreads());
    this.lanes = Array.from({ length: this.threads }, () => undefined);
  }

  /** Starts the threads now, so that they have loaded the reader by the time the first body comes. */
  warm(): this {
    for (let i = 0; i < this.lanes.length; i++) this.lane(i);
    return this;
  }

  readFeed(body: Uint8Array, contentType: string | undefined, url: string, opts?: ReadOptions): Promise<FeedRead> {
    // A body that owns its whole buffer moves to the thread instead of being copied (a pooled
    // Buffer's memory is shared with others, so such a body is copied).
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
    return this.run({ id: 0, op: 'readFeed', args: [body, contentType, url, opts] }, own ? [body.buffer as ArrayBuffer] : []);
  }

  extract(html: string, url: string): Promise<Article | null> {
    return this.run({ id: 0, op: 'extract', args: [html, url] }, []);
  }

  private run<T>(job: Job, transfer: ArrayBuffer[]): Promise<T> {
    let best = 0;
    for (let i = 1; i < this.lanes.length; i++) if ((this.lanes[i]?.pending.size ?? 0) < (this.lanes[best]?.pending.size ?? 0)) best = i;
    const lane = this.lane(best);
    job.id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      lane.pending.set(job.id, { resolve: resolve as (v: never) => void, reject });
      lane.worker.postMessage(job, transfer);
    });
  }

  private lane(i: number): Lane {
    const existing = this.lanes[i];
    if (existing) return existing;
    const worker = new Worker(new URL('./reader-thread.js', import.meta.url), {
      // None of the process's options: the thread loads compiled code as it is, or registers tsx
      // itself from the sources (reader-thread.js). Inherited, a loader (tsx's, under the tests or
      // a benchmark) cost each thread a hooks thread of its own and 60 ms at start; and options
      // given explicitly, a V8 flag among them (--max-old-space-size), would be refused.
      execArgv: [],
    });
    worker.unref();
    const lane: Lane = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const p = lane.pending.get(m.id);
      lane.pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p.resolve(m.result as never);
    });
    const fail = (e: Error) => {
      if (this.lanes[i] === lane) this.lanes[i] = undefined;
      for (const p of lane.pending.values()) p.reject(new Error(`reader thread: ${e.message}`));
      lane.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`stopped (exit ${code})`)));
    this.lanes[i] = lane;
    return lane;
  }

  async close(): Promise<void> {
    const lanes = this.lanes.filter((l): l is Lane => !!l);
    this.lanes = this.lanes.map(() => undefined);
    await Promise.all(lanes.map((l) => l.worker.terminate()));
  }
}
