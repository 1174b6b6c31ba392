// The reader threads: what a collection of many feeds reads on them is what reading inline gives,
// entry for entry, and what the editor finds in the inbox is the same either way.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { collect, READ_ON_THREADS } from '../app/collect.ts';
import { storeWithTestPublication } from '../app/test-fixtures.ts';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { readFeed } from '../sources/feed/read.ts';
import { platformsFromEnv } from '../sources/types.ts';
import { upsertSource } from '../store/sources.ts';
import { defaultReaderThreads, inlineReader, ThreadReader, type Reader } from './reader.ts';

const day = (n: number) => new Date(Date.now() - n * 86_400_000);

/** Feed f in one of three formats, with entries that exercise the reader: escaped HTML with a lead
 * image, Chinese text, an episode's file, a link shared by every episode of a show. */
function feed(f: number): { body: string; type: string } {
  const host = `https://site${f}.example.com`;
  const items = Array.from({ length: 12 }, (_, i) => ({
    title: f % 4 === 1 ? `第${i}篇：异步与类型 ${f}` : `Post ${i} of site ${f} & friends`,
    link: f % 4 === 3 ? `${host}/` : `${host}/posts/${i}?utm_source=rss`,
    guid: `${host}/episodes/${i}`,
    date: day(i * 2),
    html: `<p>Words of post ${i}, with <a href="/about">a link</a>.</p><img src="/img/${i}.png" width="600">`,
  }));
  if (f % 3 === 2) {
    return {
      type: 'application/feed+json',
      body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: `Site ${f}`, home_page_url: `${host}/`, items: items.map((it) => ({ id: it.guid, url: it.link, title: it.title, content_html: it.html, date_published: it.date.toISOString() })) }),
    };
  }
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  if (f % 3 === 1) {
    return {
      type: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Site ${f}</title><link href="${host}/"/><id>${host}/</id>${items
        .map((it) => `<entry><title>${esc(it.title)}</title><link href="${esc(it.link)}"/><id>${it.guid}</id><updated>${it.date.toISOString()}</updated><content type="html">${esc(it.html)}</content></entry>`)
        .join('')}</feed>`,
    };
  }
  return {
    type: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Site ${f}</title><link>${host}/</link>${items
      .map((it) => `<item><title>${esc(it.title)}</title><link>${esc(it.link)}</link><guid>${it.guid}</guid><pubDate>${it.date.toUTCString()}</pubDate><description>${esc(it.html)}</description><enclosure url="${host}/files/${it.guid.split('/').pop()}.mp3" type="audio/mpeg" length="1000"/></item>`)
      .join('')}</channel></rss>`,
  };
}

const FEEDS = READ_ON_THREADS + 4;

