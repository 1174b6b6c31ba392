// A fetched feed read into sightings: decoded, parsed, each entry a link with a text preview.

import { decodeBody } from '../../http/charset.ts';
import { escapeText } from '../../html/escape.ts';
import type { Sighting } from '../types.ts';
import { linkKey, markPair, sameLink, type KnownEntries } from './marks.ts';
import { parseFeed } from './parse.ts';
import type { Feed, FeedEntry } from './types.ts';

export interface FeedRead {
  title?: string;
  problems: string[];
  sightings: Sighting[];
  /** The marks of the entries read into sightings and of those left unread as known, each with
   * its link's key ("mark:key", marks.ts): what to give as `known` the next time, once the
   * sightings are stored. */
  marks: string[];
  /** Entries left unread: known from the last time (their marks were given). */
  unchanged: number;
}

export function readFeed(body: Uint8Array, contentType: string | undefined, url: string, known?: KnownEntries): FeedRead {
  const decoded = decodeBody(body, contentType);
  const feed = parseFeed(decoded.text, { url, ...(contentType ? { contentType } : {}), marks: true, known });
  const problems = [...decoded.problems, ...feed.problems];
  if (decoded.repaired.length) problems.push(`repaired mojibake (${decoded.repaired.join(' then ')})`);
  const lang = feed.language?.slice(0, 2).toLowerCase();
  const sightings: Sighting[] = [];
  const marks = feed.unchanged.map((u) => markPair(u.mark, u.key));
  const linkOf = entryLinks(feed);
  for (const e of feed.entries) {
    const link = linkOf(e);
    if (!link) continue;
    if (e.mark) marks.push(markPair(e.mark, linkKey(e.link)));
    // What is stored of an entry's HTML is its text, escaped: the inbox shows a preview, and
    // the editor fetches the article itself when it needs more.
    const preview = e.preview();
    sightings.push({
      url: link,
      title: e.title || link,
      summary: escapeText(preview.text),
      author: e.author,
      published: e.published ?? e.updated,
      image: e.image ?? preview.image,
      lang,
      media: e.enclosures.some((x) => /^(audio|video)\//.test(x.type ?? '') || MEDIA_FILE.test(x.url)) || e.duration !== undefined,
      ...episode(e),
      points: 0,
      comments: e.commentCount ?? 0,
      tags: e.categories.slice(0, 8),
    });
  }
  return { ...(feed.title ? { title: feed.title } : {}), problems, sightings, marks, unchanged: feed.unchanged.length };
}

/** The entry's audio or video file, kept with the candidate (its player, its length). */
function episode(e: { enclosures: { url: string; type?: string; length?: number }[]; duration?: number | undefined }): { enclosure?: Sighting['enclosure'] } {
  const x = e.enclosures.find((x) => /^(audio|video)\//.test(x.type ?? '') || MEDIA_FILE.test(x.url)) ?? (e.duration !== undefined ? e.enclosures[0] : undefined);
  if (!x || !/^https?:\/\//i.test(x.url)) return {};
  return { enclosure: { url: x.url, ...(x.type ? { type: x.type } : {}), ...(x.length ? { length: x.length } : {}), ...(e.duration !== undefined ? { duration: e.duration } : {}) } };
}

/** An audio or video file by its name, for enclosures that give no type. */
const MEDIA_FILE = /\.(?:mp3|m4a|aac|ogg|oga|opus|flac|wav|mp4|m4v|mov|webm|mkv)(?:[?#]|$)/i;

/**
 * The link that tells each entry apart. Usually its own link; but a link several entries of the
 * feed share, or the feed's home page (a podcast whose every episode links to the show), tells
 * none of them apart: then the entry's guid when it is a web address of its own, else its
 * enclosure (the episode's file). An entry without a link is kept by its enclosure.
 */
function entryLinks(feed: Feed): (e: FeedEntry) => string | undefined {
  // Links are counted by their keys (marks.ts), which entries left unread keep: a new episode
  // that links to the show like the others is told apart like them.
  const same = feed.unchanged.length ? (u: string) => linkKey(u) : sameLink;
  const uses = new Map<string, number>();
  for (const e of feed.entries) if (e.link) uses.set(same(e.link), (uses.get(same(e.link)) ?? 0) + 1);
  for (const u of feed.unchanged) if (u.key) uses.set(u.key, (uses.get(u.key) ?? 0) + 1);
  const home = feed.link ? same(feed.link) : undefined;
  const web = (u: string | undefined) => (u && /^https?:\/\//i.test(u.trim()) ? u.trim() : undefined);
  return (e) => {
    const enclosure = web(e.enclosures.find((x) => web(x.url))?.url);
    if (!e.link) return enclosure;
    const key = same(e.link);
    if ((uses.get(key) ?? 0) < 2 && key !== home) return e.link;
    const guid = web(e.id);
    if (guid && same(guid) !== key && (uses.get(same(guid)) ?? 0) === 0) return guid;
    return enclosure ?? e.link;
  };
}
