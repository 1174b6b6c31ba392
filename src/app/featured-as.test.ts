// "Featured before" names the item: a candidate that is the same project as an earlier issue's
// item (here its documentation site) is marked with the issue and the title the item had there.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { saveIssue } from '../store/issues.ts';
import { getSource, upsertSource } from '../store/sources.ts';
import { rankedCandidates, recordSightings } from './candidates.ts';
import { storeWithTestPublication, testIssue } from './test-fixtures.ts';

test('a candidate that is an earlier item\'s project is marked with the issue and the item\'s title', async () => {
  const { store, stored } = await storeWithTestPublication();
  try {
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, testIssue(7)));
    const { id } = await upsertSource(store.db, stored.id, { kind: 'feed', url: 'https://blog.example.net/feed.xml' });
    const source = (await getSource(store.db, id))!;
    await store.db.transaction().execute((tx) => recordSightings(tx, stored, source, [{ url: 'https://example.github.io/tool7/', title: 'tool7 1.0 is out', summary: '', points: 0, comments: 0, tags: [] }], new Date()));
    const [c] = await rankedCandidates(store.db, stored.id);
    assert.equal(c!.featuredIn, 7);
    assert.match(c!.featuredAs ?? '', /^tool7[：:]/);
  } finally {
    await store.close();
  }
});
