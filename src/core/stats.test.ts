import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testIssues, testPublication } from '../app/test-fixtures.ts';
import { archiveStats, booksOf } from './stats.ts';

describe('archive statistics', () => {
  const pub = testPublication();
  const issues = testIssues(35);
  // Issues 10 and 31 gave books away, as the weekly's description line says.
  issues[9]!.editions[0]!.description = '本期分享了 3 篇文章，赠书 5 本，欢迎参与。';
  issues[30]!.editions.find((e) => e.lang === 'en')!.description = 'Three articles, and 2 books given away.';

  test('counts each kind, words and books, per issue, per season of 30 and in total', () => {
    const s = archiveStats(issues, pub, () => 100);
    assert.equal(s.issues, 35);
    assert.deepEqual(s.items, { article: 35, project: 35, media: 0, discussion: 35 });
    assert.equal(s.words, 3500);
    assert.equal(s.books, 7);
    assert.deepEqual(
      s.seasons.map((x) => [x.season, x.issues, x.items.article, x.books, x.words]),
      [
        [1, 30, 30, 5, 3000],
        [2, 5, 5, 2, 500],
      ],
    );
    assert.equal(s.perIssue[9]!.books, 5);
  });

  test('books come from the description, the primary language first, and nothing else', () => {
    assert.equal(booksOf(issues[9]!, pub), 5);
    assert.equal(booksOf(issues[30]!, pub), 2);
    assert.equal(booksOf(issues[0]!, pub), 0, 'no description: none');
  });
});
