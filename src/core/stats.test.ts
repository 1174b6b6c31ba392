import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testIssues, testPublication } from '../app/test-fixtures.ts';
import { archiveStats, booksOf, groupItems } from './stats.ts';

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

describe('items counted by section, domain, language and month', () => {
  const pub = testPublication();
  const issues = testIssues(6);
  // One English-language article, marked as the house style marks it.
  issues[0]!.items[0]!.texts.zh!.suffix = '（英文）';
  issues[5]!.items[0]!.url = 'https://www.blog.example.org/6/other';

  test('by section: each section\'s items and the issues that had any, most first', () => {
    const rows = groupItems(issues, pub, 'section');
    const total = issues.reduce((n, i) => n + i.items.length, 0);
    assert.equal(rows.reduce((n, r) => n + r.items, 0), total);
    const articles = rows.find((r) => r.key === 'articles')!;
    assert.equal(articles.items, issues.reduce((n, i) => n + i.items.filter((x) => x.section === 'articles').length, 0));
    assert.equal(articles.issues, 6);
    assert.ok(rows.every((r, i) => i === 0 || rows[i - 1]!.items >= r.items), 'most first');
    assert.ok(Math.abs(rows.reduce((n, r) => n + r.share, 0) - 1) < 1e-9);
  });

  test('by domain, with www. folded; by language from the foreign mark; by month in order', () => {
    const domains = groupItems(issues, pub, 'domain');
    assert.equal(domains.find((r) => r.key === 'blog.example.org')!.items, 6, 'www.blog.example.org counts as blog.example.org');
    const langs = groupItems(issues, pub, 'language');
    assert.equal(langs.find((r) => r.key === 'en')!.items, 1);
    const months = groupItems(issues, pub, 'month').map((r) => r.key);
    assert.deepEqual(months, [...new Set(issues.map((i) => i.date.slice(0, 7)))].sort());
  });
});
