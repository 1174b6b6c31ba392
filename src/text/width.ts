// How wide text is when set: an East Asian wide character (Han, kana, Hangul, fullwidth forms)
// takes two columns, anything else one. Charts cut their labels by it, the e-book's cover wraps
// its title by it, and the word cloud sizes its boxes by it.

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;

export const isWide = (ch: string): boolean => WIDE.test(ch);

export const columnsOf = (ch: string): 1 | 2 => (WIDE.test(ch) ? 2 : 1);

/** `text` cut to `cols` columns, with an ellipsis when something was cut. */
export function cutToColumns(text: string, cols: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    n += columnsOf(ch);
    if (n > cols) return `${out}…`;
    out += ch;
  }
  return out;
}

/** `text` in lines of at most `cols` columns each. */
export function wrapToColumns(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  let n = 0;
  for (const ch of text) {
    const w = columnsOf(ch);
    if (n + w > cols && line) {
      lines.push(line);
      line = '';
      n = 0;
    }
    line += ch;
    n += w;
  }
  if (line) lines.push(line);
  return lines;
}
