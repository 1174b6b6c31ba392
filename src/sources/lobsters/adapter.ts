// Lobsters stories for a tag (or "hottest"), from its JSON.

import { getJson, type SourceAdapter } from '../types.ts';

interface Story {
  title: string;
  url: string;
  score: number;
  comment_count: number;
  created_at: string;
  comments_url: string;
  tags: string[];
  submitter_user?: string | { username: string };
}

export const lobstersAdapter: SourceAdapter = {
  kind: 'lobsters',
  normalise: (input) => input.trim().replace(/^(https?:\/\/lobste\.rs)?\/?t\//i, ''),
  async collect(source, ctx) {
    const base = ctx.platforms.lobsters.replace(/\/$/, '');
    const path = source.url === 'hottest' ? '/hottest.json' : `/t/${encodeURIComponent(source.url)}.json`;
    const stories = await getJson<Story[]>(ctx, base + path);
    return {
      notModified: false,
      problems: [],
      sightings: (Array.isArray(stories) ? stories : []).map((s) => ({
        url: s.url || s.comments_url,
        title: s.title,
        summary: '',
        author: typeof s.submitter_user === 'string' ? s.submitter_user : s.submitter_user?.username,
        published: s.created_at,
        discussion: !s.url,
        points: s.score,
        comments: s.comment_count,
        tags: s.tags ?? [],
      })),
    };
  },
};
