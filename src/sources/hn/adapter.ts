// Hacker News through the Algolia search API: stories matching a query, newest first.

import { getJson, type SourceAdapter } from '../types.ts';

interface Hit {
  objectID: string;
  title: string | null;
  url: string | null;
  points: number | null;
  num_comments: number | null;
  created_at: string;
  author: string;
  story_text?: string | null;
}

export const hnAdapter: SourceAdapter = {
  kind: 'hn',
  normalise: (input) => input.trim(),
  async collect(source, ctx) {
    const q = new URLSearchParams({ query: source.url, tags: 'story', hitsPerPage: '50' });
    const data = await getJson<{ hits: Hit[] }>(ctx, `${ctx.platforms.hn.replace(/\/$/, '')}/api/v1/search_by_date?${q}`);
    return {
      notModified: false,
      problems: [],
      sightings: (data.hits ?? []).flatMap((h) => {
        if (!h.title) return [];
        const thread = `https://news.ycombinator.com/item?id=${h.objectID}`;
        return [
          {
            url: h.url || thread,
            title: h.title,
            summary: '',
            author: h.author,
            published: h.created_at,
            discussion: !h.url,
            points: h.points ?? 0,
            comments: h.num_comments ?? 0,
            tags: ['hn'],
          },
        ];
      }),
    };
  },
};
