// Reading what was fetched (a feed into sightings, a page into an article) is CPU work that can
// take a second on a large document. The server cannot spend that on its event loop: `serve`
// reads on a worker thread, so /health, the site and the editor answer during any collection.
// The CLI and the benchmarks read inline, where nothing else waits.

import { Worker } from 'node:worker_threads';
import { readFeed, type FeedRead } from '../sources/feed/read.ts';
import { extractArticle, type Article } from '../html/extract.ts';

export interface Reader {
  readFeed(body: Uint8Array, contentType: string | undefined, url: string, known?: ReadonlyMap<string, string>): Promise<FeedRead>;
  extract(html: string, url: string): Promise<Article | null>;
  close(): Promise<void>;
}

export const inlineReader: Reader = {
  readFeed: async (body, contentType, url, known) => readFeed(body, contentType, url, known),
  extract: async (html, url) => extractArticle(html, url),
  close: async () => {},
};

type Job = { id: number; op: 'readFeed'; args: [Uint8Array, string | undefined, string, ReadonlyMap<string, string> | undefined] } | { id: number; op: 'extract'; args: [string, string] };

/** One worker thread that reads in turn; restarted if it dies, failing only the jobs it held. */
export class ThreadReader implements Reader {
  private worker: Worker | undefined;
  private pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  private seq = 0;

  readFeed(body: Uint8Array, contentType: string | undefined, url: string, known?: ReadonlyMap<string, string>): Promise<FeedRead> {
    return this.run({ id: 0, op: 'readFeed', args: [body, contentType, url, known] });
  }

  extract(html: string, url: string): Promise<Article | null> {
    return this.run({ id: 0, op: 'extract', args: [html, url] });
  }

  private run<T>(job: Job): Promise<T> {
    const worker = this.start();
    job.id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(job.id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage(job);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./reader-thread.js', import.meta.url));
    w.unref();
    w.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p.resolve(m.result as never);
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(new Error(`reader thread: ${e.message}`));
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`stopped (exit ${code})`)));
    this.worker = w;
    return w;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
