import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Sighting } from '../sources/types.ts';
import { MAX_URL_LENGTH, rankedCandidates, recordSightings } from './candidates.ts';
import { getSource, upsertSource } from './sources.ts';
import { freshStore, testDatabases } from './test-databases.ts';

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
  });
}
