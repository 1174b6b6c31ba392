// A word count that treats Chinese and Japanese the way their readers do: every Han, kana or
// Hangul character is one "字", every run of letters or digits in other scripts is one word.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

export function countWords(text: string, locale = 'zh'): number {
  let n = 0;
  for (const seg of segmenter(locale).segment(text)) {
    if (!seg.isWordLike) continue;
    const cjk = seg.segment.match(CJK)?.length ?? 0;
    if (cjk === 0) n++;
    else {
      n += cjk;
      // Latin letters or digits glued to CJK characters inside one segment still count once.
      if (/[\p{L}\p{N}]/u.test(seg.segment.replace(CJK, ''))) n++;
    }
  }
  return n;
}

/** Markdown to the words a reader sees: link targets, image tags, item numbers and markup removed. */
export function plainText(markdown: string): string {
  // Most titles and many blurbs have no markup: one look instead of five replacements.
  if (!/[!\[\]`*_#>|~:\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|^[ \t]*\d/m.test(markdown)) return markdown;
  return markdown
    .replace(/^[ \t]*(\d+[、.]|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])[ \t]*/gmu, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[`*_#>|~]/g, ' ');
}

/** "全文 2200 字" rounds to the nearest hundred, never below one hundred for a non-empty text. */
export function roundedWords(n: number): number {
  if (n === 0) return 0;
  return Math.max(100, Math.round(n / 100) * 100);
}
