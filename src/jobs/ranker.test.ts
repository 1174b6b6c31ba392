// The ranking thread: what it ranks is what ranking inline gives, candidate for candidate; it reads
// on a connection of its own, so it answers while the writer's transaction is open and sees only
// what was committed; a thread that cannot start leaves the call to the inline ranking.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { recordSightings } from '../app/candidates.ts';
import { storeWithTestPublication } from '../app/test-fixtures.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { getSource, upsertSource } from '../store/sources.ts';
import { inlineRanker, ThreadRanker } from './ranker.ts';

describe('ranking the inbox on a thread of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-ranker-'));
  const url = `sqlite:${join(dir, 'db.sqlite')}`;
  const now = new Date('2030-05-01T12:00:00Z');
  let store: Store;
  let stored: StoredPublication;
  let ranker: ThreadRanker;
  const sighting = (url: string, title: string, hoursAgo: number) => ({ url, title, summary: `<p>${title}, in short.</p>`, points: 0, comments: 0, tags: ['python'], published: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString() });

  before(async () => {
    ({ store, stored } = await storeWithTestPublication(url));
    for (let s = 0; s < 5; s++) {
      const source = (await getSource(store.db, (await upsertSource(store.db, stored.id, { kind: 'feed', url: `https://blog${s}.example/feed.xml`, title: `Blog ${s}` })).id))!;
      await store.db.transaction().execute((tx) => recordSightings(tx, stored, source, Array.from({ length: 40 }, (_, i) => sighting(`https://blog${s}.example/${i}`, `Blog ${s}, post ${i}: on release ${s}.${i}`, i + s)), now));
    }
    ranker = new ThreadRanker(url, inlineRanker(store));
  });
  after(async () => {
    await ranker?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('gives what ranking inline gives', async () => {
    for (const f of [{ limit: 50 }, { text: 'release 3', limit: 500 }, { sourceId: 2 }]) {
      const [threaded, inline] = await Promise.all([ranker.rankedPage(stored.id, f, now), inlineRanker(store).rankedPage(stored.id, f, now)]);
      assert.equal(threaded.total, inline.total);
      assert.deepEqual(threaded.candidates.map((c) => [c.id, c.score, c.summary, c.sources.map((s) => s.title)]), inline.candidates.map((c) => [c.id, c.score, c.summary, c.sources.map((s) => s.title)]));
    }
  });

  test('answers while the writer holds a transaction open, with what was committed', async () => {
    const source = (await getSource(store.db, (await upsertSource(store.db, stored.id, { kind: 'feed', url: 'https://late.example/feed.xml' })).id))!;
    const before = (await ranker.rankedPage(stored.id, {}, now)).total;
    await store.db.transaction().execute(async (tx) => {
      await recordSightings(tx, stored, source, [sighting('https://late.example/1', 'Not committed yet', 0)], now);
      const during = await ranker.rankedPage(stored.id, {}, now);
      assert.equal(during.total, before, 'the open transaction is not seen, and not waited for');
      assert.ok(!during.candidates.some((c) => c.title === 'Not committed yet'));
    });
    assert.equal((await ranker.rankedPage(stored.id, {}, now)).total, before + 1, 'once committed, it is');
  });

  test('a thread that cannot start leaves the call to the inline ranking', async () => {
    const broken = new ThreadRanker(`sqlite:${join(dir, 'no-such-folder', 'none.sqlite')}`, inlineRanker(store));
    try {
      const r = await broken.rankedPage(stored.id, { limit: 3 }, now);
      assert.equal(r.candidates.length, 3);
    } finally {
      await broken.close();
    }
  });
});
