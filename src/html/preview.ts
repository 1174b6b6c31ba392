// A text preview of ingested HTML: what the inbox shows of an entry, and what the fallback blurb
// is cut from. Markup is read, never kept: the result is plain text (escape it wherever it is
// shown), so a page this scanner misreads can only yield odd text, never live markup. It reads
// only as far as the preview needs, which is what makes collecting hundreds of full-content
// feeds cheap; the full, sanitised HTML stays one call away (html/sanitize.ts).

import { decodeHTML } from 'entities';
import { cutAtWord } from '../text/summary.ts';
import { isAsciiLetter } from '../text/ascii.ts';

export interface HtmlPreview {
  /** Plain text, paragraphs on their own lines, at most `maxChars` long (an ellipsis marks a cut). */
  text: string;
  /** The first image worth showing (no tracking pixels, no data: URLs), made absolute. */
  image?: string;
}

/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'head', 'svg', 'math', 'iframe', 'object', 'select', 'video', 'audio']);
/** Elements that start a new line. */
const BLOCK = new Set([
  'p', 'br', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote', 'pre',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'hr', 'details', 'summary', 'main', 'nav',
]);

const NAME_END = /[\s/>]/;

export function htmlPreview(html: string, opts: { maxChars?: number; base?: string } = {}): HtmlPreview {
  const max = opts.maxChars ?? 500;
  const n = html.length;
  const out = new Line();
  let image: string | undefined;
  let i = 0;
  while (i < n && out.length <= max) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      addText(out, html, i, n, max);
      break;
    }
    if (lt > i) addText(out, html, i, lt, max);
    const c = html.charCodeAt(lt + 1);
    if (c === 33 /* ! */ && html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
    } else if (c === 33 || c === 63 /* ? */ || (c === 47 /* / */ && !isAsciiLetter(html.charCodeAt(lt + 2)))) {
      const end = html.indexOf('>', lt + 2);
      i = end === -1 ? n : end + 1;
    } else if (c === 47) {
      const { name, end } = readName(html, lt + 2);
      const close = html.indexOf('>', end);
      i = close === -1 ? n : close + 1;
      if (BLOCK.has(name)) out.break();
    } else if (isAsciiLetter(c)) {
      const { name, end } = readName(html, lt + 1);
      const tag = readAttributes(html, end, name === 'img' && !image);
      i = tag.end;
      if (tag.src !== undefined) image = imageUrl(tag.src, tag.tiny, opts.base);
      if (BLOCK.has(name)) out.break();
      if (HIDDEN.has(name) && !tag.selfClosing) {
        const closing = new RegExp(`</${name}[\\s/>]`, 'ig');
        closing.lastIndex = i;
        const m = closing.exec(html);
        const gt = m ? html.indexOf('>', m.index) : -1;
        i = gt === -1 ? n : gt + 1;
      }
    } else {
      out.text('<');
      i = lt + 1;
    }
  }
  const result: HtmlPreview = { text: cutAtWord(out.toString(), max) };
  if (image) result.image = image;
  return result;
}

/** Reads html[from, to) into the line a window at a time, and no further than the preview can
 * hold: a paragraph of a full-content feed can be many times the preview. A window is as long as
 * what the preview still needs, and a little more; it never ends inside an entity (at most 32
 * characters); white space and entities that shrink a window's text only cost another window. */
function addText(out: Line, html: string, from: number, to: number, max: number): void {
  let i = from;
  while (i < to && out.length <= max) {
    let end = Math.min(to, i + (max - out.length + 1) + 64);
    const amp = end < to ? html.lastIndexOf('&', end - 1) : -1;
    if (amp >= i && end - amp <= 32 && !html.slice(amp, end).includes(';')) end = amp > i ? amp : Math.min(to, amp + 33);
    out.text(html.slice(i, end));
    i = end;
  }
}

const SPACES = /[\t\n\f\r\u00a0]|  /;
const SPACE_RUNS = /[\s\u00a0]+/g;

/** Text as it is read: entities decoded, runs of white space one space, block ends one newline. */
class Line {
  private parts: string[] = [];
  length = 0;
  private space = false;
  private newline = false;

  text(raw: string): void {
    let s = raw.includes('&') ? decodeHTML(raw) : raw;
    if (SPACES.test(s)) s = s.replace(SPACE_RUNS, ' ');
    if (s.startsWith(' ')) {
      this.space = true;
      s = s.slice(1);
    }
    if (!s) return;
    const trailing = s.endsWith(' ');
    if (trailing) s = s.slice(0, -1);
    if (this.length > 0 && (this.newline || this.space)) this.push(this.newline ? '\n' : ' ');
    this.push(s);
    this.newline = false;
    this.space = trailing;
  }

  break(): void {
    this.newline = true;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

function readName(html: string, from: number): { name: string; end: number } {
  let end = from;
  while (end < html.length && !NAME_END.test(html[end]!)) end++;
  return { name: html.slice(from, end).toLowerCase(), end };
}

/** Reads a tag's attributes up to its ">", quotes respected; returns an img's src and whether it is a pixel. */
function readAttributes(html: string, from: number, wantImage: boolean): { end: number; selfClosing: boolean; src: string | undefined; tiny: boolean } {
  const n = html.length;
  let i = from;
  let src: string | undefined;
  let tiny = false;
  let selfClosing = false;
  while (i < n) {
    const ch = html[i]!;
    if (ch === '>') return { end: i + 1, selfClosing, src, tiny };
    if (ch === '/') {
      selfClosing = html[i + 1] === '>';
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !/[\s/>=]/.test(html[j]!)) j++;
    // Names and values are made into strings only for the image looked for: most tags are passed over.
    const keyFrom = i;
    const keyTo = j;
    i = j;
    while (i < n && /\s/.test(html[i]!)) i++;
    let valueFrom = i;
    let valueTo = i;
    if (html[i] === '=') {
      i++;
      while (i < n && /\s/.test(html[i]!)) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        valueFrom = i + 1;
        valueTo = close === -1 ? n : close;
        i = close === -1 ? n : close + 1;
      } else {
        valueFrom = i;
        while (i < n && !/[\s>]/.test(html[i]!)) i++;
        valueTo = i;
      }
    }
    selfClosing = false;
    if (!wantImage) continue;
    const key = html.slice(keyFrom, keyTo).toLowerCase();
    const value = html.slice(valueFrom, valueTo);
    if (key === 'src') src = decodeHTML(value);
    else if ((key === 'width' || key === 'height') && /^\s*[01](px)?\s*$/.test(value)) tiny = true;
  }
  return { end: n, selfClosing, src: undefined, tiny };
}

function imageUrl(src: string, tiny: boolean, base: string | undefined): string | undefined {
  if (tiny || !src.trim()) return undefined;
  try {
    const u = new URL(src.trim(), base || undefined);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
