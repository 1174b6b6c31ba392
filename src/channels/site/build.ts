// `pressroom build-site OUT`: the site as static files. Incremental: OUT/.pressroom-site.json
// remembers a stamp and a head (title, date, languages, tags) of every issue, so a rebuild loads
// only the issues whose pages change (a changed issue, its neighbours, its season, the latest ones
// the home page and feeds show) and renders only those pages, plus the small pages every issue is
// listed on. Every file is written whole (a temporary file renamed over it), and only when its
// content changed; files are written while the next pages render.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../store/db.ts';
import { canonicalJson } from '../../core/canonical.ts';
import { seasonOf, type Issue, type Lang, type Publication } from '../../core/model.ts';
import { liveIssues, liveStamps } from '../../store/issues.ts';
import { listPosts } from '../../store/posts.ts';
import type { Post } from '../../core/model.ts';
import { atom, FEED_LENGTH, jsonFeed, rss, sitemap } from './feeds.ts';
import { tagSlug } from './content.ts';
import { clearTemporary, FileWriter } from './write-files.js';
import { headOf, HOME_LENGTH, Site, type IssueHead, type Page, type SiteOptions } from './site.ts';
import { STYLE_CSS } from './layout.ts';
import { FEED_ROUTES, PAGE_ROUTES, pagePath, siteLanguages, type PageName, type PageRoute, type Params } from './routes.ts';
import { messagePage } from './pages/forms.ts';
import { postEntries, searchEntries } from './pages/search.ts';

/** Bump when page templates change: a new version rebuilds everything. */
export const SITE_VERSION = 4;
const MANIFEST = '.pressroom-site.json';
const HERE = dirname(fileURLToPath(import.meta.url));

interface Manifest {
  version: number;
  settings: string;
  issues: Record<string, { stamp: string; head: IssueHead }>;
  /** Every file the build wrote, with a hash of its content ("" for pages that are always rewritten). */
  files: Record<string, string>;
  /** A hash of the posts (their slugs, dates, titles and text) the build had. */
  posts?: string;
}

/** Where a build gets its published issues: a stamp of each, and the issues themselves on demand. */
export interface IssueSource {
  /** A string per published issue that changes whenever the issue does. */
  stamps(): Promise<Map<number, string>>;
  load(numbers: number[]): Promise<Issue[]>;
  /** The publication's posts, when the source has any. */
  posts?(): Promise<Post[]>;
}

/** Issues at hand as a source: each stamped by a hash of its content. */
export function memorySource(issues: Issue[]): IssueSource {
  const published = new Map(issues.filter((i) => i.status === 'published').map((i) => [i.number, i]));
  return {
    stamps: async () => new Map([...published].map(([n, i]) => [n, sha(JSON.stringify(i))])),
    load: async (numbers) => numbers.flatMap((n) => published.get(n) ?? []),
  };
}

/** The published issues of a publication in the database, stamped by when each was last saved. */
export function storeSource(db: Db, publicationId: number): IssueSource {
  return {
    // What readers have: a published issue as it was last published, not an editor's later changes.
    stamps: () => liveStamps(db, publicationId),
    load: (numbers) => liveIssues(db, publicationId, [...numbers]),
    posts: () => listPosts(db, publicationId),
  };
}

export interface BuildOptions {
  siteUrl: string;
  formsUrl?: string | undefined;
  /** Ignore what the last build left and render everything. */
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Today (YYYY-MM-DD), for editions that unlock after so many days; default the clock's. */
  today?: string | undefined;
}

export interface BuildResult {
  full: boolean;
  /** Issues rendered because they are new or changed. */
  changedIssues: number;
  /** Issues read from the source. */
  loadedIssues: number;
  rendered: number;
  written: number;
  removed: number;
  ms: number;
}

/** Scripts the static site's search page loads, by their name on the site. */
export const SITE_ASSETS: Record<string, () => string> = {
  'search-core.js': () => readFileSync(join(HERE, 'search-core.js'), 'utf8'),
  'search.js': () => readFileSync(join(HERE, 'search-client.js'), 'utf8'),
};

const sha = (s: string) => createHash('sha1').update(s).digest('base64url').slice(0, 16);

function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m && typeof m.files === 'object' && typeof m.issues === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two lists hold the same numbers. */
function sameSet(a: Iterable<number>, b: Iterable<number>): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((n) => y.has(n));
}

