// An episode's file stays with its candidate, on both stores: recorded from the sighting, ranked
// with it (and so in the inbox), and on the item when picked; it makes a Podcasts & Videos
// suggestion.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../store/db.ts';
import { upsertSource, getSource } from '../store/sources.ts';
import type { StoredPublication } from '../store/publications.ts';
import { testDatabases } from '../store/test-databases.ts';
import { rankedCandidates, recordSightings } from './candidates.ts';
import { storeWithTestPublication } from './test-fixtures.ts';

for (const backend of await testDatabases()) {
  describe(`episodes keep their file on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let stored: StoredPublication;
    before(async () => {
      ({ store, stored } = await storeWithTestPublication(await backend.create()));
    });
    after(async () => {
      await store?.close();
      await backend.cleanup();
    });

    test('recorded, ranked and suggested as Podcasts & Videos', async () => {
      const { id } = await upsertSource(store.db, stored.id, { kind: 'feed', url: 'https://show.example.com/feed.xml' });
      const source = (await getSource(store.db, id))!;
      const enclosure = { url: 'https://cdn.example.com/ep7.mp3', type: 'audio/mpeg', length: 31457280, duration: 2520 };
      await store.db.transaction().execute((tx) => recordSightings(tx, stored, source, [{ url: 'https://cdn.example.com/ep7.mp3', title: 'Episode 7', summary: '', media: true, enclosure, points: 0, comments: 0, tags: [] }], new Date(), store.sqlite ? { sqlite: store.sqlite } : {}));
      const [c] = await rankedCandidates(store.db, stored.id);
      assert.deepEqual(c!.enclosure, enclosure);
      assert.equal(c!.section, 'media');
    });
  });
}
