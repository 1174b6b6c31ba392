import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { repairMojibake } from './mojibake.ts';

// What a program does when it reads UTF-8 bytes with the wrong single-byte decoder.
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};
const asWindows1252 = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');
const asLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
const asMacRoman = (s: string) => new TextDecoder('macintosh').decode(Buffer.from(s, 'utf8'));

const TEXTS = [
  '🦄文章&教程：本期分享了 12 篇文章，全文 2200 字。',
  'Python トレンド週刊：記事 12 本を紹介します',
  'café “quoted” — it’s naïve façade',
  'Привет, мир! Ελληνικά κείμενα',
  '한국어 텍스트와 😀👍🏽 이모지',
  'Grüße aus Köln, ¿qué tal? Ørsted',
  'العربية עברית हिन्दी',
];

describe('mojibake repair', () => {
  for (const [name, garble] of [
    ['Windows-1252', asWindows1252],
    ['Latin-1', asLatin1],
    ['Mac Roman', asMacRoman],
  ] as const) {
    test(`restores text read once as ${name}`, () => {
      for (const t of TEXTS) {
        const bad = garble(t);
        assert.notEqual(bad, t);
        assert.equal(repairMojibake(bad).text, t);
      }
    });
    test(`restores text read twice as ${name}`, () => {
      for (const t of TEXTS) {
        const r = repairMojibake(garble(garble(t)));
        assert.equal(r.text, t);
        assert.equal(r.undone.length, 2);
      }
    });
  }

  test('repairs a garbled stretch inside otherwise correct text', () => {
    const line = `正确的中文，然后 ${asWindows1252('被误读的中文')} 以及 café`;
    assert.equal(repairMojibake(line).text, '正确的中文，然后 被误读的中文 以及 café');
  });

  test('leaves correct text in any script alone', () => {
    const more = ['“Äpfel” und «CAFÉ»', '√2 ≈ 1.414, ∞ > π', 'Ã is a letter too', '¡Olé! £5 ©2030 ®', 'façade — naïve — coöperate'];
    for (const t of [...TEXTS, ...more]) {
      const r = repairMojibake(t);
      assert.equal(r.text, t);
      assert.deepEqual(r.undone, []);
    }
  });
});
