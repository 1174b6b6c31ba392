// Inline Markdown pieces the house style is made of: links, images, circled numbers.

export interface LinkMatch {
  text: string;
  url: string;
  /** Index just past the closing parenthesis. */
  end: number;
}

/**
 * Reads `[text](url)` starting at `start` (which must be "[").
 * Brackets inside the text and parentheses inside the URL nest, as CommonMark allows.
 */
export function readLink(s: string, start: number): LinkMatch | null {
  if (s[start] !== '[') return null;
  let depth = 0;
  let i = start;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  if (depth !== 0 || s[i + 1] !== '(') return null;
  const text = s.slice(start + 1, i);
  let j = i + 2;
  let parens = 1;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === '(') parens++;
    else if (c === ')') {
      parens--;
      if (parens === 0) break;
    } else if (c === '\n') return null;
  }
  if (parens !== 0) return null;
  return { text, url: s.slice(i + 2, j), end: j + 1 };
}

/** Every `[text](url)` in a string, images excluded. */
export function allLinks(s: string): { text: string; url: string }[] {
  const out: { text: string; url: string }[] = [];
  for (let i = s.indexOf('['); i !== -1; i = s.indexOf('[', i + 1)) {
    if (s[i - 1] === '!') continue;
    const m = readLink(s, i);
    if (m) {
      out.push({ text: m.text, url: m.url });
      i = m.end - 1;
    }
  }
  return out;
}

/** A paragraph that is exactly one image: `![alt](url)`. */
export function wholeImage(s: string): { alt: string; url: string } | null {
  if (!s.startsWith('![')) return null;
  const m = readLink(s, 1);
  if (!m || m.end !== s.length) return null;
  return { alt: m.text, url: m.url };
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿';

/** ① for 1, up to ㊿ for 50; beyond that "(51)". */
export function circled(n: number): string {
  return [...CIRCLED][n - 1] ?? `(${n})`;
}

/** 1 for ①, or 0 when the character is not a circled number. */
export function uncircled(ch: string): number {
  return [...CIRCLED].indexOf(ch) + 1;
}

export const CIRCLED_CLASS = `[${CIRCLED}]`;

/** Emoji at the start of a heading, variation selectors and joiners included. */
export function leadingEmoji(s: string): string {
  const m = /^(?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)+/u.exec(s);
  return m ? m[0] : '';
}
