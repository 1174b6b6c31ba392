// Feeds of every format: RSS, RDF, Atom, JSON Feed, podcasts and video channels included.

import type { CollectResult, SourceAdapter } from '../types.ts';
import { READ_VERSION } from './marks.ts';
import { readFeed } from './read.ts';

export const feedAdapter: SourceAdapter = {
  kind: 'feed',
  readVersion: READ_VERSION,
  normalise(input) {
    const u = new URL(/^https?:\/\//i.test(input) ? input : `https://${input}`);
    return u.toString();
  },
  async collect(source, ctx): Promise<CollectResult> {
    const res = await ctx.fetcher.get(source.url, { etag: source.etag, lastModified: source.lastModified }, 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8');
    if (res.notModified) return { notModified: true, etag: res.etag ?? source.etag ?? undefined, lastModified: res.lastModified ?? source.lastModified ?? undefined, sightings: [], problems: [] };
    const contentType = res.headers['content-type'];
    const opts = { known: ctx.known, oldest: ctx.oldest };
    const read = ctx.reader ? await ctx.reader.readFeed(res.body, contentType, res.url, opts) : readFeed(res.body, contentType, res.url, opts);
    return { notModified: false, etag: res.etag, lastModified: res.lastModified, title: read.title, problems: read.problems, sightings: read.sightings, marks: read.marks, unchanged: read.unchanged, tooOld: read.tooOld };
  },
};
