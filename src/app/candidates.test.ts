import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Sighting } from '../sources/types.ts';
import { MAX_URL_LENGTH } from '../rank/place.ts';
import { rankedCandidates, rankedPage, recordSightings } from './candidates.ts';
import { getSource, recordSuccess, upsertSource } from '../store/sources.ts';
import { freshStore, testDatabases } from '../store/test-databases.ts';

const sighting = (url: string, title: string): Sighting => ({ url, title, summary: '', points: 0, comments: 0, tags: [] });

for (const backend of await testDatabases()) {
  describe(`recording sightings on ${backend.kind}`, { skip: backend.skip }, () => {
    const t = freshStore(backend);

    test('a link too long to open is left out, and the rest of the source is stored', async () => {
      const source = (await getSource(t.store.db, (await upsertSource(t.store.db, t.pub.id, { kind: 'feed', url: 'https://long.example/feed.xml' })).id))!;
      const long = `https://long.example/p?${'x'.repeat(3000)}=1`;
      assert.ok(long.length > MAX_URL_LENGTH);
      const out = await t.store.db.transaction().execute((tx) => recordSightings(tx, t.pub, source, [sighting(long, 'Too long'), sighting('https://long.example/ok', 'Fine')], new Date('2030-01-01T00:00:00Z')));
      assert.deepEqual(out, { created: 1, seen: 1 });
      const titles = (await rankedCandidates(t.store.db, t.pub.id, {}, new Date('2030-01-01T00:00:00Z'))).map((c) => c.title);
      assert.deepEqual(titles, ['Fine']);
    });

    test("one feed's episodes are never near-duplicates of each other; the same story from two feeds is", async () => {
      const when = new Date('2030-02-01T00:00:00Z');
      const record = async (url: string, entries: Sighting[]) => {
        const source = (await getSource(t.store.db, (await upsertSource(t.store.db, t.pub.id, { kind: 'feed', url })).id))!;
        await t.store.db.transaction().execute((tx) => recordSightings(tx, t.pub, source, entries, when));
      };
      await record('https://pod.example/feed.xml', [1, 2, 3].map((n) => sighting(`https://pod.example/ep/${n}.mp3`, `Packaging talk with our guest, part ${n === 3 ? 'three' : n === 2 ? 'two' : 'one'}`)));
      await record('https://a.example/feed.xml', [sighting('https://a.example/free-threading', 'Free-threaded Python is now supported')]);
      await record('https://b.example/feed.xml', [sighting('https://b.example/ft', 'Free-threaded Python is now supported!')]);
      const ranked = (await rankedCandidates(t.store.db, t.pub.id, {}, when)).filter((c) => /pod\.example|free-threading|\/ft$/.test(c.url));
      const marked = ranked.filter((c) => c.duplicateOf !== null).map((c) => c.url);
      assert.deepEqual(marked.length, 1, `only one of the two feeds' story is marked: ${marked.join(', ')}`);
      assert.match(marked[0]!, /a\.example|b\.example/);
      // On Hacker News one story is often posted twice, under two links: those are grouped.
      const hn = (await getSource(t.store.db, (await upsertSource(t.store.db, t.pub.id, { kind: 'hn', url: 'asyncio' })).id))!;
      await t.store.db.transaction().execute((tx) => recordSightings(tx, t.pub, hn, [sighting('https://c.example/tg', 'Task groups in asyncio, explained'), sighting('https://d.example/tg', 'Task groups in asyncio explained')], when));
      const posted = (await rankedCandidates(t.store.db, t.pub.id, {}, when)).filter((c) => /\/tg$/.test(c.url));
      assert.equal(posted.filter((c) => c.duplicateOf !== null).length, 1, 'one of the two posts is marked as the other');
    });

    test('a source showing links again writes only what changes something: new links, new counts, what a link lacked', async () => {
      const id = (await upsertSource(t.store.db, t.pub.id, { kind: 'feed', url: 'https://again.example/feed.xml' })).id;
      const at = (day: number) => new Date(Date.UTC(2030, 0, day));
      const link = (name: string) => `https://again.example/${name}`;
      const first = (await getSource(t.store.db, id))!;
      await t.store.db.transaction().execute((tx) => recordSightings(tx, t.pub, first, [sighting(link('a'), 'A'), sighting(link('b'), 'B'), sighting(link('e'), 'E')], at(1), { sqlite: t.store.sqlite }));
      await recordSuccess(t.store.db, id, at(1), {});
      const again = (await getSource(t.store.db, id))!;
      assert.ok(again.lastFetchedAt, 'the source has been collected once');
      const out = await t.store.db
        .transaction()
        .execute((tx) =>
          recordSightings(tx, t.pub, again, [sighting(link('a'), 'A'), { ...sighting(link('b'), 'B'), comments: 5 }, sighting(link('c'), 'C'), { ...sighting(link('e'), 'E'), summary: 'Now with a text' }], at(2), {
            sqlite: t.store.sqlite,
          }),
        );
      assert.deepEqual(out, { created: 1, seen: 4 });
      const rows = await t.store.db
        .selectFrom('sightings')
        .innerJoin('candidates', 'candidates.id', 'sightings.candidate_id')
        .select(['candidates.url', 'candidates.summary', 'sightings.comments', 'sightings.seen_at'])
        .where('sightings.source_id', '=', id)
        .orderBy('candidates.url')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.url.slice(-1), r.summary, r.comments, r.seen_at]),
        [
          ['a', '', 0, at(1).toISOString()],
          ['b', '', 5, at(2).toISOString()],
          ['c', '', 0, at(2).toISOString()],
          ['e', 'Now with a text', 0, at(2).toISOString()],
        ],
        'the unchanged link keeps its first sighting; new counts, a new link and a text the link lacked are written',
      );
    });

    // The embedded store writes through its own connection; both ways must leave the same rows.
    for (const bulk of backend.kind === 'sqlite' ? [false, true] : [false]) {
      test(`a link seen again keeps what it had and gains what it lacked${bulk ? ' (through the embedded connection)' : ''}`, async () => {
        const feed = async (url: string, tags: string[]) => (await getSource(t.store.db, (await upsertSource(t.store.db, t.pub.id, { kind: 'feed', url, tags })).id))!;
        const [a, b] = [await feed(`https://a.example/${bulk}.xml`, ['from-a']), await feed(`https://b.example/${bulk}.xml`, ['from-b'])];
        const url = `https://post.example/${bulk}/merge?utm_source=rss`;
        const record = (source: typeof a, s: Partial<Sighting>, now: string, starGain?: number) =>
          t.store.db.transaction().execute((tx) =>
            recordSightings(tx, t.pub, source, [{ ...sighting(url, 'Merged'), ...s }], new Date(now), { starGain, ...(bulk ? { sqlite: t.store.sqlite } : {}) }),
          );
        assert.deepEqual(await record(a, { published: '2030-01-02T00:00:00.000Z', tags: ['python'] }, '2030-01-03T00:00:00Z'), { created: 1, seen: 1 });
        const state = async () => (await rankedCandidates(t.store.db, t.pub.id, { text: `/${bulk}/merge` }, new Date('2030-01-06T00:00:00Z'))).filter((x) => x.url.includes(`/${bulk}/merge`));
        assert.deepEqual(
          await record(b, { summary: 'What it is about', image: 'https://post.example/lead.png', published: '2030-01-01T00:00:00.000Z', points: 40, tags: ['web'], stars: 900 }, '2030-01-04T00:00:00Z', 25),
          { created: 0, seen: 1 },
        );
        const [lacked] = await state();
        assert.equal(lacked?.summary, 'What it is about', 'a missing summary is filled');
        assert.equal(lacked?.image, 'https://post.example/lead.png', 'a missing image is filled');
        await record(a, { summary: 'A later, different text', image: 'https://post.example/other.png', published: '2030-01-05T00:00:00.000Z' }, '2030-01-05T00:00:00Z');
        const all = await state();
        assert.equal(all.length, 1, 'one candidate');
        const c = all[0]!;
        assert.equal(c.url, `https://post.example/${bulk}/merge`);
        assert.equal(c.summary, 'What it is about', 'the first summary stays');
        assert.equal(c.image, 'https://post.example/lead.png', 'the first image stays');
        assert.equal(c.publishedAt, '2030-01-01T00:00:00.000Z', 'the earliest date wins');
        assert.deepEqual([...c.tags].sort(), ['from-a', 'from-b', 'python', 'web']);
        assert.equal(c.stars, 900);
        assert.equal(c.starGain, 25);
        assert.equal(c.engagement, 40, 'points add up over sources');
        assert.deepEqual(c.sources.map((x) => x.id).sort(), [a.id, b.id].sort());
      });
    }

    test('a page of the ranking says how many the filter selects in all; the search finds words in any case, a tag exactly, and % as itself', async () => {
      const when = new Date('2030-03-01T00:00:00Z');
      const source = (await getSource(t.store.db, (await upsertSource(t.store.db, t.pub.id, { kind: 'feed', url: 'https://page.example/feed.xml' })).id))!;
      const entries: Sighting[] = Array.from({ length: 30 }, (_, i) => ({
        ...sighting(`https://page.example/p/${i}`, i === 7 ? 'Speeding up CPython by 100%' : `Post ${i} about Async IO`),
        tags: i === 3 ? ['Packaging'] : [],
        published: new Date(when.getTime() - i * 3_600_000).toISOString(),
      }));
      await t.store.db.transaction().execute((tx) => recordSightings(tx, t.pub, source, entries, when));
      const page = await rankedPage(t.store.db, t.pub.id, { sourceId: source.id, limit: 10 }, when);
      assert.deepEqual([page.candidates.length, page.total], [10, 30]);
      assert.deepEqual(page.candidates.slice(0, 2).map((c) => c.title), ['Post 0 about Async IO', 'Post 1 about Async IO'], 'the newest first, made whole');
      assert.equal(page.candidates[0]!.summary, '', 'read whole: the summary is the stored one');
      const found = async (text: string) => (await rankedPage(t.store.db, t.pub.id, { sourceId: source.id, text }, when)).candidates.map((c) => c.url.split('/').pop()).sort();
      assert.equal((await found('async io')).length, 29, 'any case');
      assert.deepEqual(await found('packaging'), ['3'], 'a tag, in any case');
      assert.deepEqual(await found('100%'), ['7']);
      assert.deepEqual(await found('0%'), ['7'], '% is the text, not a pattern: "Post 10…" does not match');
    });
  });
}
