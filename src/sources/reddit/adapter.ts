// A subreddit's hot listing, from its JSON.

import { getJson, type SourceAdapter } from '../types.ts';

interface Post {
  data: { title: string; url: string; permalink: string; score: number; num_comments: number; created_utc: number; is_self: boolean; author: string; selftext_html?: string | null; stickied?: boolean };
}

export const redditAdapter: SourceAdapter = {
  kind: 'reddit',
  normalise: (input) => input.trim().replace(/^(https?:\/\/(www\.)?reddit\.com)?\/?r\//i, '').replace(/\/.*$/, ''),
  async collect(source, ctx) {
    const base = ctx.platforms.reddit.replace(/\/$/, '');
    const data = await getJson<{ data: { children: Post[] } }>(ctx, `${base}/r/${encodeURIComponent(source.url)}/hot.json?limit=50&raw_json=1`);
    return {
      notModified: false,
      problems: [],
      sightings: (data.data?.children ?? [])
        .filter((c) => !c.data.stickied)
        .map(({ data: p }) => ({
          url: p.is_self ? `https://www.reddit.com${p.permalink}` : p.url,
          title: p.title,
          summary: '',
          author: p.author,
          published: new Date(p.created_utc * 1000).toISOString(),
          discussion: p.is_self,
          points: p.score,
          comments: p.num_comments,
          tags: [`r/${source.url.toLowerCase()}`],
        })),
    };
  },
};
