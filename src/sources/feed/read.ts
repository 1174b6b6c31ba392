// A fetched feed read into sightings: decoded, parsed, each entry a link with a text preview.

import { decodeBody } from '../../fetch/charset.ts';
import { escapeText } from '../../text/html.ts';
import type { Sighting } from '../types.ts';
import { parseFeed } from './parse.ts';

export interface FeedRead {
  title?: string;
  problems: string[];
  sightings: Sighting[];
}

export function readFeed(body: Uint8Array, contentType: string | undefined, url: string): FeedRead {
  const decoded = decodeBody(body, contentType);
  const feed = parseFeed(decoded.text, { url, ...(contentType ? { contentType } : {}) });
  const problems = [...decoded.problems, ...feed.problems];
  if (decoded.repaired.length) problems.push(`repaired mojibake (${decoded.repaired.join(' then ')})`);
  const lang = feed.language?.slice(0, 2).toLowerCase();
  const sightings: Sighting[] = [];
  for (const e of feed.entries) {
    if (!e.link) continue;
    // What is stored of an entry's HTML is its text, escaped: the inbox shows a preview, and
    // the editor fetches the article itself when it needs more.
    const preview = e.preview();
    sightings.push({
      url: e.link,
      title: e.title || e.link,
      summary: escapeText(preview.text),
      author: e.author,
      published: e.published ?? e.updated,
      image: e.image ?? preview.image,
      lang,
      media: e.enclosures.some((x) => /^(audio|video)\//.test(x.type ?? '')) || e.duration !== undefined,
      points: 0,
      comments: e.commentCount ?? 0,
      tags: e.categories.slice(0, 8),
    });
  }
  return { ...(feed.title ? { title: feed.title } : {}), problems, sightings };
}
