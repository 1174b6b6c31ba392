import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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

describe('counting a long text', () => {
  /** What one segmenter pass over the whole text counts: the reference the chunks must match. */
  const onePass = (text: string) => {
    let n = 0;
    for (const seg of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
      if (!seg.isWordLike) continue;
      const cjk = seg.segment.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
      n += cjk === 0 ? 1 : cjk + (/[\p{L}\p{N}]/u.test(seg.segment.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, '')) ? 1 : 0);
    }
    return n;
  };
  test('gives what one pass over it gives: many lines, one long Latin line, one long CJK line, emoji at the cuts', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i + 1}、[工具 tool${i} 发布](https://e.com/${i}) 支持 async 和 PEP ${600 + i}，作者写了长文。`).join('\n');
    const latin = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const cjk = '潮流周刊每周精选'.repeat(800);
    const emoji = '😀中'.repeat(2500);
    for (const text of [lines, latin, cjk, emoji, `${lines}\n${latin}${cjk}\n${emoji}`]) {
      assert.ok(text.length > 2000);
      assert.equal(countWords(text), onePass(text), `${text.length} characters`);
    }
  });
});

test('a 200,000-character issue is counted, and counts what its lines count one by one', () => {
  const line = '1、[一个 Rust 写的 Python 工具 uv 0.5 发布](https://e.com/uv) 支持 PEP 751 锁文件，improves caching。';
  const lines = Array.from({ length: Math.ceil(200_000 / (line.length + 1)) }, (_, i) => `${line}${i}`);
  const text = lines.join('\n');
  assert.ok(text.length >= 200_000);
  assert.equal(countWords(text), lines.reduce((n, l) => n + countWords(l), 0));
});
