import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnsOf, cutToColumns, wrapToColumns } from './width.ts';

test('a wide character takes two columns; text is cut and wrapped by columns, not characters', () => {
  assert.deepEqual(['a', '潮', 'カ', '한', '，', '—', '😀'].map(columnsOf), [1, 2, 2, 2, 2, 1, 2]);
  assert.equal(cutToColumns('Python 潮流周刊', 10), 'Python 潮…');
  assert.equal(cutToColumns('short', 10), 'short');
  assert.deepEqual(wrapToColumns('Python 潮流周刊第 1 季', 8), ['Python ', '潮流周刊', '第 1 季']);
});