/** Slugs of the tags an issue's head shows in a language. */
const slugsOf = (head: IssueHead | undefined, lang: Lang) => Object.keys(head?.tags[lang] ?? {}).map(tagSlug);

export async function buildSite(pub: Publication, from: Issue[] | IssueSource, out: string, opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const source = Array.isArray(from) ? memorySource(from) : from;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const siteOpts: SiteOptions = { siteUrl: opts.siteUrl, served: false, formsUrl: opts.formsUrl, today };
  // Which issues changed, by their stamps; load those first, for their heads.
  const stamps = await source.stamps();
  // With a delayed unlock, which issues are public depends on the day and the latest issue: a
  // change of either rebuilds everything, so no page keeps a teaser that has unlocked.
  const unlock = pub.publishing?.unlock ? { today, latest: Math.max(0, ...stamps.keys()) } : null;
  const settings = sha(canonicalJson({ pub, siteUrl: opts.siteUrl, formsUrl: opts.formsUrl ?? null, unlock }));
  const manifestPath = join(out, MANIFEST);
  const old = readManifest(manifestPath);
  const full = opts.full || !old || old.version !== SITE_VERSION || old.settings !== settings;
  const prev = full ? undefined : old;

  const loaded = new Map<number, Issue>();
  const load = async (numbers: Iterable<number>) => {
    const want = [...new Set(numbers)].filter((n) => !loaded.has(n) && stamps.has(n));
    if (want.length) for (const i of await source.load(want)) loaded.set(i.number, i);
  };
  const changed = new Set([...stamps].filter(([n, stamp]) => prev?.issues[n]?.stamp !== stamp).map(([n]) => n));
  await load(changed);
  const heads = new Map<number, IssueHead>();
  for (const n of stamps.keys()) {
    const issue = loaded.get(n);
    const head = issue ? headOf(issue, pub) : prev?.issues[n]?.head;
    if (head) heads.set(n, head);
  }
  for (const n of changed) if (!heads.has(n)) changed.delete(n);
  const removed = new Set(Object.keys(prev?.issues ?? {}).map(Number).filter((n) => !heads.has(n)));
  const touched = new Set([...changed, ...removed]);
  const arrived = new Set([...changed].filter((n) => !prev?.issues[n]));
  const moved = new Set([...arrived, ...removed]);
  const seasons = new Set([...touched].map(seasonOf));

  // What to render, per language, in an incremental build; and the issues those pages show.
  // `plan` lists the issues as they are, `was` as the last build saw them.
  const plan = new Site(pub, [], siteOpts, [...heads.values()]);
  const was = new Site(pub, [], siteOpts, Object.values(prev?.issues ?? {}).map((e) => e.head));
  const need = new Set(changed);
  const work = new Map<Lang, { redo: Set<number>; seasons: Set<number>; tags: Map<string, Set<number>>; home: boolean; feeds: boolean }>();
  for (const lang of pub.languages) {
    const numbers = plan.issuesIn(lang).map((h) => h.number);
    // The home page and the feeds show the latest issues: they change when one of those does.
    const before = was.issuesIn(lang).map((h) => h.number);
    const latest = (n: number) => !prev || numbers.slice(0, n).join() !== before.slice(0, n).join() || numbers.slice(0, n).some((m) => changed.has(m));
    const home = latest(HOME_LENGTH);
    const feeds = latest(FEED_LENGTH);
    // An issue's page links to its neighbours: their pages change when it comes or goes.
    const redo = new Set<number>();
    numbers.forEach((n, at) => {
      if (!prev || touched.has(n) || moved.has(numbers[at - 1]!) || moved.has(numbers[at + 1]!)) redo.add(n);
    });
    for (const n of removed) {
      const at = numbers.findIndex((m) => m < n);
      for (const m of at === -1 ? [numbers.at(-1)] : [numbers[at], numbers[at - 1]]) if (m !== undefined) redo.add(m);
    }
    // Season pages list every season: when a season comes or goes, all of them change.
    const all = plan.seasons(lang).map((s) => s.season);
    const sameSeasons = sameSet(all, was.seasons(lang).map((s) => s.season));
    const langSeasons = new Set(all.filter((s) => !prev || !sameSeasons || seasons.has(s)));
    // A tag's pages: its season pages where an issue changed, all of them when its seasons did.
    const tags = new Map<string, Set<number>>();
    const touchedTags = new Set([...touched].flatMap((n) => [...slugsOf(heads.get(n), lang), ...slugsOf(prev?.issues[n]?.head, lang)]));
    for (const [slug, use] of plan.tags(lang)) {
      if (prev && !touchedTags.has(slug)) continue;
      const same = sameSet(use.seasons.keys(), was.tags(lang).get(slug)?.seasons.keys() ?? []);
      tags.set(slug, new Set([...use.seasons.keys()].filter((s) => !prev || !same || seasons.has(s) || s === plan.tagFront(slug, lang))));
    }
    work.set(lang, { redo, seasons: langSeasons, tags, home, feeds });
    const inSeason = (wanted: Set<number>) => plan.issuesIn(lang).filter((h) => wanted.has(seasonOf(h.number))).map((h) => h.number);
    for (const n of redo) need.add(n);
    if (feeds) for (const n of numbers.slice(0, FEED_LENGTH)) need.add(n);
    else if (home && numbers[0] !== undefined) need.add(numbers[0]);
    for (const n of inSeason(langSeasons)) need.add(n);
    for (const n of inSeason(new Set([...tags.values()].flatMap((s) => [...s])))) need.add(n);
  }
  await load(full ? stamps.keys() : need);
  const site = new Site(pub, [...loaded.values()], siteOpts, [...heads.values()]);
  site.posts = (await source.posts?.()) ?? [];
  // Pages that show every issue's title or every post (the archive, the section fronts, the posts,
  // the search and form pages) change only when an issue or a post did: with nothing changed, an
  // incremental build renders none of them.
  const postsHash = sha(canonicalJson(site.posts.map((p) => [p.slug, p.lang, p.kind, p.date, p.title, sha(p.body)])));
  const anything = !prev || touched.size > 0 || prev.posts !== postsHash;

  // Every page the site has; those an incremental build need not render again are marked so.
  // Pages rendered because their issues changed are written without comparing; the pages every
  // build renders (home, archive, feeds…) are compared with the last build's by hash.
  const pages: { path: string; make: () => string; compare: boolean; now: boolean }[] = [];
  const page = (path: string, make: () => string, compare = true, now = true) => pages.push({ path: path.endsWith('/') ? `${path}index.html` : path, make, compare, now });
  const html = (p: Page | undefined) => (p ? site.html(p) : '');

  for (const lang of siteLanguages(site)) {
    const P = site.prefix(lang);
    const { redo, seasons: langSeasons, tags, home, feeds } = work.get(lang)!;
    // What an incremental build renders again of each page (the rest keep last build's file), and
    // whether it compares the page with that file first (pages every build renders) or not.
    const freshness = (name: PageName, p: Params): { compare: boolean; now: boolean } => {
      switch (name) {
        case 'issue':
          return { compare: false, now: redo.has(Number(p.n)) };
        case 'home':
          return { compare: true, now: home };
        case 'sectionSeason':
          return { compare: false, now: langSeasons.has(Number(p.season)) };
        case 'tag':
          return { compare: false, now: tags.has(p.slug!) };
        case 'tagSeason':
          return { compare: false, now: !!tags.get(p.slug!)?.has(Number(p.season)) };
        default:
          return { compare: true, now: anything };
      }
    };
    for (const [name, route] of Object.entries(PAGE_ROUTES) as [PageName, PageRoute][]) {
      for (const params of route.instances(site, lang)) {
        const { compare, now } = freshness(name, params);
        page(pagePath(site, route, lang, params), () => html(route.render(site, lang, params)), compare, now);
      }
    }
    if (site.postsIn(lang).length) page(`${P}/search/index-posts.json`, () => JSON.stringify(postEntries(site, lang)), true, anything);
    for (const f of FEED_ROUTES) page(`${P}/${f.name}`, () => f.make(site, lang), true, feeds);
    for (const { season: s } of site.seasons(lang)) page(`${P}/search/index-${s}.json`, () => JSON.stringify(searchEntries(site, lang, s)), false, langSeasons.has(s));
  }
  page('/style.css', () => STYLE_CSS);
  for (const [name, file] of Object.entries(SITE_ASSETS)) page(`/${name}`, file);
  page('/robots.txt', () => `User-agent: *\nAllow: /\nSitemap: ${site.abs('/sitemap.xml')}\n`);
  page('/404.html', () => site.html({ ...messagePage(site, pub.primaryLang, '404', site.abs('/')), noindex: true }));
  page('/sitemap.xml', () => sitemap(site, sitemapPaths(site)), true, anything);

  const files: Record<string, string> = full ? {} : { ...prev!.files };
  const todo = pages.filter((p) => p.now || files[p.path] === undefined);
  // A thread takes some 50 ms to start: worth it for a site, not for a few pages.
  clearTemporary(out);
  const writer = new Writer(out, todo.length > 200);
  let written = 0;
  let removedFiles = 0;
  try {
    let done = 0;
    for (const { path, make, compare } of todo) {
      const text = make();
      opts.onProgress?.(++done, todo.length);
      if (!text) continue;
      const hash = compare ? sha(text) : '';
      if (!compare || files[path] !== hash || !existsSync(join(out, path))) {
        writer.write(path, text);
        written++;
      }
      files[path] = hash;
    }

    // Files the last build wrote that the site no longer has: pages of removed issues, of tags and
    // seasons nothing uses any more, of an issue's language that is gone.
    const wanted = new Set(pages.map((p) => p.path));
    for (const path of Object.keys(old?.files ?? {})) {
      if (wanted.has(path)) continue;
      writer.remove(path);
      delete files[path];
      removedFiles++;
    }
    await writer.flush();
    // Last, when every page is on disk: a build that fails before leaves the last manifest, and the next build redoes its work.
    const manifest: Manifest = { version: SITE_VERSION, settings, issues: Object.fromEntries([...heads].map(([n, head]) => [n, { stamp: stamps.get(n)!, head }])), files, posts: postsHash };
    writer.write(MANIFEST, JSON.stringify(manifest));
    await writer.flush();
  } finally {
    await writer.close();
  }
  return { full, changedIssues: changed.size, loadedIssues: loaded.size, rendered: todo.length, written, removed: removedFiles, ms: performance.now() - started };
}

