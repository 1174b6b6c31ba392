// Rules that keep broken content from readers, wherever an issue is made: no item without a title
// in the first language, the next draft dated one interval on, no counts line naming nothing, no
// edition in a language the issue has no items in, no title ending in a bare "#3：".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextIssueDate } from '../core/cadence.ts';
import { countsLine, emptyCounts } from '../core/counts.ts';
import { DEMO_PUBLICATION } from '../core/demo-publication.ts';
import { applyOps, EditError } from '../core/edit.ts';
import type { Issue } from '../core/model.ts';
import { hasLang } from '../channels/site/content.ts';
import { staleTranslations } from '../core/model.ts';
import { checkIssue } from './preflight.ts';
import { Site } from '../channels/site/site.ts';
import { renderEdition } from '../markdown/render.ts';

const pub = DEMO_PUBLICATION;
const draft = (over: Partial<Issue> = {}): Issue => ({ number: 3, date: '2030-03-08', status: 'draft', edition: 'full', editions: pub.languages.map((lang) => ({ lang, edition: 'full', title: '' })), items: [], ...over });

test('an item cannot be added without a title in the first language', () => {
  const item = { id: 1, section: 'articles', position: 0, url: 'https://blog.example.net/a', image: null, meta: {}, texts: { en: { title: 'English only', blurb: '' } } };
  assert.throws(() => applyOps(draft(), pub, [{ op: 'add', item }]), (e: unknown) => e instanceof EditError && /title in zh/.test((e as Error).message));
  assert.doesNotThrow(() => applyOps(draft(), pub, [{ op: 'add', item: { ...item, texts: { zh: { title: '一篇文章', blurb: '' } } } }]));
});

test('the next draft is one publishing interval after the last issue, never before today', () => {
  assert.equal(nextIssueDate(['2030-03-01', '2030-02-22', '2030-02-15'], new Date('2030-03-01T10:00:00Z')), '2030-03-08', 'weekly: a week on, not the day just published');
  assert.equal(nextIssueDate(['2030-03-01', '2030-02-15', '2030-02-01'], new Date('2030-03-02T00:00:00Z')), '2030-03-15', 'fortnightly');
  assert.equal(nextIssueDate(['2029-01-05'], new Date('2030-03-02T00:00:00Z')), '2030-03-02', 'a long pause: today');
  assert.equal(nextIssueDate([], new Date('2030-03-02T00:00:00Z')), '2030-03-02');
});

test('a counts line that would count nothing is not written', () => {
  const zh = pub.style.langs.zh!;
  assert.equal(countsLine(zh, emptyCounts(), 54), '');
  assert.match(countsLine(zh, { ...emptyCounts(), article: 2 }, 540), /本期分享了 2 篇文章/);
  const notes = draft({ editions: [{ lang: 'zh', edition: 'full', title: '只有说明' }], items: [] });
  assert.doesNotMatch(renderEdition(notes, pub, 'zh', 'full'), /本期分享了 ，/);
});

test('an edition made in the app with a title and no items is not a language the issue is published in', () => {
  const issue = draft({ editions: [{ lang: 'zh', edition: 'full', title: '标题' }, { lang: 'en', edition: 'full', title: 'Title' }], items: [{ id: 1, section: 'articles', position: 0, url: 'https://a.example.net/', image: null, meta: {}, texts: { zh: { title: '一篇', blurb: '' } } }] });
  assert.equal(hasLang(issue, 'zh'), true);
  assert.equal(hasLang(issue, 'en'), false, 'an English title alone publishes nothing in English');
  const imported = { ...issue, editions: [...issue.editions.filter((e) => e.lang !== 'en'), { lang: 'en', edition: 'full' as const, title: 'Note', layout: { header: { kind: 'none' as const }, blocks: [], end: '\n', eol: '\n' as const, bom: false } as never }] };
  assert.equal(hasLang(imported, 'en'), true, 'an imported edition with its own layout is kept as it was');
});

test('an issue without a title reads "Python 潮流周刊#3", not "#3："', () => {
  const site = new Site(pub, [], { siteUrl: 'https://weekly.example.com', served: true });
  assert.equal(site.title(draft(), 'zh'), 'Python 潮流周刊#3');
  assert.equal(site.title(draft({ editions: [{ lang: 'zh', edition: 'full', title: '标题' }] }), 'zh'), 'Python 潮流周刊#3：标题');
});

test('a translation written from an earlier first-language text is stale, and the preflight says so', () => {
  const issue = draft({ editions: [{ lang: 'zh', edition: 'full', title: '标题' }], items: [{ id: 1, section: 'articles', position: 0, url: 'https://a.example.net/', image: null, meta: {}, texts: { zh: { title: '一篇', blurb: '原来的介绍' } } }] });
  applyOps(issue, pub, [{ op: 'text', id: 1, lang: 'en', field: 'title', value: 'One' }, { op: 'text', id: 1, lang: 'en', field: 'blurb', value: 'The first blurb' }]);
  assert.deepEqual(staleTranslations(issue.items[0]!, 'zh'), [], 'just translated');
  assert.equal(checkIssue(issue, pub).some((f) => /written from an earlier/.test(f.what)), false);
  applyOps(issue, pub, [{ op: 'text', id: 1, lang: 'zh', field: 'blurb', value: '改过的介绍' }]);
  assert.deepEqual(staleTranslations(issue.items[0]!, 'zh'), ['en']);
  assert.ok(checkIssue(issue, pub).some((f) => f.lang === 'en' && /the en text of "一篇" was written from an earlier zh text/.test(f.what)));
  applyOps(issue, pub, [{ op: 'text', id: 1, lang: 'en', field: 'blurb', value: 'The changed blurb' }]);
  assert.deepEqual(staleTranslations(issue.items[0]!, 'zh'), [], 'translated again');
});