describe('reader threads', () => {
  let web: TestServer;
  before(async () => {
    web = await startServer();
    for (let f = 0; f < FEEDS; f++) {
      const { body, type } = feed(f);
      const gz = f % 4 === 0;
      web.route(`/feed${f}`, (_q, res) => void res.writeHead(200, { 'content-type': type, ...(gz ? { 'content-encoding': 'gzip' } : {}) }).end(gz ? gzipSync(body) : body));
    }
  });
  after(() => web.close());

  test('a pool reads every feed as inline reading does, bodies handed over or copied', async () => {
    const pool = new ThreadReader({ threads: 2 }).warm();
    try {
      for (let f = 0; f < 6; f++) {
        const { body, type } = feed(f);
        const expected = readFeed(Buffer.from(body), type, `https://site${f}.example.com/feed`);
        // A body that owns its memory moves to the thread; a small Buffer shares Node's pool and is copied.
        const owned = new Uint8Array(Buffer.byteLength(body));
        owned.set(Buffer.from(body));
        const [moved, copied] = await Promise.all([pool.readFeed(owned, type, `https://site${f}.example.com/feed`), pool.readFeed(Buffer.from(body), type, `https://site${f}.example.com/feed`)]);
        assert.deepEqual(moved, expected, `feed ${f}, moved`);
        assert.deepEqual(copied, expected, `feed ${f}, copied`);
        assert.equal(expected.sightings.length, 12);
      }
    } finally {
      await pool.close();
    }
  });

  test('a read that fails on a thread fails that feed alone, with the reason', async () => {
    const pool = new ThreadReader({ threads: 1 });
    try {
      await assert.rejects(pool.readFeed(Buffer.from('<html><body>not a feed</body></html>'), 'text/html', 'https://x.example.com/'), /root element <html> is not RSS, RDF or Atom/);
      const { body, type } = feed(0);
      assert.equal((await pool.readFeed(Buffer.from(body), type, 'https://site0.example.com/feed')).sightings.length, 12);
    } finally {
      await pool.close();
    }
  });

  test(`a first collection of ${READ_ON_THREADS} feeds or more reads on threads of its own, the daily one inline, and the inbox is what inline reading gives`, async () => {
    const inbox = async (reader: Reader | undefined) => {
      const { store, stored } = await storeWithTestPublication();
      const fetcher = new Fetcher({ privateAddresses: 'loopback', hostDelayMs: 0, perHost: 8 });
      try {
        for (let f = 0; f < FEEDS; f++) await upsertSource(store.db, stored.id, { kind: 'feed', url: `${web.url}/feed${f}` });
        const run = await collect(store, stored, { fetcher, platforms: platformsFromEnv({}), force: true, reader });
        assert.equal(run.progress.errors, 0, JSON.stringify(run.outcomes.map((o) => o.error).filter(Boolean)));
        const rows = await store.db.selectFrom('candidates').select(['url', 'title', 'summary', 'image', 'kind', 'section', 'published_at', 'enclosure', 'lang']).orderBy('url').execute();
        const seen = run.outcomes.reduce((n, o) => n + o.seen, 0);
        // The next day every entry is known: nothing is read whole, so nothing is read on threads.
        const daily = await collect(store, stored, { fetcher, platforms: platformsFromEnv({}), force: true, reader });
        assert.equal(daily.threads, 0);
        assert.equal(daily.outcomes.reduce((n, o) => n + (o.unchanged ?? 0), 0), FEEDS * 12);
        return { rows, seen, threads: run.threads };
      } finally {
        await fetcher.close();
        await store.close();
      }
    };
    const threads = await inbox(undefined);
    const inline = await inbox(inlineReader);
    assert.equal(threads.threads, defaultReaderThreads());
    assert.equal(inline.threads, 0);
    assert.equal(threads.seen, FEEDS * 12);
    // Every entry is a candidate: the show's episodes by their guids, the rest by their links.
    assert.equal(threads.rows.length, FEEDS * 12);
    assert.deepEqual(threads.rows, inline.rows);
    assert.ok(threads.rows.some((r) => r.title.startsWith('第') && r.summary.includes('a link')));
    assert.ok(threads.rows.some((r) => r.enclosure?.includes('audio/mpeg') && r.kind === 'media'));
  });

  test('a pool has a thread per spare core, at least one and at most four', () => {
    assert.equal(defaultReaderThreads(1), 1);
    assert.equal(defaultReaderThreads(2), 1);
    assert.equal(defaultReaderThreads(4), 3);
    assert.equal(defaultReaderThreads(32), 4);
  });

  test('a thread starts in a process run with V8 flags and a loader, as `node --max-old-space-size=… pressroom` is', () => {
    const code = `import { ThreadReader } from ${JSON.stringify(new URL('./reader.ts', import.meta.url).href)};
      const pool = new ThreadReader({ threads: 1 });
      const read = await pool.readFeed(Buffer.from('<rss><channel><item><title>One</title><link>https://a.example.com/1</link></item></channel></rss>'), 'application/rss+xml', 'https://a.example.com/feed');
      await pool.close();
      console.log(read.sightings.map((s) => s.title).join());`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=512', '--stack-size=2000', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'One');
  });
});