/**
 * Writes the build's files, on a thread of its own when there are many (so the disk works while
 * the next pages render), else on this one. The first error is thrown, naming the file.
 */
class Writer {
  private worker: Worker | undefined;
  private here: FileWriter | undefined;
  private batch: [string, string | null][] = [];
  private size = 0;
  private pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failed: Error | undefined;

  constructor(
    private readonly out: string,
    threaded: boolean,
  ) {
    if (!threaded) {
      this.here = new FileWriter(out);
      return;
    }
    this.worker = new Worker(new URL('./write-files.js', import.meta.url), { workerData: { kind: 'pressroom-file-writer', out } });
    this.worker.on('message', (m: { id: number; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) this.failed ??= new Error(`build-site: ${m.error}`);
      if (this.failed) p?.reject(this.failed);
      else p?.resolve();
    });
    this.worker.on('error', (e) => {
      this.failed ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  write(path: string, text: string): void {
    this.add(path, text);
  }

  remove(path: string): void {
    this.add(path, null);
  }

  /** Waits until everything asked for is on disk. */
  async flush(): Promise<void> {
    if (this.here) return this.writeHere();
    await this.send();
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private add(path: string, text: string | null): void {
    if (this.failed) throw this.failed;
    this.batch.push([join(this.out, path), text]);
    this.size += text?.length ?? 0;
    if (this.size < 256 * 1024) return;
    if (this.here) this.writeHere();
    else void this.send().catch(() => undefined);
  }

  private writeHere(): void {
    try {
      this.here!.write(this.batch);
    } catch (e) {
      throw new Error(`build-site: ${(e as Error).message}`);
    } finally {
      this.batch = [];
      this.size = 0;
    }
  }

  private send(): Promise<void> {
    const id = ++this.seq;
    const done = new Promise<void>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker!.postMessage({ id, files: this.batch });
    this.batch = [];
    this.size = 0;
    return done;
  }
}

export function sitemapPaths(site: Site): { path: string; lastmod?: string }[] {
  const out: { path: string; lastmod?: string }[] = [];
  for (const lang of site.pub.languages) {
    const list = site.issuesIn(lang);
    if (!list.length) continue;
    const P = site.prefix(lang);
    out.push({ path: `${P}/`, lastmod: list[0]!.date }, { path: `${P}/archive/`, lastmod: list[0]!.date });
    for (const i of list) out.push({ path: site.issuePath(i.number, lang), lastmod: i.date });
    for (const sec of site.itemSections()) out.push({ path: `${P}/sections/${sec.key}/` });
  }
  return out;
}
