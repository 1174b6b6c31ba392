// Feeds of every format: RSS, RDF, Atom, JSON Feed, podcasts and video channels included.

import { decodeBody } from '../../fetch/charset.ts';
import type { CollectResult, SourceAdapter } from '../types.ts';
import { escapeText } from '../../text/html.ts';
import { entryPreview } from './html.ts';
import { parseFeed } from './parse.ts';

export const feedAdapter: SourceAdapter = {
  kind: 'feed',
  normalise(input) {
    const u = new URL(/^https?:\/\//i.test(input) ? input : `https://${input}`);
    return u.toString();
  },
  async collect(source, ctx): Promise<CollectResult> {
    const res = await ctx.fetcher.get(source.url, { etag: source.etag, lastModified: source.lastModified }, 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8');
    if (res.notModified) return { notModified: true, etag: res.etag ?? source.etag ?? undefined, lastModified: res.lastModified ?? source.lastModified ?? undefined, sightings: [], problems: [] };
    const decoded = decodeBody(res.body, res.headers['content-type']);
    const feed = parseFeed(decoded.text, { url: res.url, contentType: res.headers['content-type'] });
    const problems = [...decoded.problems, ...feed.problems];
    if (decoded.repaired.length) problems.push(`repaired mojibake (${decoded.repaired.join(' then ')})`);
    return {
      notModified: false,
      etag: res.etag,
      lastModified: res.lastModified,
      title: feed.title || undefined,
      problems,
      sightings: feed.entries.flatMap((e) => {
        if (!e.link) return [];
        const media = e.enclosures.some((x) => /^(audio|video)\//.test(x.type ?? '')) || e.duration !== undefined;
        // What is stored of an entry's HTML is its text, escaped: the inbox shows a preview, and
        // the editor fetches the article itself when it needs more.
        const preview = entryPreview(e);
        return [
          {
            url: e.link,
            title: e.title || e.link,
            summary: escapeText(preview.text),
            author: e.author,
            published: e.published ?? e.updated,
            image: e.image ?? preview.image,
            lang: feed.language?.slice(0, 2).toLowerCase(),
            media,
            points: 0,
            comments: e.commentCount ?? 0,
            tags: e.categories.slice(0, 8),
          },
        ];
      }),
    };
  },
};
