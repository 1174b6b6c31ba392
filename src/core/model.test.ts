import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PUBLICATION } from './demo-publication.ts';
import { editionFor, postEditionFor, seasonOf, type Publication } from './model.ts';

const teaser = (unlock?: Publication['publishing'] extends infer P ? (P extends { unlock?: infer U } ? U : never) : never): Publication => ({
  ...DEMO_PUBLICATION,
  publishing: { editions: { site: 'teaser', email: 'teaser' }, ...(unlock ? { unlock } : {}) },
});

test('a member always gets the full edition; anyone else the channel\'s, full where none is set', () => {
  const pub = teaser();
  assert.equal(editionFor(pub, 'site', true), 'full');
  assert.equal(editionFor(pub, 'site'), 'teaser');
  assert.equal(editionFor(pub, 'telegram'), 'full', 'a channel without a setting is full');
  assert.equal(editionFor(DEMO_PUBLICATION, 'email'), 'full');
});

test('an old issue unlocks after so many issues or days, and never without knowing the moment', () => {
  const issue = { number: 10, date: '2030-01-05' };
  const byIssues = teaser({ afterIssues: 3 });
  assert.equal(editionFor(byIssues, 'site', false, issue, { latest: 12, today: '2030-01-20' }), 'teaser');
  assert.equal(editionFor(byIssues, 'site', false, issue, { latest: 13, today: '2030-01-20' }), 'full');
  assert.equal(editionFor(byIssues, 'site', false, issue), 'teaser', 'no moment: nothing unlocks');
  const byDays = teaser({ afterDays: 30 });
  assert.equal(editionFor(byDays, 'site', false, issue, { latest: 10, today: '2030-02-03' }), 'teaser');
  assert.equal(editionFor(byDays, 'site', false, issue, { latest: 10, today: '2030-02-04' }), 'full');
});

test('a season compilation takes the channel\'s edition; a digest is everyone\'s', () => {
  const pub = teaser();
  assert.equal(postEditionFor(pub, 'site', { kind: 'compilation' }), 'teaser');
  assert.equal(postEditionFor(pub, 'site', { kind: 'compilation' }, true), 'full');
  assert.equal(postEditionFor(pub, 'site', { kind: 'digest' }), 'full');
});

test('seasons are 30 issues: 1–30 the first, 31 the second', () => {
  assert.deepEqual([1, 30, 31, 60, 61, 0].map(seasonOf), [1, 1, 2, 2, 3, 1]);
});
