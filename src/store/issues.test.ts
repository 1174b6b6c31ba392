import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoIssue } from '../core/demo-issue.ts';
import { listIssues, loadAllIssues, loadIssue, saveIssue } from './issues.ts';
import { freshStore, testDatabases } from './test-databases.ts';

for (const backend of await testDatabases()) {
  describe(`issues on ${backend.kind}`, { skip: backend.skip }, () => {
    const t = freshStore(backend);

    test('an issue saved is loaded back the same, item ids assigned', async () => {
      const issue = demoIssue(new Date('2030-02-01'));
      await t.store.db.transaction().execute((tx) => saveIssue(tx, t.pub.id, issue));
      const loaded = await loadIssue(t.store.db, t.pub.id, 1);
      assert.ok(loaded);
      assert.ok(loaded.items.every((i) => typeof i.id === 'number'));
      assert.deepEqual(loaded, issue);
    });

    test('saving again updates in place and keeps item ids', async () => {
      const issue = (await loadIssue(t.store.db, t.pub.id, 1))!;
      const ids = issue.items.map((i) => i.id);
      issue.items[0]!.texts.en!.blurb = 'Edited.';
      issue.items.pop();
      await t.store.db.transaction().execute((tx) => saveIssue(tx, t.pub.id, issue));
      const loaded = (await loadIssue(t.store.db, t.pub.id, 1))!;
      assert.equal(loaded.items.length, 1);
      assert.equal(loaded.items[0]!.id, ids[0]);
      assert.equal(loaded.items[0]!.texts.en!.blurb, 'Edited.');
    });

    test('an item whose link or image would run a script is refused, and nothing of the issue is written', async () => {
      const before = await loadIssue(t.store.db, t.pub.id, 1);
      for (const [field, value] of [['url', 'java\tscript:alert(1)'], ['image', 'JaVaScRiPt:alert(1)']] as const) {
        const hostile = structuredClone(before!);
        hostile.date = '2031-02-02';
        hostile.items.push({ section: 'projects', position: 5, url: 'https://example.com/x', image: null, meta: {}, texts: { zh: { title: '坏链接', blurb: '' } }, [field]: value });
        await assert.rejects(
          t.store.db.transaction().execute((tx) => saveIssue(tx, t.pub.id, hostile)),
          new RegExp(`issue #1: "坏链接": ${field === 'url' ? 'link' : 'image'} .* uses "javascript:"`),
        );
        assert.deepEqual(await loadIssue(t.store.db, t.pub.id, 1), before);
      }
    });

    test('a write that fails half way leaves the stored issue as it was', async () => {
      const before = await loadIssue(t.store.db, t.pub.id, 1);
      const broken = structuredClone(before!);
      broken.date = '2031-01-01';
      broken.items.push({ section: 'projects', position: 0, url: 'https://example.com/x', image: null, meta: {}, texts: { zh: { title: null as unknown as string, blurb: '' } } });
      await assert.rejects(t.store.db.transaction().execute((tx) => saveIssue(tx, t.pub.id, broken)));
      assert.deepEqual(await loadIssue(t.store.db, t.pub.id, 1), before);
    });

    test('issues list newest first and load all at once', async () => {
      const second = { ...demoIssue(new Date('2030-02-08')), number: 2 };
      await t.store.db.transaction().execute((tx) => saveIssue(tx, t.pub.id, second));
      assert.deepEqual(
        (await listIssues(t.store.db, t.pub.id)).map((s) => s.number),
        [2, 1],
      );
      const all = await loadAllIssues(t.store.db, t.pub.id);
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
