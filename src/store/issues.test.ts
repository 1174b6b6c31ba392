import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoIssue } from '../core/demo-issue.ts';
import { openStore, type Store } from './db.ts';
import { listIssues, loadAllIssues, loadIssue, saveIssue } from './issues.ts';
import { usePublication } from './publications.ts';
import { testDatabases } from './test-databases.ts';

for (const backend of await testDatabases()) {
  describe(`issues on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let pubId: number;
    before(async () => {
      store = await openStore(await backend.create());
      pubId = (await usePublication(store.db)).id;
    });
    after(async () => {
      await store?.close();
      await backend.cleanup();
    });

    test('an issue saved is loaded back the same, item ids assigned', async () => {
      const issue = demoIssue(new Date('2030-02-01'));
      await store.db.transaction().execute((tx) => saveIssue(tx, pubId, issue));
      const loaded = await loadIssue(store.db, pubId, 1);
      assert.ok(loaded);
      assert.ok(loaded.items.every((i) => typeof i.id === 'number'));
      assert.deepEqual(loaded, issue);
    });

    test('saving again updates in place and keeps item ids', async () => {
      const issue = (await loadIssue(store.db, pubId, 1))!;
      const ids = issue.items.map((i) => i.id);
      issue.items[0]!.texts.en!.blurb = 'Edited.';
      issue.items.pop();
      await store.db.transaction().execute((tx) => saveIssue(tx, pubId, issue));
      const loaded = (await loadIssue(store.db, pubId, 1))!;
      assert.equal(loaded.items.length, 1);
      assert.equal(loaded.items[0]!.id, ids[0]);
      assert.equal(loaded.items[0]!.texts.en!.blurb, 'Edited.');
    });

    test('a write that fails half way leaves the stored issue as it was', async () => {
      const before = await loadIssue(store.db, pubId, 1);
      const broken = structuredClone(before!);
      broken.date = '2031-01-01';
      broken.items.push({ section: 'projects', position: 0, url: 'https://example.com/x', image: null, meta: {}, texts: { zh: { title: null as unknown as string, blurb: '' } } });
      await assert.rejects(store.db.transaction().execute((tx) => saveIssue(tx, pubId, broken)));
      assert.deepEqual(await loadIssue(store.db, pubId, 1), before);
    });

    test('issues list newest first and load all at once', async () => {
      const second = { ...demoIssue(new Date('2030-02-08')), number: 2 };
      await store.db.transaction().execute((tx) => saveIssue(tx, pubId, second));
      assert.deepEqual(
        (await listIssues(store.db, pubId)).map((s) => s.number),
        [2, 1],
      );
      const all = await loadAllIssues(store.db, pubId);
      assert.deepEqual(
        all.map((i) => [i.number, i.items.length]),
        [
          [2, 2],
          [1, 1],
        ],
      );
    });
  });
}
