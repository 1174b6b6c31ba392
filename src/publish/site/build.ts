// `pressroom build-site OUT`: the site as static files. Incremental: OUT/.pressroom-site.json
// remembers a fingerprint of every issue, so a rebuild renders only the pages an added or
// changed issue shows on (its own pages, its neighbours', its season's, its tags'), plus the
// small pages every issue is listed on. Every file is written whole (a temporary file renamed
// over it), and only when its content changed.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../core/canonical.ts';
import { seasonOf, type Issue, type Publication } from '../../core/model.ts';
import { atom, jsonFeed, rss, sitemap } from './feeds.ts';
import { itemTags, tagSlug } from './content.ts';
import { Site, STYLE_CSS, type Page } from './pages.ts';

/** Bump when page templates change: a new version rebuilds everything. */
export const SITE_VERSION = 3;
const MANIFEST = '.pressroom-site.json';
const HERE = dirname(fileURLToPath(import.meta.url));

interface Manifest {
  version: number;
  settings: string;
  issues: Record<string, { hash: string; tags: string[] }>;
  files: Record<string, string>;
}

export interface BuildOptions {
  siteUrl: string;
  formsUrl?: string | undefined;
  /** Ignore what the last build left and render everything. */
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  full: boolean;
  /** Issues rendered because they are new or changed. */
  changedIssues: number;
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

export function buildSite(pub: Publication, allIssues: Issue[], out: string, opts: BuildOptions): BuildResult {
  const started = performance.now();
  const site = new Site(pub, allIssues, { siteUrl: opts.siteUrl, served: false, formsUrl: opts.formsUrl });
  const settings = sha(canonicalJson({ pub, siteUrl: opts.siteUrl, formsUrl: opts.formsUrl ?? null }));
  const manifestPath = join(out, MANIFEST);
  let old: Manifest | undefined;
  if (!opts.full && existsSync(manifestPath)) {
    try {
      old = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch {
      old = undefined;
    }
  }
  const full = !old || old.version !== SITE_VERSION || old.settings !== settings;
  const prev = full ? undefined : old;

  const issues: Manifest['issues'] = {};
  for (const i of site.issues) issues[i.number] = { hash: sha(JSON.stringify(i)), tags: [...new Set(i.items.flatMap(itemTags).map(tagSlug))] };
  const changed = new Set<number>();
  const removed = new Set<number>();
  for (const i of site.issues) if (!prev || prev.issues[i.number]?.hash !== issues[i.number]!.hash) changed.add(i.number);
  if (prev) for (const n of Object.keys(prev.issues).map(Number)) if (!issues[n]) removed.add(n);
  const touched = new Set([...changed, ...removed]);
  // Pages link to their neighbours, so an issue that comes or goes changes theirs too.
  const arrived = new Set([...changed].filter((n) => !prev?.issues[n]));
  const moved = new Set([...arrived, ...removed]);
  const seasons = new Set([...touched].map(seasonOf));
  const tags = new Set<string>();
  for (const n of touched) for (const t of [...(issues[n]?.tags ?? []), ...(prev?.issues[n]?.tags ?? [])]) tags.add(t);

  // Pages rendered because their issues changed are written without comparing; the pages every
  // build renders (home, archive, feeds…) are compared with the last build's by hash.
  const pages: [string, () => string, boolean][] = [];
  const page = (path: string, make: () => string, compare = true) => pages.push([path.endsWith('/') ? `${path}index.html` : path, make, compare]);
  const html = (p: Page | undefined) => (p ? site.html(p) : '');

  for (const lang of pub.languages) {
    const list = site.issuesIn(lang);
    if (!list.length && lang !== pub.primaryLang) continue;
    const P = site.prefix(lang);
    // An issue's page links to its neighbours: their pages change when it comes or goes.
    const numbers = list.map((i) => i.number);
    const redo = new Set<number>();
    numbers.forEach((n, at) => {
      if (!prev || touched.has(n) || moved.has(numbers[at - 1]!) || moved.has(numbers[at + 1]!)) redo.add(n);
    });
    for (const n of removed) {
      const at = numbers.findIndex((m) => m < n);
      for (const m of at === -1 ? [numbers.at(-1)] : [numbers[at], numbers[at - 1]]) if (m !== undefined) redo.add(m);
    }
    for (const n of redo) page(site.issuePath(n, lang), () => html(site.issuePage(n, lang)), false);
    page(`${P}/`, () => html(site.home(lang)));
    page(`${P}/archive/`, () => html(site.archive(lang)));
    page(`${P}/search/`, () => html(site.searchPage(lang)));
    page(`${P}/subscribe/`, () => html(site.subscribePage(lang)));
    page(`${P}/members/`, () => html(site.membersPage(lang)));
    page(`${P}/feed.xml`, () => rss(site, lang));
    page(`${P}/atom.xml`, () => atom(site, lang));
    page(`${P}/feed.json`, () => jsonFeed(site, lang));
    const langSeasons = site.seasons(lang).map((s) => s.season);
    for (const s of langSeasons) {
      if (prev && !seasons.has(s)) continue;
      page(`${P}/search/index-${s}.json`, () => JSON.stringify(site.searchEntries(lang, s)), false);
      for (const sec of site.itemSections()) page(`${P}/sections/${sec.key}/season-${s}/`, () => html(site.sectionPage(sec.key, lang, s)), false);
    }
    for (const sec of site.itemSections()) page(`${P}/sections/${sec.key}/`, () => html(site.sectionPage(sec.key, lang)));
    const allTags = site.tags(lang);
    for (const [slug] of allTags) if (!prev || tags.has(slug)) page(`${P}/tags/${slug}/`, () => html(site.tagPage(slug, lang, allTags)), false);
  }
  page('/style.css', () => STYLE_CSS);
  for (const [name, file] of Object.entries(SITE_ASSETS)) page(`/${name}`, file);
  page('/robots.txt', () => `User-agent: *\nAllow: /\nSitemap: ${site.abs('/sitemap.xml')}\n`);
  page('/404.html', () => site.html({ ...site.messagePage(pub.primaryLang, '404', site.abs('/')), noindex: true }));
  page('/sitemap.xml', () => sitemap(site, sitemapPaths(site)));

  const files: Record<string, string> = full ? {} : { ...prev!.files };
  const made = new Set<string>();
  let written = 0;
  let done = 0;
  for (const [path, make, compare] of pages) {
    const text = make();
    opts.onProgress?.(++done, pages.length);
    if (!text) continue;
    const file = join(out, path);
    if (!compare) {
      writeWhole(file, text, made);
      files[path] = '';
      written++;
      continue;
    }
    const hash = sha(text);
    if (files[path] !== hash || !existsSync(file)) {
      writeWhole(file, text, made);
      written++;
    }
    files[path] = hash;
  }

  // Pages of issues that are gone, and of tags and seasons nothing uses any more.
  let removedFiles = 0;
  if (prev) {
    const wanted = new Set(pages.map(([p]) => p));
    for (const path of Object.keys(files)) {
      const gone = removedIssuePage(path, removed) || (/\/tags\/[^/]+\/index\.html$/.test(path) && tags.has(path.split('/').at(-2)!) && !wanted.has(path));
      if (gone) {
        rmSync(join(out, path), { force: true });
        delete files[path];
        removedFiles++;
      }
    }
  }
  const manifest: Manifest = { version: SITE_VERSION, settings, issues, files };
  writeWhole(manifestPath, JSON.stringify(manifest), made);
  return { full, changedIssues: changed.size, rendered: pages.length, written, removed: removedFiles, ms: performance.now() - started };
}

function removedIssuePage(path: string, removed: Set<number>): boolean {
  const m = /(?:^|\/)issues\/(\d+)\/index\.html$/.exec(path);
  return !!m && removed.has(Number(m[1]));
}

function writeWhole(file: string, text: string, made: Set<string>): void {
  const dir = dirname(file);
  if (!made.has(dir)) {
    // Most directories are new children of one made a moment ago: no need to walk the whole path.
    if (made.has(dirname(dir))) {
      try {
        mkdirSync(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    } else mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
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
