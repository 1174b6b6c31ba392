import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoIssue } from '../core/demo-issue.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { usePublication } from '../store/publications.ts';
import { testDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import { setupOwner, type Editor } from './test-session.ts';

for (const backend of await testDatabases()) {
  describe(`the JSON API on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let editor: Editor;
    before(async () => {
      store = await openStore(await backend.create());
      const { id } = await usePublication(store.db);
      await store.db.transaction().execute((tx) => saveIssue(tx, id, demoIssue(new Date('2030-05-04'))));
      app = await buildApp(store, { webDir: null });
      editor = await setupOwner(app);
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await backend.cleanup();
    });

    test('health says which database answers', async () => {
      const r = await app.inject('/health');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { ok: true, db: backend.kind });
    });

    test('lists publications with their sections', async () => {
      const [pub] = (await app.inject('/api/publications')).json();
      assert.equal(pub.slug, 'python-weekly');
      assert.deepEqual(pub.languages, ['zh', 'en', 'ja']);
      assert.ok(pub.sections.some((s: { key: string }) => s.key === 'articles'));
    });

    test('readers see published issues only; drafts need a session', async () => {
      assert.deepEqual((await app.inject('/api/publications/python-weekly/issues')).json(), []);
      assert.equal((await app.inject('/api/publications/python-weekly/issues/1')).statusCode, 404);
    });

    test('lists issues with their titles per language', async () => {
      const issues = (await editor.get('/api/publications/python-weekly/issues')).json();
      assert.equal(issues.length, 1);
      assert.equal(issues[0].number, 1);
      assert.equal(issues[0].title.en, 'Welcome to Pressroom');
      assert.equal(issues[0].items, 2);
    });

    test('returns an issue and its items', async () => {
      const issue = (await editor.get('/api/publications/python-weekly/issues/1')).json();
      assert.equal(issue.date, '2030-05-04');
      const items = (await editor.get('/api/publications/python-weekly/issues/1/items')).json();
      assert.deepEqual(
        items.map((i: { section: string }) => i.section),
        ['articles', 'projects'],
      );
    });

    test('unknown things are a 404 with a message', async () => {
      const r = await editor.get('/api/publications/python-weekly/issues/99');
      assert.equal(r.statusCode, 404);
      assert.deepEqual(r.json(), { error: 'no issue #99' });
      assert.equal((await app.inject('/api/publications/nope/issues')).statusCode, 404);
    });

    test('the API is read-only', async () => {
      const r = await app.inject({ method: 'DELETE', url: '/api/publications/python-weekly/issues/1', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf } });
      assert.equal(r.statusCode, 404);
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/publications/python-weekly/issues/1' })).statusCode, 401, 'and strangers learn nothing');
      assert.equal((await editor.post('/api/publications/python-weekly/issues/1', {})).statusCode, 404);
    });
  });
}
