import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Issue } from '../../core/model.ts';
import { openStore, type Store } from '../../store/db.ts';
import { loadIssue, saveIssue } from '../../store/issues.ts';
import { usePublication, type StoredPublication } from '../../store/publications.ts';
import { testDatabases } from '../../store/test-databases.ts';
import { testIssue, testIssues, testPublication } from '../../app/test-fixtures.ts';
import { buildSite, storeSource } from './build.ts';
import { Site } from './site.ts';
import { mark, search } from './search-core.js';
import { issuePage } from './pages/issue.ts';
import { searchEntries, searchPage } from './pages/search.ts';

const SITE = 'https://weekly.example.com';
const pub = testPublication();

/** Debian's python3 with feedparser, if this machine has it. */
function feedparserPython(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) if (spawnSync(py, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0) return py;
  return undefined;
}

describe('the static site', () => {
  let out: string;
  const issues = testIssues(35);
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'pressroom-site-'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));
  const read = (p: string) => readFileSync(join(out, p), 'utf8');

  it('writes home, issue pages in both languages with a switch, archive by season, sections, tags, search, feeds and a sitemap', async () => {
    const r = await buildSite(pub, issues, out, { siteUrl: SITE });
    assert.equal(r.full, true);
    const home = read('index.html');
    assert.match(home, /<html lang="zh-Hans">/);
    assert.match(home, /专题/);
    assert.match(home, /href="\/issues\/35\/"/);
    const en = read('en/issues/7/index.html');
    assert.match(en, /<html lang="en">/);
    assert.match(en, /On [a-z ]+/);
    assert.match(en, /hreflang="zh-Hans" lang="zh-Hans"/, 'the English page links to the Chinese one');
    const archive = read('archive/index.html');
    assert.match(archive, /id="season-2"/);
    assert.match(archive, /第 1 季/);
    assert.ok(archive.indexOf('id="season-2"') < archive.indexOf('id="season-1"'), 'newest season first');
    assert.ok(existsSync(join(out, 'sections/projects/season-1/index.html')));
    assert.match(read('sections/projects/season-2/index.html'), /tool35/);
    // A tag's page shows its latest season and links to the others.
    assert.match(read('tags/rust/index.html'), /<strong aria-current="page">第 2 季<\/strong>.*href="\/tags\/rust\/season-1\/"/s);
    assert.match(read('tags/rust/season-1/index.html'), /tool3：/);
    assert.match(read('en/tags/community/index.html'), /What do you think/);
    for (const f of ['feed.xml', 'atom.xml', 'feed.json', 'en/feed.xml', 'en/atom.xml', 'en/feed.json', 'sitemap.xml', 'robots.txt', 'style.css', 'search.js', 'search-core.js', 'search/index-1.json', 'en/search/index-2.json', 'subscribe/index.html']) assert.ok(existsSync(join(out, f)), f);
    assert.match(read('sitemap.xml'), /<loc>https:\/\/weekly\.example\.com\/en\/issues\/35\/<\/loc>/);
  });

  it('gives pages OpenGraph and Twitter cards, landmarks, alt text and a teaser for non-members', () => {
    const page = read('issues/1/index.html');
    assert.match(page, /<meta property="og:title" content="Python 潮流周刊#1：[^"]+">/);
    assert.match(page, /<meta property="og:image" content="https:\/\/img\.example\.org\/1\.png">/);
    assert.match(page, /<meta name="twitter:card" content="summary_large_image">/);
    assert.match(page, /<link rel="canonical" href="https:\/\/weekly\.example\.com\/issues\/1\/">/);
    for (const landmark of ['<header', '<nav', '<main id="main">', '<footer']) assert.ok(page.includes(landmark), landmark);
    assert.match(page, /data-edition="teaser"/, 'the publication gives the site the teaser');
    assert.match(page, /href="\/members\/"/, 'and says where members read the rest');
    assert.doesNotMatch(page, /一篇讲/, 'blurbs are for members');
    const full = new Site(pub, issues, { siteUrl: SITE, served: true });
    const member = full.html(issuePage(full, 1, 'zh', { member: true })!);
    assert.match(member, /data-edition="full"/);
    assert.match(member, /一篇讲/);
    assert.match(member, /<img [^>]*src="https:\/\/img\.example\.org\/1\.png" alt="[^"]+"/);
  });

  it('escapes hostile text and drops javascript: links', () => {
    const site = new Site(pub, issues, { siteUrl: SITE, served: true });
    const page = site.html(issuePage(site, 2, 'en', { member: true })!);
    assert.doesNotMatch(page, /<script>alert/);
    assert.doesNotMatch(page, /href="javascript:/i);
    assert.doesNotMatch(page, /<img src=x/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('validates: no unclosed, misnested or unknown elements', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'], rules: { 'no-trailing-whitespace': 'off', 'long-title': 'off', 'no-inline-style': 'off', 'attribute-boolean-style': 'off', 'no-redundant-role': 'off' } });
    const site = new Site(pub, issues, { siteUrl: SITE, served: true });
    const pages = ['index.html', 'issues/2/index.html', 'en/issues/35/index.html', 'archive/index.html', 'sections/articles/index.html', 'sections/articles/season-1/index.html', 'tags/python/index.html', 'search/index.html', 'subscribe/index.html', 'members/index.html'].map((p) => [p, read(p)] as const);
    pages.push(['member view', site.html(issuePage(site, 2, 'zh', { member: true })!)], ['search results', site.html(searchPage(site, 'zh', '异步', searchEntries(site, 'zh')))]);
    for (const [name, html] of pages) {
      const report = await validator.validateString(html);
      assert.equal(report.valid, true, `${name}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).join('; ')}`);
    }
  });

  it('writes feeds that Python feedparser reads without a bozo flag', (t) => {
    const py = feedparserPython();
    if (!py) {
      if (process.env.PRESSROOM_REQUIRE_FEEDPARSER === '1') assert.fail('python3-feedparser is required (PRESSROOM_REQUIRE_FEEDPARSER=1)');
      return t.skip('no python3 with feedparser here (apt-get install python3-feedparser)');
    }
    const script = `import feedparser, json, sys
out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version, "n": len(d.entries), "title": d.entries[0].title if d.entries else "", "link": d.entries[0].link if d.entries else "", "lang": d.feed.get("language", "")}
print(json.dumps(out))`;
    // Debian's feedparser (6.0) reads RSS and Atom; JSON Feed is checked against its spec below.
    const files = ['feed.xml', 'atom.xml', 'en/feed.xml', 'en/atom.xml'].map((f) => join(out, f));
    const r = spawnSync(py, ['-c', script, ...files], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as Record<string, { bozo: boolean; error: string; version: string; n: number; title: string; link: string; lang: string }>;
    for (const f of files) {
      const p = parsed[f]!;
      assert.equal(p.bozo, false, `${f}: ${p.error}`);
      assert.equal(p.n, 20, `${f} lists the latest 20 issues`);
      assert.match(p.title, /#35/);
      assert.match(p.link, /\/issues\/35\/$/);
    }
    assert.equal(parsed[files[0]!]!.version, 'rss20');
    assert.equal(parsed[files[1]!]!.version, 'atom10');
  });

  it('writes JSON Feed 1.1 with the fields its spec requires', () => {
    for (const f of ['feed.json', 'en/feed.json']) {
      const feed = JSON.parse(read(f)) as { version: string; title: string; feed_url: string; items: { id: string; url: string; title: string; content_html: string; date_published: string }[] };
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.ok(feed.title);
      assert.equal(feed.feed_url, `${SITE}/${f}`);
      assert.equal(feed.items.length, 20);
      for (const item of feed.items) {
        assert.ok(item.id && item.content_html, 'each item has an id and content');
        assert.ok(!Number.isNaN(Date.parse(item.date_published)), 'RFC 3339 dates');
      }
      assert.match(feed.items[0]!.url, /\/issues\/35\/$/);
    }
  });

  it('rebuilds only what one changed issue touches, and leaves other files alone', async () => {
    const before = statSync(join(out, 'issues/5/index.html')).mtimeMs;
    const untouched = read('issues/5/index.html');
    const changed = issues.map((i) => (i.number === 20 ? testIssue(20) : i));
    changed.find((i) => i.number === 20)!.editions[0]!.title = 'renamed title';
    const r = await buildSite(pub, changed, out, { siteUrl: SITE });
    assert.equal(r.full, false);
    assert.equal(r.changedIssues, 1);
    assert.ok(r.rendered < 60, `rendered ${r.rendered} pages for one change`);
    assert.match(read('en/issues/20/index.html'), /renamed title/);
    assert.match(read('index.html'), /renamed title|专题/);
    assert.match(read('en/archive/index.html'), /renamed title/);
    assert.equal(read('issues/5/index.html'), untouched);
    assert.equal(statSync(join(out, 'issues/5/index.html')).mtimeMs, before, 'an unrelated page is not rewritten');
  });

  it('removes the pages of an issue that is gone, and a page half-written is never left behind', async () => {
    // What a build killed while writing leaves: a temporary file, half-written.
    mkdirSync(join(out, '.pressroom-tmp'), { recursive: true });
    writeFileSync(join(out, '.pressroom-tmp', '4242-17'), 'partial');
    const r = await buildSite(pub, testIssues(34), out, { siteUrl: SITE });
    assert.ok(r.removed >= 2);
    assert.ok(!existsSync(join(out, 'issues/35/index.html')));
    assert.doesNotMatch(read('issues/34/index.html'), /rel="next"/);
    // Every file left is one the build made and lists: nothing half-written is there to deploy.
    const listed = new Set(Object.keys(JSON.parse(read('.pressroom-site.json')).files as Record<string, string>).map((p) => (p.endsWith('/') ? `${p}index.html` : p).replace(/^\//, '')));
    const onDisk = (function walk(d: string): string[] {
      return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [relative(out, join(d, e.name))]));
    })(out);
    assert.deepEqual(onDisk.filter((f) => f !== '.pressroom-site.json' && !listed.has(f)), []);
  });
});

describe('search', () => {
  const site = new Site(pub, testIssues(12), { siteUrl: SITE, served: true });
  it('finds Chinese without word segmentation, ranks title matches first and marks the words', () => {
    const found = search(searchEntries(site, 'zh'), '类型检查');
    assert.ok(found.total >= 6);
    assert.match(found.hits[0]!.entry[2], /类型检查/);
    assert.equal(mark(found.hits[0]!.entry[2], found.terms).includes('<mark>类型检查</mark>'), true);
  });
  it('matches English words case-insensitively, every word required, newer issues first among equals', () => {
    const found = search(searchEntries(site, 'en'), 'Database INDEXES');
    assert.ok(found.total > 0);
    assert.ok(found.hits.every((h) => /database indexes/i.test(h.entry[2] + h.entry[3])));
    assert.ok(found.hits[0]!.entry[0] >= found.hits[1]!.entry[0]);
    assert.equal(search(searchEntries(site, 'en'), 'database zebra').total, 0);
  });
  it('renders results on the server with marks, and escapes the query', () => {
    const html = site.html(searchPage(site, 'en', 'profiling <b>', searchEntries(site, 'en')));
    assert.doesNotMatch(html, /<b>/);
    const page = site.html(searchPage(site, 'en', 'profiling', searchEntries(site, 'en')));
    assert.match(page, /<mark>profiling<\/mark>/i);
    assert.match(page, /results for “profiling”/);
  });
});

for (const backend of await testDatabases()) {
  describe(`the static site from the database on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let stored: StoredPublication;
    let out: string;
    const save = (issue: Issue) => store.db.transaction().execute((tx) => saveIssue(tx, stored.id, issue));
    const read = (p: string) => readFileSync(join(out, p), 'utf8');
    const build = () => buildSite(pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
    before(async () => {
      out = mkdtempSync(join(tmpdir(), 'pressroom-site-db-'));
      store = await openStore(await backend.create());
      stored = await usePublication(store.db);
      for (const issue of testIssues(65)) await save(issue);
      const draft = testIssue(66);
      draft.status = 'draft';
      await save(draft);
    });
    after(async () => {
      await store?.close();
      await backend.cleanup();
      rmSync(out, { recursive: true, force: true });
    });

    it('builds every published issue, and no draft', async () => {
      const r = await build();
      assert.equal(r.full, true);
      assert.equal(r.loadedIssues, 65);
      assert.ok(existsSync(join(out, 'en/issues/65/index.html')));
      assert.ok(!existsSync(join(out, 'issues/66/index.html')), 'a draft has no page');
    });

    it('after one old issue is saved, reads only the issues whose pages change', async () => {
      const unrelated = statSync(join(out, 'issues/40/index.html')).mtimeMs;
      const issue = (await loadIssue(store.db, stored.id, 10))!;
      issue.editions.find((e) => e.lang === 'en')!.title = 'A retitled issue';
      await save(issue);
      const r = await build();
      assert.equal(r.full, false);
      assert.equal(r.changedIssues, 1);
      // Its season (1–30), and the latest season its tags are used in, where their pages start (61–65);
      // not the latest twenty of the feeds, which did not change.
      assert.equal(r.loadedIssues, 35);
      assert.match(read('en/issues/10/index.html'), /A retitled issue/);
      assert.match(read('en/archive/index.html'), /A retitled issue/, 'lists show the new title from the change alone');
      assert.match(read('en/sections/projects/season-1/index.html'), /A retitled issue/);
      assert.equal(statSync(join(out, 'issues/40/index.html')).mtimeMs, unrelated, 'an unrelated page is not rewritten');
    });

    it('publishing the next issue updates its neighbour, and a new season updates every season page', async () => {
      const next = testIssue(91);
      await save(next);
      const r = await build();
      assert.equal(r.changedIssues, 1);
      assert.match(read('issues/65/index.html'), /rel="next" href="\/issues\/91\/"/);
      assert.match(read('index.html'), /href="\/issues\/91\/"/);
      assert.match(read('sections/projects/season-1/index.html'), /href="\/sections\/projects\/season-4\/"/, 'an old season page links to the new season');
      const feed = read('feed.xml');
      assert.ok(feed.indexOf('/issues/91/') < feed.indexOf('/issues/65/'), 'the feed lists the new issue first');
    });

    it('unpublishing an issue removes its pages', async () => {
      const issue = (await loadIssue(store.db, stored.id, 91))!;
      issue.status = 'draft';
      await save(issue);
      const r = await build();
      assert.ok(r.removed >= 2);
      assert.ok(!existsSync(join(out, 'issues/91/index.html')));
      assert.ok(!existsSync(join(out, 'sections/projects/season-4/index.html')), 'a season with no issues left has no pages');
      assert.doesNotMatch(read('issues/65/index.html'), /rel="next"/);
    });
  });
}
