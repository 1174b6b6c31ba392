// Markup nested past the limit is refused in one linear pass, before any parser builds a tree:
// feeds of 10k, 100k and 1M levels fail with an error naming the problem while the other
// sources are collected, a page of nested divs is refused by extraction, and the server answers
// /health throughout, even while a large feed just under the limit is read (on the reader thread).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { buildApp } from '../server/app.ts';
import { readFeed } from '../sources/feed/read.ts';
import { platformsFromEnv } from '../sources/types.ts';
import { openStore, type Store } from '../store/db.ts';
import { usePublication, type StoredPublication } from '../store/publications.ts';
import { upsertSource } from '../store/sources.ts';
import { checkDepth, DepthError, MAX_DEPTH } from '../html/depth.ts';
import { extractArticle } from '../html/extract.ts';
import { collect } from './collect.ts';
import { extractCandidates } from './extract.ts';
import { ThreadReader } from '../jobs/reader.ts';

const rss = (item: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><link>https://deep.example.com/</link>${item}</channel></rss>`;
const entry = (n: number, inner = '') => `<item><title>Entry ${n}</title><link>https://deep.example.com/${n}</link><pubDate>${new Date().toUTCString()}</pubDate><description>${inner}</description></item>`;
const nested = (levels: number) => rss(entry(1, '<div>'.repeat(levels) + 'x' + '</div>'.repeat(levels)));
/** About 8 MB of markup 990 levels deep: allowed, and a second's work to read. */
const heavy = () => {
  const block = '<div>'.repeat(990) + 'x' + '</div>'.repeat(990);
  return rss(entry(1, block.repeat(Math.floor(8e6 / block.length))));
};

describe('nesting past the limit', () => {
  test('10k, 100k and 1M levels are refused, each as fast as the first thousand levels are read', () => {
    // Each time is the best of three, and so is its floor: decoding the same body, which any
    // reading does first and which grows with the body, not with its depth.
    const times: number[] = [];
    const floors: number[] = [];
    for (const levels of [10_000, 100_000, 1_000_000]) {
      const body = Buffer.from(nested(levels));
      let best = Infinity;
      let floor = Infinity;
      for (let round = 0; round < 3; round++) {
        let t = performance.now();
        new TextDecoder().decode(body);
        floor = Math.min(floor, performance.now() - t);
        t = performance.now();
        assert.throws(
          () => readFeed(body, 'application/rss+xml', 'https://deep.example.com/feed'),
          (e: unknown) => e instanceof DepthError && e.limit === MAX_DEPTH && /elements nested deeper than 1000 levels \(line 1\); refused unread/.test(e.message),
        );
        best = Math.min(best, performance.now() - t);
      }
      times.push(best);
      floors.push(floor);
    }
    // Refusal stops at level 1,001: past decoding the body, 100 times the depth is not 100 times the work.
    const show = `refusal times ${times.map((t) => t.toFixed(1)).join(', ')} ms; decoding alone ${floors.map((t) => t.toFixed(1)).join(', ')} ms`;
    assert.ok(times[2]! - floors[2]! < 20 * (times[0]! + 1), show);
    // HTML rules: void elements and the optional ends of p and li do not count as depth.
    assert.doesNotThrow(() => checkDepth('<ul>' + '<li><p>item<br><img src=x>'.repeat(5000) + '</ul>', { html: true }));
    assert.throws(() => checkDepth('<span>'.repeat(1001), { html: true }), DepthError);
    assert.doesNotThrow(() => checkDepth('<script>' + '<div>'.repeat(5000) + '</script>', { html: true }), 'a script is text');
    assert.doesNotThrow(() => checkDepth('<![CDATA[' + '<div>'.repeat(5000) + ']]>', { html: false }), 'CDATA is text');
  });

  test('a page of nested divs is refused by extraction without building it', () => {
    const page = '<html><body>' + '<div>'.repeat(200_000) + '<p>' + 'word '.repeat(100) + '</p></body></html>';
    assert.ok(page.length > 1_000_000);
    assert.throws(() => extractArticle(page, 'https://deep.example.com/page'), /elements nested deeper than 1000 levels/);
  });

  describe('while the server runs', () => {
    let web: TestServer;
    let store: Store;
    let pub: StoredPublication;
    let fetcher: Fetcher;
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-nesting-'));
    before(async () => {
      web = await startServer();
      for (const levels of [10_000, 100_000, 1_000_000]) web.route(`/deep-${levels}.rss`, (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(nested(levels)));
      web.route('/fine.rss', (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(entry(7) + entry(8))));
      const big = heavy();
      web.route('/heavy.rss', (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(big));
      web.route('/page', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>' + '<div>'.repeat(300_000) + '</body></html>'));
      store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
      pub = await usePublication(store.db);
      // One retry, as collections have more: on a loaded machine the test server can drop a kept-alive connection as it is reused (ECONNRESET).
      fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 1, hostDelayMs: 0, maxBytes: 20 * 1024 * 1024 });
    });
    after(async () => {
      await fetcher?.close();
      await store?.close();
      await web?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('deep feeds fail with the reason, the others are collected, and nothing of a deep one is stored', async () => {
      for (const levels of [10_000, 100_000, 1_000_000]) await upsertSource(store.db, pub.id, { kind: 'feed', url: `${web.url}/deep-${levels}.rss`, title: `deep ${levels}` });
      await upsertSource(store.db, pub.id, { kind: 'feed', url: `${web.url}/fine.rss`, title: 'fine' });
      const reader = new ThreadReader();
      try {
        const { outcomes } = await collect(store, pub, { fetcher, platforms: platformsFromEnv({}), force: true, reader });
        const failed = outcomes.filter((o) => o.status === 'failed');
        assert.equal(failed.length, 3);
        for (const o of failed) assert.match(o.error!, /elements nested deeper than 1000 levels/);
        const urls = (await store.db.selectFrom('candidates').select('url').execute()).map((r) => r.url).sort();
        assert.deepEqual(urls, ['https://deep.example.com/7', 'https://deep.example.com/8']);
        const [c] = await store.db.selectFrom('candidates').select('id').execute();
        await store.db.updateTable('candidates').set({ url: `${web.url}/page` }).where('id', '=', c!.id).execute();
        const [x] = await extractCandidates(store, pub, { fetcher, ids: [c!.id], reader });
        assert.equal(x!.ok, false);
        assert.match(x!.error!, /elements nested deeper than 1000 levels/);
      } finally {
        await reader.close();
      }
    });

    test('/health answers while a large feed is read on the reader thread', async () => {
      // The same feed read inline: how long the event loop would be held.
      const body = Buffer.from(heavy());
      let t = performance.now();
      readFeed(body, 'application/rss+xml', 'https://deep.example.com/heavy');
      const inline = performance.now() - t;
      const app = await buildApp(store, { webDir: null });
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const { id } = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${web.url}/heavy.rss`, title: 'heavy' });
      const reader = new ThreadReader();
      try {
        let done = false;
        const collecting = collect(store, pub, { fetcher, platforms: platformsFromEnv({}), sourceIds: [id], reader }).finally(() => (done = true));
        let gap = 0;
        let answers = 0;
        t = performance.now();
        while (!done) {
          const r = await fetch(`${base}/health`);
          assert.equal(r.status, 200);
          await r.text();
          const now = performance.now();
          gap = Math.max(gap, now - t);
          t = now;
          answers++;
        }
        const { outcomes } = await collecting;
        assert.equal(outcomes[0]!.status, 'ok', outcomes[0]!.error);
        assert.ok(answers > 5, `${answers} answers during the collection`);
        assert.ok(gap < inline / 2, `the longest wait for /health was ${gap.toFixed(0)} ms; reading inline holds the loop ${inline.toFixed(0)} ms`);
      } finally {
        await reader.close();
        await app.close();
      }
    });
  });
});
