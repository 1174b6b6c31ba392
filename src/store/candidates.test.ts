import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sighting } from '../sources/types.ts';
import { MAX_URL_LENGTH, rankedCandidates, recordSightings } from './candidates.ts';
import { openStore, type Store } from './db.ts';
import { usePublication, type StoredPublication } from './publications.ts';
import { getSource, upsertSource } from './sources.ts';
import { testDatabases } from './test-databases.ts';

const sighting = (url: string, title: string): Sighting => ({ url, title, summary: '', points: 0, comments: 0, tags: [] });

for (const backend of await testDatabases()) {
  describe(`recording sightings on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let pub: StoredPublication;
    before(async () => {
      store = await openStore(await backend.create());
      pub = await usePublication(store.db);
    });
    after(async () => {
      await store?.close();
      await backend.cleanup();
    });

    test('a link too long to open is left out, and the rest of the source is stored', async () => {
      const source = (await getSource(store.db, (await upsertSource(store.db, pub.id, { kind: 'feed', url: 'https://long.example/feed.xml' })).id))!;
      const long = `https://long.example/p?${'x'.repeat(3000)}=1`;
      assert.ok(long.length > MAX_URL_LENGTH);
      const out = await store.db.transaction().execute((tx) => recordSightings(tx, pub, source, [sighting(long, 'Too long'), sighting('https://long.example/ok', 'Fine')], new Date('2030-01-01T00:00:00Z')));
      assert.deepEqual(out, { created: 1, seen: 1 });
      const titles = (await rankedCandidates(store.db, pub.id, {}, new Date('2030-01-01T00:00:00Z'))).map((c) => c.title);
      assert.deepEqual(titles, ['Fine']);
    });
  });
}
