// A season's compilation and link digest, made from stored issues: byte for byte against files
// written for these fixtures (src/app/testdata/season/); only published issues of the season
// count; the posts are drafts, which readers do not get until published; a post of the same
// name is refused, naming both, and kept as it was.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { getPost, listPosts } from '../store/posts.ts';
import type { StoredPublication } from '../store/publications.ts';
import { AppError } from './errors.ts';
import { generateSeasonPost, setPostPublished } from './season.ts';
import { storeWithTestPublication, testIssue } from './test-fixtures.ts';

const expected = (name: string) => readFileSync(join(import.meta.dirname, 'testdata/season', name), 'utf8');

describe('season compilation and link digest', () => {
  let store: Store;
  let stored: StoredPublication;
  before(async () => {
    ({ store, stored } = await storeWithTestPublication());
    const issues = [testIssue(1), testIssue(2), testIssue(3), testIssue(31), { ...testIssue(4), status: 'draft' as const }];
    // A note with a related link: the digest's appendix lists it.
    issues[1]!.items[0]!.texts.zh!.note = '另见 [一篇续作](https://blog.example.org/2/sequel)';
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
  });
  after(() => store?.close());

  const make = (kind: 'compilation' | 'digest', lang = 'zh', replace = false) =>
    generateSeasonPost(store.db, stored, { season: 1, kind, lang, date: '2025-02-01', siteUrl: 'https://weekly.example.com/', replace });

  test('the compilation: each published issue of the season under a heading that links to it, without pictures', async () => {
    const zh = await make('compilation');
    assert.deepEqual(zh.issues, [1, 2, 3], 'the draft #4 and season 2\'s #31 are not in it');
    assert.equal(zh.body, expected('2025-02-01-sweekly.zh.md'));
    assert.doesNotMatch(zh.body, /!\[/, 'no pictures');
    const en = await make('compilation', 'en');
    assert.equal(en.body, expected('2025-02-01-sweekly.en.md'));
  });

  test('the digest: titles by section, numbered through the season, and the notes\' links in an appendix', async () => {
    const zh = await make('digest');
    assert.equal(zh.body, expected('2025-02-01-iweekly.zh.md'));
    assert.equal(zh.links, 10, '9 titles and 1 related link');
  });

  test('the posts are drafts: readers get them once published', async () => {
    assert.equal((await listPosts(store.db, stored.id)).length, 0, 'a draft is not among the published posts');
    assert.equal((await listPosts(store.db, stored.id, { drafts: true })).length, 3);
    await setPostPublished(store.db, stored, '2025-02-01-iweekly', 'zh', true);
    assert.deepEqual((await listPosts(store.db, stored.id)).map((p) => p.slug), ['2025-02-01-iweekly']);
  });

  test('a post of the same name is refused, naming both, and kept as it was', async () => {
    const before = await getPost(store.db, stored.id, '2025-02-01-sweekly', 'zh');
    await assert.rejects(make('compilation'), (e: AppError) => e instanceof AppError && /"2025-02-01-sweekly" \(zh\) exists already: ".+", draft, dated 2025-02-01; the new compilation of season 1 would be ".+"/.test(e.message));
    assert.deepEqual(await getPost(store.db, stored.id, '2025-02-01-sweekly', 'zh'), before);
    const again = await make('compilation', 'zh', true);
    assert.equal(again.result, 'unchanged');
  });

  test('a season without a published issue says so', async () => {
    await assert.rejects(generateSeasonPost(store.db, stored, { season: 5, kind: 'digest', siteUrl: 'https://weekly.example.com' }), /season 5 \(issues 121-150\) has no published issue in zh/);
  });
});
