// What every source kind implements: collect its latest candidates.

import type { Reader } from '../jobs/reader.ts';
import type { Fetcher } from '../http/client.ts';

import { PLATFORM_KINDS, platformBases, type PlatformKind, type SourceKind } from './kinds.ts';

export { SOURCE_KINDS, type SourceKind } from './kinds.ts';

export interface Source {
  id: number;
  kind: SourceKind;
  /** A feed URL, "owner/repo" for GitHub, a query for HN, a subreddit, a V2EX node, a Lobsters tag. */
  url: string;
  title: string;
  weight: number;
  lang: string | null;
  section: string | null;
  tags: string[];
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  nextFetchAt: string | null;
  errorCount: number;
  lastError: string | null;
  enabled: boolean;
}

/** One link a source saw, with what it knows about it. */
export interface Sighting {
  url: string;
  title: string;
  /** Safe HTML: a feed entry's text preview, escaped, or a platform's sanitised excerpt. */
  summary: string;
  author?: string | undefined;
  published?: string | undefined;
  image?: string | undefined;
  lang?: string | undefined;
  media?: boolean;
  discussion?: boolean;
  points: number;
  comments: number;
  stars?: number | undefined;
  forks?: number | undefined;
  /** An episode's file: where it is, its type, its length in bytes and its duration in seconds. */
  enclosure?: { url: string; type?: string | undefined; length?: number | undefined; duration?: number | undefined } | undefined;
  /** Stars gained over the last week, when this sighting knows its own (a trending search's repositories). */
  starGain?: number | undefined;
  tags: string[];
}

export interface CollectResult {
  notModified: boolean;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** The source's own title, when it tells one. */
  title?: string | undefined;
  sightings: Sighting[];
  problems: string[];
  /** A star count to keep for trending (GitHub). */
  snapshot?: { repo: string; stars: number; forks: number };
  /** Star counts of many repositories (a trending search), one per sighting with the same URL. */
  snapshots?: { repo: string; url: string; stars: number; forks: number }[];
  /** What marks the entries read and those left unread (a feed's, feed/marks.ts): the `known` of the next run, once this one is stored. */
  marks?: [mark: string, note: string][] | undefined;
  /** Entries left unread because `known` had them: seen, and unchanged since they were stored. */
  unchanged?: number | undefined;
  /** Entries published before the context's `oldest`: seen and marked, not read into sightings. */
  tooOld?: number | undefined;
}

/** Where each platform's API lives (kinds.ts lists them); tests point these at local servers. */
export type Platforms = Record<PlatformKind, string> & { githubToken?: string | undefined };

export function platformsFromEnv(env = process.env): Platforms {
  return { ...platformBases(env), githubToken: env.GITHUB_TOKEN };
}

/** Every platform's API at one address: a test's local server, or a mirror that answers for all. */
export function platformsAt(base: string): Platforms {
  return Object.fromEntries(PLATFORM_KINDS.map((k) => [k, base])) as Platforms;
}

export interface SourceContext {
  fetcher: Fetcher;
  platforms: Platforms;
  now: Date;
  /** Reads feeds off the event loop (jobs/reader.ts); inline without one. */
  reader?: Reader | undefined;
  /** The marks this source stored last time (CollectResult.marks): entries with one of them need not be read again. */
  known?: ReadonlyMap<string, string> | undefined;
  /** Entries published before this (an ISO time) are too old to be candidates: an adapter may
   * leave them out of its sightings, counted in CollectResult.tooOld. */
  oldest?: string | undefined;
}

export interface SourceAdapter {
  kind: SourceKind;
  /** Checks and normalises what a user typed for this kind, e.g. "github.com/a/b" → "a/b". */
  normalise(input: string): string;
  collect(source: Source, ctx: SourceContext): Promise<CollectResult>;
  /** For an adapter that returns marks: changes whenever what it reads of an entry does, so that marks from before are not used. */
  readVersion?: string;
}

/** GET a platform's JSON; errors name the platform and URL. */
export async function getJson<T>(ctx: SourceContext, url: string, headers: Record<string, string> = {}): Promise<T> {
  // A platform that names its own media type (GitHub's application/vnd.github+json) gets it as Accept.
  const { accept = 'application/json', ...rest } = headers;
  const res = await ctx.fetcher.get(url, {}, accept, rest);
  try {
    return JSON.parse(res.body.toString('utf8')) as T;
  } catch (e) {
    throw new Error(`${url}: the answer is not JSON (${(e as Error).message})`);
  }
}
