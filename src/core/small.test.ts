// The small pure pieces: star counts as the weekly writes them, templates, canonical JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical.ts';
import { formatStars, parseStars } from './stars.ts';
import { fill } from './template.ts';

test('star counts: written as the weekly does, read back from its spellings', () => {
  assert.deepEqual([950, 1000, 1234, 27_500, 999_999, 1_500_000].map(formatStars), ['950', '1K', '1.2K', '27.5K', '1M', '1.5M']);
  assert.deepEqual(['950', '1.2K', '27.5k', '1,234', '1.5M', '3万', '12 K'].map(parseStars), [950, 1200, 27_500, 1234, 1_500_000, 30_000, 12_000]);
  for (const bad of ['', 'many', '1.2.3K', 'K']) assert.equal(parseStars(bad), undefined, bad);
});

test('templates fill {name}, keep unknown placeholders as written, and {{ is a brace', () => {
  assert.equal(fill('第 {n} 期 · {title}', { n: 12, title: 'x' }), '第 12 期 · x');
  assert.equal(fill('{missing} stays', {}), '{missing} stays');
  assert.equal(fill('{{n} is {n}', { n: 3 }), '{n} is 3');
});

test('canonical JSON does not depend on the order keys were written in', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }), canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }), 'arrays keep their order');
});
