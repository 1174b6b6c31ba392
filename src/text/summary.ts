// An extractive summary: the article's opening sentences, cut at a sentence boundary. What a blurb
// falls back to when no language model is configured.

/** A character of Chinese, Japanese or Korean script. */
export const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** The first sentences of `text` that fit in `maxChars` (CJK text gets half as many). Skips
 * boilerplate-looking lines (very short, or menus of links). */
export function extractiveSummary(text: string, lang = 'en', maxChars = 280): string {
  const limit = CJK.test(text.slice(0, 200)) || lang === 'zh' || lang === 'ja' ? Math.round(maxChars / 2) : maxChars;
  const paragraphs = text
    .split(/\n{1,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length >= 40 || (CJK.test(p) && p.length >= 15));
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  let out = '';
  for (const p of paragraphs) {
    for (const { segment } of segmenter.segment(p)) {
      const s = segment.trim();
      if (!s) continue;
      const next = out ? (CJK.test(s[0]!) || CJK.test(out.at(-1)!) ? out + s : `${out} ${s}`) : s;
      if (next.length > limit) return out || cutAtWord(s, limit);
      out = next;
    }
    if (out.length > limit * 0.6) break;
  }
  return out;
}

/** `s` in at most `limit` characters: cut at the last space or line break in reach (unless that
 * loses more than 40%), never inside a surrogate pair, an ellipsis marking the cut. */
export function cutAtWord(s: string, limit: number): string {
  if (s.length <= limit) return s;
  let head = s.slice(0, limit - 1);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  return `${space > limit * 0.6 ? head.slice(0, space) : head}…`;
}
