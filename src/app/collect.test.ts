import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli as run } from '../cli/run-for-test.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import type { RankedCandidate } from './candidates.ts';
import { testDatabases } from '../store/test-databases.ts';

const here = import.meta.dirname;
const fixture = (name: string) => readFileSync(join(here, 'testdata', name));


/** A stand-in for the web: feeds in every format and the platforms' APIs in their documented shapes. */
async function fakeWeb(): Promise<TestServer> {
  const srv = await startServer();
  srv.route('/blog.rss', (req, res) => {
    if (req.headers['if-none-match'] === '"blog-1"') return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"blog-1"' }).end(fixture('blog.rss.xml'));
  });
  srv.route('/news.atom', (_q, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-encoding': 'gzip' }).end(gzipSync(fixture('news.atom.xml'))));
  srv.route('/podcast.json', (_q, res) => void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(fixture('podcast.json')));
  srv.route('/gbk.rss', (_q, res) => void res.writeHead(200, { 'content-type': 'text/xml' }).end(fixture('gbk.rss.xml')));
  srv.route('/broken.rss', (_q, res) => void res.writeHead(200).end(fixture('broken.rss.xml')));
  srv.route('/bomb.rss', (_q, res) => void res.writeHead(200).end(fixture('bomb.rss.xml')));
  srv.route('/down.rss', (_q, res) => void res.writeHead(500).end('oops'));
  srv.route('/gh/repos/example/tinyq', (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        full_name: 'example/tinyq',
        html_url: 'https://github.com/example/tinyq',
        description: 'A file-backed task queue',
        stargazers_count: 1540,
        forks_count: 31,
        language: 'Python',
        topics: ['queue', 'sqlite'],
        pushed_at: '2030-11-22T10:00:00Z',
        created_at: '2029-01-01T00:00:00Z',
      }),
    ),
  );
  srv.route('/hn/api/v1/search_by_date', (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        hits: [
          { objectID: '900', title: 'Profiling asyncio without tears', url: 'https://blog.example.com/posts/asyncio-profiling?ref=hn', points: 320, num_comments: 88, created_at: '2030-11-21T12:00:00Z', author: 'pg' },
          { objectID: '901', title: 'Ask HN: How do you structure Python monorepos?', url: null, points: 45, num_comments: 60, created_at: '2030-11-22T12:00:00Z', author: 'x' },
        ],
      }),
    ),
  );
  srv.route('/reddit/r/Python/hot.json', (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        kind: 'Listing',
        data: {
          children: [
            { kind: 't3', data: { title: 'Weekly thread', url: 'https://www.reddit.com/r/Python/comments/1/', permalink: '/r/Python/comments/1/weekly/', score: 5, num_comments: 3, created_utc: 1921824000, is_self: true, author: 'mod', stickied: true } },
            { kind: 't3', data: { title: 'I rewrote our ETL in Polars', url: 'https://etl.example.com/polars', permalink: '/r/Python/comments/2/polars/', score: 210, num_comments: 40, created_utc: 1921824000, is_self: false, author: 'u1' } },
          ],
        },
      }),
    ),
  );
  srv.route('/v2ex/api/topics/show.json', (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify([{ id: 5, title: '大家用什么工具管理 Python 环境？', url: 'https://www.v2ex.com/t/5', content_rendered: '<p>uv 还是 conda？</p>', replies: 77, created: 1921824000, member: { username: 'dev' } }]),
    ),
  );
  srv.route('/lobsters/t/python.json', (_q, res) =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify([{ short_id: 'abc', title: 'Type checkers compared', url: 'https://types.example.com/compare', score: 40, comment_count: 12, created_at: '2030-11-22T09:00:00.000-06:00', comments_url: 'https://lobste.rs/s/abc', tags: ['python', 'plt'], submitter_user: 'lob' }]),
    ),
  );
  return srv;
}

