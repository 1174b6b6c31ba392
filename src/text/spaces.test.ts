import assert from 'node:assert/strict';
import { test } from 'node:test';
import { squashSpaces } from './spaces.ts';

test('runs of white space of every kind become one space; text with none is returned as it is', () => {
  assert.equal(squashSpaces('a  b\tc\n\nd\u00a0e \r\n f'), 'a b c d e f');
  assert.equal(squashSpaces(' lead and trail '), ' lead and trail ', 'single spaces, at the ends too, stay');
  assert.equal(squashSpaces('标题\u3000全角'), '标题 全角');
  const plain = 'Mon, 07 Dec 2026 20:00:00 GMT';
  assert.equal(squashSpaces(plain), plain);
});
