// Reading what was fetched (a feed into sightings, a page into an article) is CPU work that can
// take a second on a large document. The server cannot spend that on its event loop, and a
// collection of hundreds of feeds should not spend it on the thread that fetches and stores:
// both read on worker threads (a pool of them, one per spare core), so /health, the site and the
// editor answer during any collection, and feeds are parsed while others are fetched and written.
// A collection of a few sources, where starting a thread costs more than it saves, reads inline.

import { availableParallelism } from 'node:os';
import { readFeed, type FeedRead, type ReadOptions } from '../sources/feed/read.ts';
import { WorkerLane } from './lane.ts';
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

type Job = { op: 'readFeed'; args: [Uint8Array, string | undefined, string, ReadOptions | undefined] } | { op: 'extract'; args: [string, string] };

/** Threads a pool has by default: one per core beyond the one the caller runs on, at most four. */
export function defaultReaderThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/** Worker threads that read in turn, each job to the least busy; a thread that dies is replaced,
 * failing only the jobs it held. */
export class ThreadReader implements Reader {
  readonly threads: number;
  private lanes: (WorkerLane | undefined)[];

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
    return this.run({ op: 'readFeed', args: [body, contentType, url, opts] }, own ? [body.buffer as ArrayBuffer] : []);
  }

  extract(html: string, url: string): Promise<Article | null> {
    return this.run({ op: 'extract', args: [html, url] }, []);
  }

  private run<T>(job: Job, transfer: ArrayBuffer[]): Promise<T> {
    let best = 0;
    for (let i = 1; i < this.lanes.length; i++) if ((this.lanes[i]?.size ?? 0) < (this.lanes[best]?.size ?? 0)) best = i;
    return this.lane(best).call<T>(job, transfer);
  }

  private lane(i: number): WorkerLane {
    const existing = this.lanes[i];
    if (existing) return existing;
    const lane: WorkerLane = new WorkerLane(new URL('./reader-thread.js', import.meta.url), 'reader thread', {
      gone: () => {
        if (this.lanes[i] === lane) this.lanes[i] = undefined;
      },
    });
    this.lanes[i] = lane;
    return lane;
  }

  async close(): Promise<void> {
    const lanes = this.lanes.filter((l): l is WorkerLane => !!l);
    this.lanes = this.lanes.map(() => undefined);
    await Promise.all(lanes.map((l) => l.terminate()));
  }
}
