// A source collected again reads only the entries that changed since it was stored
// (sources/feed/marks.ts), and what the editor sees is what reading everything would give.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { startServer } from '../http/test-server.ts';
import { platformsAt } from '../sources/types.ts';
import { candidateDetails, candidateRows } from '../store/candidates.ts';
import { freshStore, testDatabases } from '../store/test-databases.ts';
import { getSource, storedMarks, upsertSource, updateSource } from '../store/sources.ts';
import { collect } from './collect.ts';

const item = (i: number, comments: number) =>
  `<item><title>Post ${i}</title><link>https://blog.example.com/p/${i}</link><pubDate>${new Date(Date.UTC(2030, 0, i)).toUTCString()}</pubDate><slash:comments>${comments}</slash:comments><description>Text ${i}</description></item>`;
// Older than the 30 days a collection takes: seen, never a candidate.
const old = `<item><title>Old post</title><link>https://blog.example.com/p/old</link><pubDate>${new Date(Date.UTC(2029, 9, 1)).toUTCString()}</pubDate></item>`;
const feed = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><title>Blog</title><link>https://blog.example.com/</link>${items.join('')}</channel></rss>`;

for (const backend of await testDatabases()) {
  describe(`a source collected again, on ${backend.kind}`, { skip: backend.skip }, () => {
    const box = freshStore(backend);

    test('reads the new entry and the changed one; keeps the rest; a change of the source’s tags reads all again', async () => {
      let body = feed([item(3, 0), item(2, 0), item(1, 0), old]);
      const srv = await startServer();
      srv.route('/feed.xml', (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
      const fetcher = new Fetcher({ privateAddresses: 'loopback', hostDelayMs: 0, retries: 0 });
      const { store, pub } = box;
      const { id } = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${srv.url}/feed.xml` });
      const now = () => new Date(Date.UTC(2030, 0, 10));
      const run = async () => (await collect(store, pub, { fetcher, platforms: platformsAt(srv.url), force: true, now })).outcomes[0]!;
      const rows = async () => {
        const { rows, sightings } = await candidateRows(store.db, pub.id, { status: 'all' });
        const details = await candidateDetails(store.db, pub.id, rows.map((r) => r.id));
        return rows.map((r) => ({ title: r.title, comments: sightings.find((s) => s.candidate_id === r.id)!.comments, tags: JSON.parse(details.get(r.id)!.tags) as string[] })).sort((a, b) => a.title.localeCompare(b.title));
      };
      try {
        const first = await run();
        assert.deepEqual([first.status, first.created, first.seen], ['ok', 3, 4]);

        // The next day: a new post on top, and post 1 has comments now.
        body = feed([item(4, 0), item(3, 0), item(2, 0), item(1, 7), old]);
        const second = await run();
        assert.deepEqual([second.created, second.seen, second.unchanged], [1, 5, 3], 'one new candidate, post 1 read again, three left unread (the old one too); every entry counted as seen, as the day before');
        assert.deepEqual((await rows()).map((r) => [r.title, r.comments]), [['Post 1', 7], ['Post 2', 0], ['Post 3', 0], ['Post 4', 0]]);

        // The editor tags the source: its tag reaches every candidate it saw, unchanged entries too.
        await updateSource(store.db, pub.id, id, { tags: ['weekly-pick'] });
        const third = await run();
        assert.deepEqual([third.created, third.seen], [0, 5]);
        assert.ok((await rows()).every((r) => r.tags.includes('weekly-pick')), JSON.stringify(await rows()));
      } finally {
        await fetcher.close();
        await srv.close();
      }
    });

    test('what a collection records of each source: its fetch state, its marks, and the feed\'s title only where the editor gave none', async () => {
      const srv = await startServer();
      srv.route('/a.xml', (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"a1"', 'last-modified': 'Tue, 08 Jan 2030 10:00:00 GMT' }).end(feed([item(3, 0), item(2, 0)])));
      const fetcher = new Fetcher({ privateAddresses: 'loopback', hostDelayMs: 0, retries: 0 });
      const { store, pub } = box;
      const named = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${srv.url}/a.xml`, title: 'My name for it' });
      const unnamed = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${srv.url}/a.xml?copy` });
      const now = new Date(Date.UTC(2030, 0, 10));
      try {
        await collect(store, pub, { fetcher, platforms: platformsAt(srv.url), sourceIds: [named.id, unnamed.id], now: () => now });
        const [a, b] = [(await getSource(store.db, named.id))!, (await getSource(store.db, unnamed.id))!];
        assert.deepEqual([a.title, b.title], ['My name for it', 'Blog']);
        for (const s of [a, b]) {
          assert.deepEqual([s.etag, s.lastModified, s.lastFetchedAt, s.nextFetchAt, s.errorCount, s.lastError], ['"a1"', 'Tue, 08 Jan 2030 10:00:00 GMT', now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString(), 0, null]);
        }
        const marks = await storedMarks(store.db, [named.id, unnamed.id]);
        assert.deepEqual([...marks.values()].map((m) => m.marks.split(' ').length), [2, 2], 'both entries of each feed are marked');
      } finally {
        await fetcher.close();
        await srv.close();
      }
    });
  });
}
