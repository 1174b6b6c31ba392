// A fetched feed read into sightings: decoded, parsed, each entry a link with a text preview.

import { decodeBody } from '../../http/charset.ts';
import { escapeText } from '../../html/escape.ts';
import { CJK, cutAtWord } from '../../text/summary.ts';
import type { Sighting } from '../types.ts';
import { linkKey, type KnownEntries } from './marks.ts';
import { parseFeed } from './parse.ts';
import type { Feed, FeedEntry } from './types.ts';

export interface FeedRead {
  title?: string;
  problems: string[];
  sightings: Sighting[];
  /** The marks of the entries read into sightings and of those left unread as known, each with
   * its link's key (marks.ts): what to give as `known` the next time, once the sightings are stored. */
  marks: [mark: string, key: string][];
  /** Entries left unread: known from the last time (their marks were given). */
  unchanged: number;
  /** Entries published before `oldest`: marked, and not read into sightings. */
  tooOld: number;
}

export interface ReadOptions {
  /** Marks of the entries read and stored last time: those are cut out unread (marks.ts). */
  known?: KnownEntries | undefined;
  /** An ISO time: entries published before it are marked, to be known next time, but not read
   * into sightings (their previews are most of what reading an entry costs). */
  oldest?: string | undefined;
}

export function readFeed(body: Uint8Array, contentType: string | undefined, url: string, opts: ReadOptions = {}): FeedRead {
  const { known, oldest } = opts;
  const decoded = decodeBody(body, contentType);
  const feed = parseFeed(decoded.text, { url, ...(contentType ? { contentType } : {}), marks: true, known });
  const problems = [...decoded.problems, ...feed.problems];
  if (decoded.repaired.length) problems.push(`repaired mojibake (${decoded.repaired.join(' then ')})`);
  const lang = feed.language?.slice(0, 2).toLowerCase();
  const sightings: Sighting[] = [];
  // Arrays built by push, not map(), here and in the readers: one shape of array whatever a feed
  // holds, so the optimised code made for the first feeds holds for the rest (a collection is a
  // fresh process, and each recompilation of these functions cost it 30-60 ms).
  const marks: [mark: string, key: string][] = [];
  for (const u of feed.unchanged) marks.push([u.mark, u.key]);
  const { linkOf, keyOf } = entryLinks(feed);
  let tooOld = 0;
  for (const e of feed.entries) {
    const link = linkOf(e);
    if (!link) continue;
    if (e.mark) marks.push([e.mark, keyOf(e)]);
    const published = e.published ?? e.updated;
    if (oldest && published && published < oldest) {
      tooOld++;
      continue;
    }
    // What is stored of an entry's HTML is its text, escaped: the inbox shows a preview, and
    // the editor fetches the article itself when it needs more.
    const preview = e.preview();
    const sighting: Sighting = {
      url: link,
      title: e.title || untitled(preview.text) || link,
      summary: escapeText(preview.text),
      author: e.author,
      published,
      image: e.image ?? preview.image,
      lang,
      media: e.enclosures.some(isMedia) || e.duration !== undefined,
      points: 0,
      comments: e.commentCount ?? 0,
      tags: e.categories.length > 8 ? e.categories.slice(0, 8) : e.categories,
    };
    const enclosure = episode(e);
    if (enclosure) sighting.enclosure = enclosure;
    sightings.push(sighting);
  }
  return { ...(feed.title ? { title: feed.title } : {}), problems, sightings, marks, unchanged: feed.unchanged.length, tooOld };
}

/** A title for an entry that has none (a Mastodon or Bluesky post, a JSON Feed item of a
 * microblog): the first sentence of its text, within 100 characters (50 of Chinese or Japanese),
 * cut at a word; '' for an entry without words, which is then shown by its link. */
function untitled(text: string): string {
  // Addresses written out in the text (a post's link to the article) say nothing as a title.
  const line = text.split('\n').map((l) => l.replace(/\bhttps?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim()).find(Boolean) ?? '';
  if (!line) return '';
  const cjk = CJK.test(line.slice(0, 50));
  const sentence = new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(line)[Symbol.iterator]().next().value?.segment.trim() ?? line;
  // A sentence too short to tell the post apart ("Wow." "短文：") takes the rest of the line.
  return cutAtWord(sentence.length >= (cjk ? 8 : 20) ? sentence : line, cjk ? 50 : 100);
}

/** The entry's audio or video file, kept with the candidate (its player, its length). */
function episode(e: { enclosures: { url: string; type?: string; length?: number }[]; duration?: number | undefined }): Sighting['enclosure'] {
  if (e.enclosures.length === 0) return undefined;
  const x = e.enclosures.find(isMedia) ?? (e.duration !== undefined ? e.enclosures[0] : undefined);
  if (!x || !/^https?:\/\//i.test(x.url)) return undefined;
  return { url: x.url, ...(x.type ? { type: x.type } : {}), ...(x.length ? { length: x.length } : {}), ...(e.duration !== undefined ? { duration: e.duration } : {}) };
}

/** An audio or video file, by its type or, for enclosures that give none, its name. */
function isMedia(x: { url: string; type?: string }): boolean {
  return /^(audio|video)\//.test(x.type ?? '') || MEDIA_FILE.test(x.url);
}

/** An audio or video file by its name, for enclosures that give no type. */
const MEDIA_FILE = /\.(?:mp3|m4a|aac|ogg|oga|opus|flac|wav|mp4|m4v|mov|webm|mkv)(?:[?#]|$)/i;

/**
 * The link that tells each entry apart. Usually its own link; but a link several entries of the
 * feed share, or the feed's home page (a podcast whose every episode links to the show), tells
 * none of them apart: then the entry's guid when it is a web address of its own, else its
 * enclosure (the episode's file). An entry without a link is kept by its enclosure.
 */
function entryLinks(feed: Feed): { linkOf: (e: FeedEntry) => string | undefined; keyOf: (e: FeedEntry) => string } {
  // Links are counted by their keys (marks.ts), which entries left unread keep: a new episode
  // that links to the show like the others is told apart like them.
  const keys = new Map<FeedEntry, string>();
  const uses = new Map<string, number>();
  const count = (key: string) => void (key && uses.set(key, (uses.get(key) ?? 0) + 1));
  for (const e of feed.entries) {
    const key = linkKey(e.link);
    keys.set(e, key);
    count(key);
  }
  for (const u of feed.unchanged) count(u.key);
  const home = linkKey(feed.link);
  const web = (u: string | undefined) => (u && /^https?:\/\//i.test(u.trim()) ? u.trim() : undefined);
  const keyOf = (e: FeedEntry) => keys.get(e) ?? linkKey(e.link);
  const linkOf = (e: FeedEntry) => {
    const enclosure = web(e.enclosures.find((x) => web(x.url))?.url);
    if (!e.link) return enclosure;
    const key = keyOf(e);
    if ((uses.get(key) ?? 0) < 2 && key !== home) return e.link;
    const guid = web(e.id);
    const guidKey = linkKey(guid);
    if (guid && guidKey !== key && !uses.has(guidKey)) return guid;
    return enclosure ?? e.link;
  };
  return { linkOf, keyOf };
}
