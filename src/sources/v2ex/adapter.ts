// A V2EX node's topics through its API. Every topic is a discussion.

import { escapeText } from '../../html/escape.ts';
import { htmlPreview } from '../../html/preview.ts';
import { getJson, type SourceAdapter } from '../types.ts';

interface Topic {
  title: string;
  url: string;
  content_rendered?: string;
  replies: number;
  created: number;
  member?: { username: string };
}

export const v2exAdapter: SourceAdapter = {
  kind: 'v2ex',
  normalise: (input) => input.trim().replace(/^(https?:\/\/(www\.)?v2ex\.com)?\/?go\//i, ''),
  async collect(source, ctx) {
    const base = ctx.platforms.v2ex.replace(/\/$/, '');
    const path = source.url === 'hot' ? '/api/topics/hot.json' : `/api/topics/show.json?node_name=${encodeURIComponent(source.url)}`;
    const topics = await getJson<Topic[]>(ctx, base + path);
    return {
      notModified: false,
      problems: [],
      sightings: (Array.isArray(topics) ? topics : []).map((t) => ({
        url: t.url.replace(/^http:/, 'https:'),
        title: t.title,
        summary: escapeText(htmlPreview(t.content_rendered ?? '', { base: t.url }).text),
        author: t.member?.username,
        published: new Date(t.created * 1000).toISOString(),
        lang: 'zh',
        discussion: true,
        points: 0,
        comments: t.replies,
        tags: ['v2ex', source.url],
      })),
    };
  },
};
