// Extraction for the candidates worth it: fetch the page, keep its readable text, excerpt,
// lead image, author, date, language and reading time. A page that fails keeps its error.

import type { Reader } from '../jobs/reader.ts';
import { decodeBody } from '../http/charset.ts';
import type { Fetcher } from '../http/client.ts';
import { rankedCandidates } from './candidates.ts';
import { candidateLinks, notExtracted, saveExtraction, saveExtractionError } from '../store/candidates.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { extractArticle } from '../html/extract.ts';
import { Semaphore } from '../http/limiter.ts';

export interface ExtractOptions {
  fetcher: Fetcher;
  /** Only candidates scoring at least this (default 0: any). */
  minScore?: number;
  /** At most this many pages a run (default 50), best first. */
  limit?: number;
  ids?: number[];
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Where pages are read: a worker thread in the server; inline by default. */
  reader?: Reader | undefined;
}

export interface ExtractOutcome {
  id: number;
  url: string;
  ok: boolean;
  error?: string;
  readingMinutes?: number;
}

export async function extractCandidates(store: Store, pub: StoredPublication, opts: ExtractOptions): Promise<ExtractOutcome[]> {
  let chosen: { id: number; url: string }[];
  if (opts.ids) {
    chosen = await candidateLinks(store.db, pub.id, opts.ids);
  } else {
    // The best new candidates not extracted yet; repositories have their README, not an article.
    const todo = await notExtracted(store.db, pub.id);
    chosen = (await rankedCandidates(store.db, pub.id, { status: 'new' }))
      .filter((c) => todo.has(c.id) && c.kind !== 'project' && c.score >= (opts.minScore ?? 0))
      .slice(0, opts.limit ?? 50)
      .map((c) => ({ id: c.id, url: c.url }));
  }
  const sem = new Semaphore(opts.concurrency ?? 8);
  let done = 0;
  return Promise.all(
    chosen.map(async (c) => {
      const release = await sem.acquire();
      try {
        const outcome = await extractOne(store, c, opts.fetcher, opts.reader);
        opts.onProgress?.(++done, chosen.length);
        return outcome;
      } finally {
        release();
      }
    }),
  );
}

async function extractOne(store: Store, c: { id: number; url: string }, fetcher: Fetcher, reader?: Reader): Promise<ExtractOutcome> {
  const now = new Date().toISOString();
  try {
    const res = await fetcher.get(c.url, {}, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5');
    const type = res.headers['content-type'] ?? '';
    if (type && !/html|xml/i.test(type)) throw new Error(`not a web page (${type.split(';')[0]})`);
    const html = decodeBody(res.body, type).text;
    const article = reader ? await reader.extract(html, res.url) : extractArticle(html, res.url);
    if (!article) throw new Error('no readable article found on the page');
    await saveExtraction(store.db, c.id, { text: article.text, excerpt: article.excerpt, readingMinutes: article.readingMinutes, image: article.image, author: article.author, lang: article.lang }, now);
    return { id: c.id, url: c.url, ok: true, readingMinutes: article.readingMinutes };
  } catch (e) {
    const error = (e as Error).message;
    await saveExtractionError(store.db, c.id, error, now);
    return { id: c.id, url: c.url, ok: false, error };
  }
}
