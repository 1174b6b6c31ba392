import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords, plainText, roundedWords } from './word-count.ts';

test('each Chinese or Japanese character counts as one 字', () => {
  assert.equal(countWords('本期分享了文章'), 7);
  assert.equal(countWords('ひらがなとカタカナ'), 9);
});

test('Latin words and numbers count once each, punctuation and emoji not at all', () => {
  assert.equal(countWords('Shared 12 open-source projects! 🦄'), 5);
});

test('mixed text adds both', () => {
  assert.equal(countWords('用 Python 3.12 写代码'), 6);
});

test('link targets and image tags are not words', () => {
  const md = '1、[标题](https://example.com/a-very-long-path)\n\n![](https://img.example.com/x.png)简介';
  assert.equal(countWords(plainText(md)), 4);
});

test('the total is shown to the nearest hundred', () => {
  assert.equal(roundedWords(0), 0);
  assert.equal(roundedWords(37), 100);
  assert.equal(roundedWords(2249), 2200);
  assert.equal(roundedWords(2250), 2300);
});