for (const backend of await testDatabases()) {
  describe(`collecting on ${backend.kind}`, { skip: backend.skip }, () => {
    let srv: TestServer;
    let db: string;
    const saved = { ...process.env };
    let list: RankedCandidate[];
    const find = (urlPart: string) => list.find((c) => c.url.includes(urlPart));

    before(async () => {
      srv = await fakeWeb();
      db = await backend.create();
      Object.assign(process.env, {
        PRESSROOM_FETCH_ALLOW_PRIVATE: 'loopback',
        PRESSROOM_GITHUB_API: `${srv.url}/gh`,
        PRESSROOM_HN_API: `${srv.url}/hn`,
        PRESSROOM_REDDIT_BASE: `${srv.url}/reddit`,
        PRESSROOM_V2EX_BASE: `${srv.url}/v2ex`,
        PRESSROOM_LOBSTERS_BASE: `${srv.url}/lobsters`,
        PRESSROOM_CONFIG: join(here, 'testdata', 'fetch-config.json'),
      });
      // A published issue that already featured one of the links.
      assert.equal((await run('import', join(here, '..', 'markdown', 'testdata', 'archive', 'zh', '2030-01-05-weekly.md'), '--db', db)).code, 0);
      for (const [url, ...flags] of [
        [`${srv.url}/blog.rss`, '--weight', '2'],
        [`${srv.url}/news.atom`],
        [`${srv.url}/podcast.json`],
        [`${srv.url}/gbk.rss`, '--lang', 'zh'],
        [`${srv.url}/broken.rss`],
        [`${srv.url}/bomb.rss`],
        [`${srv.url}/down.rss`],
        ['https://github.com/example/tinyq', '--kind', 'github'],
        ['python', '--kind', 'hn'],
        ['r/Python', '--kind', 'reddit'],
        ['python', '--kind', 'v2ex'],
        ['python', '--kind', 'lobsters'],
      ]) {
        const r = await run('sources', 'add', url!, ...flags, '--db', db);
        assert.equal(r.code, 0, r.err);
      }
    });
    after(async () => {
      process.env = saved;
      await srv.close();
      await backend.cleanup();
    });

    test('a first collection fetches every source and keeps the failing one’s error', async () => {
      const r = await run('collect', '--db', db, '--json');
      assert.ok(r.out, r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.total, 12);
      assert.equal(report.errors, 1);
      const down = report.outcomes.find((o: { url: string }) => o.url.endsWith('/down.rss'));
      assert.equal(down.status, 'failed');
      assert.match(down.error, /down\.rss: HTTP 500/);
      const sources = await run('sources', 'list', '--db', db);
      assert.match(sources.out, /down\.rss .*✗ 1 failures, last: fetch: .*HTTP 500/);
      list = JSON.parse((await run('candidates', '--limit', '100', '--json', '--db', db)).out);
    });

    test('the same article from three sources is one candidate whose signals add up', () => {
      const c = find('asyncio-profiling')!;
      assert.equal(c.url, 'https://blog.example.com/posts/asyncio-profiling');
      assert.equal(list.filter((x) => x.url.includes('asyncio-profiling')).length, 1);
      assert.equal(c.sources.length, 3);
      assert.match(c.explanation, /HN 320 points, 88 comments/);
      assert.match(c.explanation, /seen in 3 sources/);
      assert.match(c.explanation, /source weight 2/);
      assert.equal(list[0]!.id, c.id, 'it ranks first');
    });

    test('an entry is stored as a text preview without its scripts, its first image made absolute', () => {
      const c = find('asyncio-profiling')!;
      assert.equal(c.summary, 'How to find the slow task.');
      assert.equal(c.image, 'https://blog.example.com/img/flame.png');
    });

    test('sections are suggested from what a link is', () => {
      assert.equal(find('github.com/example/tinyq')!.section, 'projects');
      assert.equal(find('snaketalk.example.net/42')!.section, 'media');
      assert.equal(find('news.example.org/talks/packaging-2031')!.section, 'media', 'a video enclosure, relative link resolved by xml:base');
      assert.equal(find('v2ex.com/t/5')!.section, 'discussions');
      assert.equal(find('news.ycombinator.com/item?id=901')!.section, 'discussions');
      assert.equal(find('etl.example.com/polars')!.section, 'articles');
    });

    test('a link already in a published issue is marked with its number', () => {
      assert.equal(find('blog.example.com/kv-store')!.featuredIn, 201);
      assert.equal(find('asyncio-profiling')!.featuredIn, null);
    });

    test('GitHub stars, GBK feeds, broken feeds and entity bombs', () => {
      const repo = find('github.com/example/tinyq')!;
      assert.equal(repo.stars, 1540);
      assert.deepEqual(repo.tags.slice(0, 3), ['python', 'queue', 'sqlite']);
      assert.equal(find('cn.example.com/p/1')!.title, '用 Python 写一个解释器');
      assert.equal(find('broken.example.com/readable')!.title, 'Still readable & worth it');
      const bomb = find('bomb.example.com/a')!;
      assert.ok(bomb.title.length < 100 && !bomb.title.includes('root:'), bomb.title);
      assert.equal(list.some((c) => c.title.includes('lollol')), false);
      assert.equal(find('reddit.com/r/Python/comments/1'), undefined, 'stickied threads are left out');
      assert.equal(find('blog.example.com/2001/old'), undefined, 'entries older than 30 days are no candidates for a weekly');
    });

    test('a second collection gets a 304 for the unchanged feed and adds nothing twice', async () => {
      const r = JSON.parse((await run('collect', '--all', '--db', db, '--json')).out);
      const blog = r.outcomes.find((o: { url: string }) => o.url.endsWith('/blog.rss'));
      assert.equal(blog.status, 'not-modified');
      assert.equal(r.created, 0);
      const again: RankedCandidate[] = JSON.parse((await run('candidates', '--limit', '100', '--json', '--db', db)).out);
      assert.equal(again.length, list.length);
      assert.equal(srv.log.filter((l) => l.path === '/blog.rss' && l.headers['if-none-match'] === '"blog-1"').length, 1);
      const down = JSON.parse((await run('sources', 'list', '--json', '--db', db)).out).find((s: { url: string }) => s.url.endsWith('/down.rss'));
      assert.equal(down.errorCount, 2);
      assert.ok(Date.parse(down.nextFetchAt) - Date.parse(down.lastFetchedAt) >= 2 * 3600_000 - 1000, 'a failing source waits longer each time');
    });

    test('two collections at once fetch each source once: the second leaves what the first holds', async () => {
      // (down.rss answers 500, which the fetcher tries twice within one run.)
      const feeds = ['/blog.rss', '/news.atom', '/podcast.json', '/gbk.rss'];
      const count = () => feeds.map((f) => srv.log.filter((l) => l.path === f).length);
      const before = count();
      // Every source due again, as after an hour: two runs start at once (cron and a shell).
      const { openStore } = await import('../store/db.ts');
      const store = await openStore(db);
      await store.db.updateTable('sources').set({ next_fetch_at: null }).execute();
      await store.close();
      const [a, b] = (await Promise.all([run('collect', '--db', db, '--json'), run('collect', '--db', db, '--json')])).map((r) => JSON.parse(r.out));
      assert.deepEqual(count().map((n, i) => n - before[i]!), feeds.map(() => 1), `each feed fetched once: ${feeds.join(' ')}`);
      // Each source was collected by one run; the other left it (busy) or found it done (not listed, or not claimed).
      const collected = [...a.outcomes, ...b.outcomes].filter((o: { status: string }) => o.status !== 'busy');
      assert.equal(new Set(collected.map((o: { source: number }) => o.source)).size, collected.length, 'no source collected by both runs');
      assert.equal(collected.length, 12);
      const busy = [...a.outcomes, ...b.outcomes].filter((o: { status: string }) => o.status === 'busy');
      assert.ok(busy.every((o: { error: string }) => o.error === 'collected, or being collected, by another run'));
      // The leases end with the runs: the next run takes every source again.
      const next = JSON.parse((await run('collect', '--all', '--db', db, '--json')).out);
      assert.equal(next.busy, 0);
    });

    test('a collection when no source is due says when the next one is, and fetches nothing', async () => {
      const requests = srv.log.length;
      const sources = JSON.parse((await run('sources', 'list', '--json', '--db', db)).out) as { nextFetchAt: string; enabled: boolean; kind: string }[];
      const collectable = sources.filter((s) => s.enabled && s.kind !== 'submission');
      const next = collectable.map((s) => s.nextFetchAt).sort()[0]!;
      const r = await run('collect', '--db', db);
      assert.equal(r.code, 0, r.err);
      const at = next.slice(0, 16).replace('T', ' ');
      assert.match(r.out, new RegExp(`^nothing to collect: none of the ${collectable.length} sources is due; the next is due at ${at} UTC, in \\d+ min \\(collect --all fetches every source now\\)$`));
      assert.equal(srv.log.length, requests);
    });

    test('filters by section and since; submissions land marked as such', async () => {
      const projects: RankedCandidate[] = JSON.parse((await run('candidates', '--section', 'projects', '--json', '--db', db)).out);
      assert.deepEqual(projects.map((c) => c.url), ['https://github.com/example/tinyq']);
      const s = await run('submit', 'https://reader.example.com/great-post?utm_campaign=x', '--note', 'from a reader', '--db', db);
      assert.equal(s.code, 0, s.err);
      const all: RankedCandidate[] = JSON.parse((await run('candidates', '--limit', '100', '--json', '--db', db)).out);
      const sub = all.find((c) => c.url === 'https://reader.example.com/great-post')!;
      assert.equal(sub.note, 'from a reader');
      assert.equal(sub.sources[0]!.kind, 'submission');
      assert.ok(sub.tags.includes('submitted'));
    });

    test('extraction keeps the readable text, excerpt, lead image and reading time; a failure keeps its error', async () => {
      const body = Array.from({ length: 60 }, () => 'Polars runs the whole pipeline lazily and in parallel across cores.').join(' ');
      srv.route('/article', (_q, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<html lang="en"><head><title>ETL</title><meta property="og:image" content="/lead.png"></head><body><nav>menu</nav><article><h1>ETL in Polars</h1><p>${body}</p><p>${body}</p></article></body></html>`),
      );
      srv.route('/file.pdf', (_q, res) => void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'));
      await run('submit', `${srv.url}/article`, '--db', db);
      await run('submit', `${srv.url}/file.pdf`, '--db', db);
      const all: RankedCandidate[] = JSON.parse((await run('candidates', '--limit', '200', '--json', '--db', db)).out);
      const article = all.find((c) => c.url.endsWith('/article'))!;
      const pdf = all.find((c) => c.url.endsWith('/file.pdf'))!;
      const r = await run('extract', '--id', String(article.id), '--db', db);
      assert.match(r.out, /extracted 1 of 1 pages/);
      await run('extract', '--id', String(pdf.id), '--db', db);
      const after: RankedCandidate[] = JSON.parse((await run('candidates', '--limit', '200', '--json', '--db', db)).out);
      const a = after.find((c) => c.id === article.id)!;
      assert.match(a.excerpt ?? '', /^Polars runs the whole pipeline/);
      assert.equal(a.readingMinutes, 6, '1,323 words at 230 a minute');
      assert.equal(a.image, `${srv.url}/lead.png`);
      assert.equal(a.lang, 'en');
      assert.match(after.find((c) => c.id === pdf.id)!.extractError ?? '', /not a web page \(application\/pdf\)/);
    });

    test('OPML out and back in', async () => {
      const opml = (await run('sources', 'export-opml', '--db', db)).written;
      assert.match(opml, /xmlUrl="http:\/\/127\.0\.0\.1:\d+\/blog\.rss"/);
      // Every source but the readers' submissions: feeds as feed readers read them, platforms as outlines of their own.
      assert.equal((opml.match(/<outline /g) ?? []).length, 12);
      assert.match(opml, /<outline type="pressroom" text="[^"]*" pressroom:url="example\/tinyq" pressroom:kind="github"/);
      assert.match(opml, /pressroom:weight="2"/);
      // Imported into the same archive: nothing changes (no source renamed, no tag or weight lost).
      const listed = (await run('sources', 'list', '--json', '--db', db)).out;
      const file = join(mkdtempSync(join(tmpdir(), 'pressroom-opml-')), 'sources.opml');
      writeFileSync(file, opml);
      const again = await run('sources', 'import-opml', file, '--db', db);
      assert.match(again.out, /imported 12 sources .*: 0 new, 12 already there as the file has them$/);
      const strip = (j: string) => (JSON.parse(j) as Record<string, unknown>[]).map(({ title, kind, url, weight, lang, section, tags, enabled }) => ({ title, kind, url, weight, lang, section, tags, enabled }));
      assert.deepEqual(strip((await run('sources', 'list', '--json', '--db', db)).out), strip(listed));
      // Into a fresh archive: the same sources, and the same export.
      const fresh = await backend.create();
      assert.equal((await run('sources', 'import-opml', file, '--db', fresh)).code, 0);
      assert.deepEqual(strip((await run('sources', 'list', '--json', '--db', fresh)).out), strip(listed).filter((s) => s.kind !== 'submission'));
      assert.equal((await run('sources', 'export-opml', '--db', fresh)).written, opml);
    });

    test("another reader's OPML does not rename or reweigh the sources here: they are listed with both sides, and --replace takes the file's", async () => {
      const listed = JSON.parse((await run('sources', 'list', '--json', '--db', db)).out) as { id: number; url: string; title: string; weight: number; kind: string }[];
      const blog = listed.find((s) => s.url.endsWith('/blog.rss'))!;
      const theirs = `<?xml version="1.0"?><opml version="2.0"><head><title>theirs</title></head><body><outline text="Python">` +
        `<outline text="Their name for it" type="rss" xmlUrl="${blog.url}"/><outline text="New to us" type="rss" xmlUrl="${srv.url}/new-to-us.rss"/></outline></body></opml>`;
      const file = join(mkdtempSync(join(tmpdir(), 'pressroom-opml-')), 'theirs.opml');
      writeFileSync(file, theirs);
      const r = await run('sources', 'import-opml', file, '--db', db);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /imported 2 sources .*: 1 new, 0 already there as the file has them, 1 already there with other settings, left as they are\n/);
      assert.ok(r.out.includes(`  #${blog.id} ${blog.url}: title "${blog.title}" here, "Their name for it" in the file; tags "—" here, "Python" in the file`), r.out);
      assert.match(r.out, /--replace gives them the file's settings/);
      const after = JSON.parse((await run('sources', 'list', '--json', '--db', db)).out) as typeof listed;
      assert.equal(after.find((s) => s.id === blog.id)!.title, blog.title, 'the name here is kept');
      const replaced = await run('sources', 'import-opml', file, '--replace', '--db', db);
      assert.match(replaced.out, /: 0 new, 1 already there as the file has them, 1 given the file's settings$/);
      const now = JSON.parse((await run('sources', 'list', '--json', '--db', db)).out) as (typeof listed[number] & { tags: string[] })[];
      assert.deepEqual([now.find((s) => s.id === blog.id)!.title, now.find((s) => s.id === blog.id)!.tags], ['Their name for it', ['Python']]);
    });
  });
}
