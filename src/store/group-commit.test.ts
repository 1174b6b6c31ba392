import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GroupCommit } from './group-commit.ts';
import { upsertSource } from './sources.ts';
import { freshStore, testDatabases } from './test-databases.ts';

for (const backend of await testDatabases()) {
  describe(`group commit on ${backend.kind}`, { skip: backend.skip }, () => {
    const t = freshStore(backend);

    const titles = async () => (await t.store.db.selectFrom('sources').select('title').where('publication_id', '=', t.pub.id).orderBy('title').execute()).map((r) => r.title);

    test('writes that arrive together share a transaction, and each learns its own result', async () => {
      const writer = new GroupCommit(t.store.db);
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) => writer.write(async (tx) => (await upsertSource(tx, t.pub.id, { kind: 'feed', url: `https://a.example/${i}.xml`, title: `a${i}` })).id)),
      );
      assert.equal(new Set(ids).size, 10);
      assert.ok(writer.commits < 10, `${writer.commits} commits for 10 writes`);
      assert.equal((await titles()).filter((t) => t.startsWith('a')).length, 10);
    });

    test('a failing write fails alone; the writes batched with it land', async () => {
      const writer = new GroupCommit(t.store.db);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          writer.write(async (tx) => {
            await upsertSource(tx, t.pub.id, { kind: 'feed', url: `https://b.example/${i}.xml`, title: `b${i}` });
            if (i === 2) await tx.insertInto('sources').values({ publication_id: t.pub.id, kind: 'feed', url: `https://b.example/0.xml`, title: 'duplicate', created_at: new Date().toISOString() }).execute();
            return i;
          }),
        ),
      );
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      assert.deepEqual((await titles()).filter((t) => t.startsWith('b')), ['b0', 'b1', 'b3', 'b4'], 'the failed write left nothing behind');
    });
  });
}
